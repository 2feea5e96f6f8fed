import { z } from 'zod';
import { carStateSchema, type SectorTime } from './car-state';
import { classInfoSchema, sessionInfoSchema, type CarFeed, type CarState, type Gap, type LapMark } from './model';
import type { SessionState } from './apply';
import { crossingAt, lastLapCompletedBy, NO_CROSSINGS, type LineCrossings } from './crossings';
import { applyRulings, type ActiveDecision } from '../race-control/rulings';
import type { LapHistory, LapRecord } from './lap-history';
import { lapSummary, type LapSummary } from './lap-summary';
import { sameFields, sameItems } from '../util/same';
import { fasterOf, holdsEveryBest, markSectors, sameSectorTimes, type SectorBests } from './sector-marks';

/** Everything a viewer is shown about a session's running order. */
export const classificationViewSchema = z.object({
  info: sessionInfoSchema,
  classes: z.array(classInfoSchema),
  /** Car numbers in overall running order. */
  order: z.array(z.string()),
  /** By car number, each an own property (built with `Object.fromEntries`, so `__proto__` is a key too). */
  cars: z.record(z.string(), carStateSchema),
});
export type ClassificationView = z.infer<typeof classificationViewSchema>;

/**
 * The running order as viewers see it: the timing order, with race control's decisions in force
 * applied on top (penalised cars re-placed, marks added); without decisions, the feed's order.
 *
 * `previous`, the view derived before this update, lets a car whose feed and derived fields did not
 * change keep its object: most updates move one car, and the delta diff then passes the others by
 * identity instead of comparing every field of every car.
 */
export function deriveClassification(
  state: SessionState,
  decisions: readonly ActiveDecision[] = [],
  previous?: ClassificationView,
): ClassificationView {
  const timing = inPositionOrder(state.cars);
  const ruled = decisions.length > 0 ? applyRulings(timing, state.crossings, decisions) : undefined;
  const running = ruled?.cars ?? timing;
  const crossings = ruled?.crossings ?? state.crossings;
  const cars: [string, CarState][] = [];
  const classLeaders = new Map<string, CarFeed>();
  const classAhead = new Map<string, CarFeed>();
  const classCount = new Map<string, number>();
  const overallBest = fastestLap(running);
  const classBest = new Map<string, number>();
  for (const car of running) {
    if (car.bestLapMs !== undefined && car.bestLapMs < (classBest.get(car.classId) ?? Infinity)) {
      classBest.set(car.classId, car.bestLapMs);
    }
  }
  const before = previous && derivations.get(previous.cars);
  // Grid slots and class bests are per class: reusable only while no car joined, left or changed class.
  const sameField = before !== undefined && sameEntries(before.inputs, running);
  const classStart = sameField ? before.classStart : classStartPositions(running);
  const laps = lapsOfCars(running, state.lapHistory, sameField ? before.laps : undefined);
  const leader = running[0];
  const gapAt = (chaser: CarFeed, target: CarFeed) => gapBetween(chaser, target, crossings.get(target.number));
  const inputsByCar = new Map<string, DerivationInputs>();
  let ahead: CarFeed | undefined;
  for (const car of running) {
    const classPosition = (classCount.get(car.classId) ?? 0) + 1;
    classCount.set(car.classId, classPosition);
    const classLeader = classLeaders.get(car.classId) ?? car;
    classLeaders.set(car.classId, classLeader);
    const summary = laps.byCar.get(car.number)!;
    const inClassAhead = classAhead.get(car.classId);
    const classBestLap = classBest.get(car.classId);
    const classStartSlot = classStart.get(car.number);
    const marks = ruled?.marks.get(car.number);
    let inputs: DerivationInputs = {
      car,
      summary,
      classPosition,
      classStartSlot,
      overallBest,
      classBestLap,
      marks,
      overallSectors: laps.overallSectors,
      classSectors: laps.classSectors.get(car.classId),
      leader,
      leaderCrossings: leader && crossings.get(leader.number),
      ahead,
      aheadCrossings: ahead && crossings.get(ahead.number),
      classLeader,
      classLeaderCrossings: crossings.get(classLeader.number),
      classAhead: inClassAhead,
      classAheadCrossings: inClassAhead && crossings.get(inClassAhead.number),
    };
    const shown = previous && Object.hasOwn(previous.cars, car.number) ? previous.cars[car.number] : undefined;
    const known = shown && before?.inputs.get(car.number);
    let view: CarState;
    if (shown && known && sameInputs(known, inputs)) {
      view = shown;
      // The inputs kept are the ones held already: the new, equal ones die young, as most do.
      inputs = known;
    } else {
      const derived: DerivedFields = {
        status: carStatus(car),
        classPosition,
        gap: leader && car !== leader ? gapAt(car, leader) : undefined,
        interval: ahead ? gapAt(car, ahead) : undefined,
        classGap: car !== classLeader ? gapAt(car, classLeader) : undefined,
        classInterval: inClassAhead ? gapAt(car, inClassAhead) : undefined,
        bestLapMark: bestLapMark(car, overallBest, classBestLap),
        lastLapMark: lastLapMark(car, overallBest, classBestLap),
        positionsGained: car.startPosition !== undefined ? car.startPosition - car.position : undefined,
        classPositionsGained: classStartSlot !== undefined ? classStartSlot - classPosition : undefined,
        decisionMarks: marks,
        stint: summary.stint,
        lastSectors: lastSectors(car, summary, laps),
      };
      view = shown && known?.car === car && sameDerivedFields(shown, derived) ? shown : carView(car, derived);
    }
    inputsByCar.set(car.number, inputs);
    cars.push([car.number, view]);
    classAhead.set(car.classId, car);
    ahead = car;
  }
  const order = running.map((car) => car.number);
  const viewCars: ClassificationView['cars'] = {};
  // Car numbers are feed data: `__proto__` must become an own property, not the prototype.
  for (const [number, view] of cars) {
    if (number === '__proto__')
      Object.defineProperty(viewCars, number, { value: view, enumerable: true, writable: true, configurable: true });
    else viewCars[number] = view;
  }
  derivations.set(viewCars, { inputs: inputsByCar, classStart, laps });
  return {
    info: state.info,
    classes: state.classes,
    order: previous && sameItems(previous.order, order) ? previous.order : order,
    cars: viewCars,
  };
}

/** What the session model adds to a car's feed; undefined fields are left out of the car's view. */
type DerivedFields = { [K in (typeof DERIVED_FIELDS)[number]]: CarState[K] };

// In the order they appear in a car's view (and so in its JSON).
const DERIVED_FIELDS = [
  'status',
  'classPosition',
  'gap',
  'interval',
  'classGap',
  'classInterval',
  'bestLapMark',
  'lastLapMark',
  'positionsGained',
  'classPositionsGained',
  'decisionMarks',
  'stint',
  'lastSectors',
] as const;

/**
 * Everything a car's derived fields are worked out from: the car, its lap summary, the bests and
 * grid slots it is measured against, and each car it is gapped to with that car's line crossings.
 * The same inputs give the same fields, so a car whose inputs did not change is not worked out again.
 */
interface DerivationInputs {
  car: CarFeed;
  summary: LapSummary;
  classPosition: number;
  classStartSlot: number | undefined;
  overallBest: number | undefined;
  classBestLap: number | undefined;
  marks: CarState['decisionMarks'];
  overallSectors: SectorBests;
  classSectors: SectorBests | undefined;
  leader: CarFeed | undefined;
  leaderCrossings: LineCrossings | undefined;
  ahead: CarFeed | undefined;
  aheadCrossings: LineCrossings | undefined;
  classLeader: CarFeed;
  classLeaderCrossings: LineCrossings | undefined;
  classAhead: CarFeed | undefined;
  classAheadCrossings: LineCrossings | undefined;
}

/** What a derivation worked from, kept with its cars (which a view keeps when projected) for the next. */
interface Derivation {
  inputs: Map<string, DerivationInputs>;
  classStart: Map<string, number>;
  laps: CarsLaps;
}

const derivations = new WeakMap<ClassificationView['cars'], Derivation>();

/** The same cars in the same classes from the same grid slots as when `inputs` were taken. */
function sameEntries(inputs: Map<string, DerivationInputs>, cars: readonly CarFeed[]): boolean {
  if (inputs.size !== cars.length) return false;
  for (const car of cars) {
    const was = inputs.get(car.number)?.car;
    if (was !== car && (was?.classId !== car.classId || was.startPosition !== car.startPosition)) return false;
  }
  return true;
}

/** Equal inputs: the same values; sector bests, remade on every update, alike time by time. */
function sameInputs(a: DerivationInputs, b: DerivationInputs): boolean {
  return (
    a.car === b.car &&
    a.summary === b.summary &&
    a.classPosition === b.classPosition &&
    a.classStartSlot === b.classStartSlot &&
    a.overallBest === b.overallBest &&
    a.classBestLap === b.classBestLap &&
    a.marks === b.marks &&
    a.leader === b.leader &&
    a.leaderCrossings === b.leaderCrossings &&
    a.ahead === b.ahead &&
    a.aheadCrossings === b.aheadCrossings &&
    a.classLeader === b.classLeader &&
    a.classLeaderCrossings === b.classLeaderCrossings &&
    a.classAhead === b.classAhead &&
    a.classAheadCrossings === b.classAheadCrossings &&
    sameItems(a.overallSectors, b.overallSectors) &&
    (a.classSectors === b.classSectors ||
      (a.classSectors !== undefined && b.classSectors !== undefined && sameItems(a.classSectors, b.classSectors)))
  );
}

/** The car as viewers see it: the feed (its sectors are in the lap history only; lastSectors shows them) and the derived fields. */
function carView(car: CarFeed, derived: DerivedFields): CarState {
  const view: Record<string, unknown> = { ...car };
  for (const key of DERIVED_FIELDS) if (derived[key] !== undefined) view[key] = derived[key];
  return view as CarState;
}

function sameDerivedFields(before: CarState, derived: DerivedFields): boolean {
  for (const key of DERIVED_FIELDS) if (!sameValue(before[key], derived[key])) return false;
  return true;
}

/**
 * Equal as a car's derived field: the same value, or objects and lists (gaps, marks) whose own
 * values are the same. Nested deeper, a new object counts as a change: the car is rebuilt, which
 * costs time, never a wrong view.
 */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && sameFields(a, b));
}

const OUT_OF_RACE: ReadonlySet<CarState['status']> = new Set(['retired', 'dns', 'excluded']);

export function carStatus(car: CarFeed): CarState['status'] {
  if (car.status && car.status !== 'running' && car.status !== 'pit') return car.status;
  return car.inPit ? 'pit' : (car.status ?? 'running');
}

/**
 * The gap as a timing screen shows it, taken at the chaser's last crossing of the line: how many
 * laps the car ahead had completed by then beyond the chaser's, or else the time between the two
 * crossings of that same lap. A car one lap short only because it has not reached the line yet
 * is not a lap down; two laps short, it is at least one down whenever it next crosses. A car out
 * of the race is as many laps down as it is short. Without the ahead car's lap times, laps
 * completed are all there is to go on.
 */
export function gapBetween(
  chaser: CarFeed,
  ahead: CarFeed,
  aheadCrossings: LineCrossings = NO_CROSSINGS,
): Gap | undefined {
  const lapsShort = ahead.laps - chaser.laps;
  const crossedAt = chaser.totalTimeMs;
  const aheadAtSameLap = lapsShort === 0 ? ahead.totalTimeMs : crossingAt(aheadCrossings, chaser.laps);
  const outOfRace = OUT_OF_RACE.has(carStatus(chaser));
  if (crossedAt === undefined || aheadAtSameLap === undefined || outOfRace) {
    return lapsShort > 0 ? { laps: lapsShort } : undefined;
  }
  const aheadLapsThen = lastLapCompletedBy(aheadCrossings, crossedAt, chaser.laps, ahead.laps);
  const lapsDown = Math.max(aheadLapsThen - chaser.laps, lapsShort - 1);
  if (lapsDown > 0) return { laps: lapsDown };
  // Negative when the feed orders the chaser behind a car that completed the lap later: shown as
  // the feed gives it, and reported by orderAgainstRaceTimes.
  return { ms: crossedAt - aheadAtSameLap };
}

interface CarsLaps {
  byCar: Map<string, LapSummary>;
  classSectors: Map<string, SectorBests>;
  overallSectors: SectorBests;
}

const NO_LAPS: readonly LapRecord[] = [];

/**
 * Each car's lap summary, and the sector bests of each class and of the session taken from them.
 * `before`, taken of the same field, gives its bests again when no car's summary changed since;
 * when the summaries that changed only got faster (a lap added), the bests are those bests with
 * the new ones taken in: a car that crossed the line is looked at, not the whole field again.
 */
function lapsOfCars(cars: readonly CarFeed[], history: LapHistory, before?: CarsLaps): CarsLaps {
  const byCar = new Map<string, LapSummary>();
  let onlyFaster = before !== undefined;
  const faster: [CarFeed, LapSummary][] = [];
  for (const car of cars) {
    const summary = lapSummary(history.get(car.number)?.laps ?? NO_LAPS);
    byCar.set(car.number, summary);
    const was = before?.byCar.get(car.number);
    if (!onlyFaster || was === summary) continue;
    if (was && holdsEveryBest(summary.personalSectors, was.personalSectors)) faster.push([car, summary]);
    else onlyFaster = false;
  }
  if (onlyFaster) {
    let { classSectors, overallSectors } = before!;
    if (faster.length > 0) classSectors = new Map(classSectors);
    for (const [car, { personalSectors }] of faster) {
      if (personalSectors.length === 0) continue;
      classSectors.set(car.classId, fasterOf(classSectors.get(car.classId) ?? [], personalSectors));
      overallSectors = fasterOf(overallSectors, personalSectors);
    }
    return { byCar, classSectors, overallSectors };
  }
  const classSectors = new Map<string, SectorBests>();
  let overallSectors: SectorBests = [];
  for (const car of cars) {
    const { personalSectors } = byCar.get(car.number)!;
    if (personalSectors.length === 0) continue;
    classSectors.set(car.classId, fasterOf(classSectors.get(car.classId) ?? [], personalSectors));
    overallSectors = fasterOf(overallSectors, personalSectors);
  }
  return { byCar, classSectors, overallSectors };
}

/**
 * The cars by position. Positions run 1..n without gaps or repeats whenever a feed moves cars
 * (applyFeedUpdate checks it), so each car goes straight to its place; otherwise, sorted.
 */
function inPositionOrder(cars: ReadonlyMap<string, CarFeed>): CarFeed[] {
  const order: CarFeed[] = new Array<CarFeed>(cars.size);
  for (const car of cars.values()) {
    const slot = car.position - 1;
    if (!Number.isInteger(slot) || slot < 0 || slot >= order.length || order[slot] !== undefined) {
      return [...cars.values()].sort((a, b) => a.position - b.position);
    }
    order[slot] = car;
  }
  return order;
}

/** The sectors of the lap the car shows as its last, marked against the bests; none when that lap had none. */
function lastSectors(car: CarFeed, summary: LapSummary, laps: CarsLaps) {
  const { lastLap } = summary;
  if (lastLap?.lap !== car.laps || !lastLap.sectorsMs) return undefined;
  const marked = markSectors(lastLap.sectorsMs, {
    personal: summary.personalSectors,
    inClass: laps.classSectors.get(car.classId) ?? [],
    overall: laps.overallSectors,
  });
  const before = markedLastLaps.get(lastLap);
  if (before && sameSectorTimes(before, marked)) return before;
  markedLastLaps.set(lastLap, marked);
  return marked;
}

/**
 * The marked sectors last shown for each lap. Handing back the same list while the marks stand lets
 * the delta diff pass every car's sectors by identity instead of comparing them on every update.
 * Weak, so it goes with the lap history; a list equal to the new one is the same answer.
 */
const markedLastLaps = new WeakMap<LapRecord, SectorTime[]>();

function fastestLap(cars: readonly CarFeed[]): number | undefined {
  let best: number | undefined;
  for (const car of cars)
    if (car.bestLapMs !== undefined && (best === undefined || car.bestLapMs < best)) best = car.bestLapMs;
  return best;
}

function bestLapMark(car: CarFeed, overall?: number, inClass?: number): CarState['bestLapMark'] {
  if (car.bestLapMs === undefined) return undefined;
  if (car.bestLapMs === overall) return 'overall';
  return car.bestLapMs === inClass ? 'class' : undefined;
}

function lastLapMark(car: CarFeed, overall?: number, inClass?: number): LapMark | undefined {
  if (car.lastLapMs === undefined) return undefined;
  if (car.lastLapMs === overall) return 'overall';
  if (car.lastLapMs === inClass) return 'class';
  return car.lastLapMs === car.bestLapMs ? 'personal' : undefined;
}

/** A car's grid slot among its own class, for class positions gained: the same whatever the running order. */
function classStartPositions(cars: readonly CarFeed[]): Map<string, number> {
  const byClass = new Map<string, CarFeed[]>();
  for (const car of cars) {
    if (car.startPosition === undefined) continue;
    const grid = byClass.get(car.classId);
    if (grid) grid.push(car);
    else byClass.set(car.classId, [car]);
  }
  const slots = new Map<string, number>();
  for (const grid of byClass.values()) {
    // Two cars given one grid slot (a feed's mistake) are told apart by number, not by where they run now.
    grid
      .sort((a, b) => a.startPosition! - b.startPosition! || (a.number < b.number ? -1 : 1))
      .forEach((car, i) => slots.set(car.number, i + 1));
  }
  return slots;
}

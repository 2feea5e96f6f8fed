import { z } from 'zod';
import { carStateSchema, type SectorTime } from './car-state';
import { classInfoSchema, sessionInfoSchema, type CarFeed, type CarState, type Gap, type LapMark } from './model';
import type { SessionState } from './apply';
import { crossingAt, lastLapCompletedBy, NO_CROSSINGS, type LineCrossings } from './crossings';
import { applyRulings, type ActiveDecision } from '../race-control/rulings';
import type { LapHistory, LapRecord } from './lap-history';
import { lapSummary, type LapSummary } from './lap-summary';
import { fasterOf, markSectors, sameSectorTimes, type SectorBests } from './sector-marks';

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
 */
export function deriveClassification(
  state: SessionState,
  decisions: readonly ActiveDecision[] = [],
): ClassificationView {
  const timing = [...state.cars.values()].sort((a, b) => a.position - b.position);
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
  const classStart = classStartPositions(running);
  const laps = lapsOfCars(running, state.lapHistory);
  const leader = running[0];
  const gapAt = (chaser: CarFeed, target: CarFeed) => gapBetween(chaser, target, crossings.get(target.number));
  let ahead: CarFeed | undefined;
  for (const car of running) {
    const classPosition = (classCount.get(car.classId) ?? 0) + 1;
    classCount.set(car.classId, classPosition);
    const classLeader = classLeaders.get(car.classId) ?? car;
    classLeaders.set(car.classId, classLeader);
    const summary = laps.byCar.get(car.number)!;
    const derived: CarState = {
      // Without the feed's sectors (applyFeedUpdate keeps them in the lap history only): lastSectors shows them.
      ...car,
      status: carStatus(car),
      classPosition,
      ...optional('gap', leader && car !== leader ? gapAt(car, leader) : undefined),
      ...optional('interval', ahead ? gapAt(car, ahead) : undefined),
      ...optional('classGap', car !== classLeader ? gapAt(car, classLeader) : undefined),
      ...optional('classInterval', classAhead.has(car.classId) ? gapAt(car, classAhead.get(car.classId)!) : undefined),
      ...optional('bestLapMark', bestLapMark(car, overallBest, classBest.get(car.classId))),
      ...optional('lastLapMark', lastLapMark(car, overallBest, classBest.get(car.classId))),
      ...optional('positionsGained', car.startPosition !== undefined ? car.startPosition - car.position : undefined),
      ...optional(
        'classPositionsGained',
        classStart.has(car.number) ? classStart.get(car.number)! - classPosition : undefined,
      ),
      ...optional('decisionMarks', ruled?.marks.get(car.number)),
      ...optional('stint', summary.stint),
      ...optional('lastSectors', lastSectors(car, summary, laps)),
    };
    cars.push([car.number, derived]);
    classAhead.set(car.classId, car);
    ahead = car;
  }
  return {
    info: state.info,
    classes: state.classes,
    order: running.map((car) => car.number),
    cars: Object.fromEntries(cars),
  };
}

/** Optional fields are omitted rather than undefined, so deltas and JSON stay minimal. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

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
  const outOfRace = ['retired', 'dns', 'excluded'].includes(carStatus(chaser));
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

/** Each car's lap summary, and the sector bests of each class and of the session taken from them. */
function lapsOfCars(cars: readonly CarFeed[], history: LapHistory) {
  const byCar = new Map<string, LapSummary>();
  const classSectors = new Map<string, SectorBests>();
  let overallSectors: SectorBests = [];
  for (const car of cars) {
    const summary = lapSummary(history.get(car.number)?.laps ?? []);
    byCar.set(car.number, summary);
    if (summary.personalSectors.length === 0) continue;
    classSectors.set(car.classId, fasterOf(classSectors.get(car.classId) ?? [], summary.personalSectors));
    overallSectors = fasterOf(overallSectors, summary.personalSectors);
  }
  return { byCar, classSectors, overallSectors };
}

/** The sectors of the lap the car shows as its last, marked against the bests; none when that lap had none. */
function lastSectors(car: CarFeed, summary: LapSummary, laps: ReturnType<typeof lapsOfCars>) {
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

/** A car's grid slot among its own class, for class positions gained. */
function classStartPositions(cars: readonly CarFeed[]): Map<string, number> {
  const byClass = new Map<string, CarFeed[]>();
  for (const car of cars) {
    if (car.startPosition === undefined) continue;
    byClass.set(car.classId, [...(byClass.get(car.classId) ?? []), car]);
  }
  const slots = new Map<string, number>();
  for (const grid of byClass.values()) {
    grid.sort((a, b) => a.startPosition! - b.startPosition!).forEach((car, i) => slots.set(car.number, i + 1));
  }
  return slots;
}

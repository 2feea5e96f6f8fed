import type { CarState, CarStatus } from '../session/model';
import { ChampionshipError } from './errors';
import type {
  PointsAdjustment,
  RaceResult,
  ResultRow,
  ResultStatus,
  Season,
  SeasonEntry,
  SeriesDefinition,
} from './schema';
import { computeStandings, type ChampionshipStandings, type StandingRow } from './standings';

const RESULT_STATUS_OF: Record<CarStatus, ResultStatus> = {
  // A car running or in the pit now would be classified where it is if the race ended now.
  running: 'classified',
  pit: 'classified',
  retired: 'retired',
  dns: 'dns',
  excluded: 'excluded',
};

/**
 * The live running order as a race result, as if the race ended now. Timing feeds name only the
 * driver in the car and may omit team or manufacturer, so the season's entry for the car (same
 * number and class, drivers entered for this race) fills those in: co-drivers score too.
 */
export function raceResultFromCars(
  cars: readonly CarState[],
  race: number,
  entries: readonly SeasonEntry[] = [],
): RaceResult {
  return raceResultBuilder(race, entries)(cars);
}

/**
 * raceResultFromCars for one race, update after update: the season's entries are looked up once,
 * and a car whose fields that make its row are unchanged keeps its last row, the same object.
 */
export function raceResultBuilder(
  race: number,
  entries: readonly SeasonEntry[] = [],
): (cars: readonly CarState[]) => RaceResult {
  // The first entry of a car wins, should the entry list name it twice. Looked up by number, then
  // class: no key to build for every car of every update.
  const entryOf = new Map<string, Map<string, { entry: SeasonEntry; entered: string[] }>>();
  for (const entry of entries) {
    const byClass = entryOf.get(entry.number) ?? new Map<string, { entry: SeasonEntry; entered: string[] }>();
    entryOf.set(entry.number, byClass);
    if (byClass.has(entry.classId)) continue;
    const entered = entry.drivers.filter((d) => d.races === undefined || d.races.includes(race)).map((d) => d.name);
    byClass.set(entry.classId, { entry, entered });
  }
  // One row a car number: as many as the session has cars.
  const made = new Map<string, { car: CarState; row: ResultRow }>();
  const rowOf = (car: CarState): ResultRow => {
    const last = made.get(car.number);
    if (last && sameResultInputs(last.car, car)) return last.row;
    const { entry, entered = [] } = entryOf.get(car.number)?.get(car.classId) ?? {};
    const team = car.team ?? entry?.team;
    if (!team) throw new ChampionshipError(`car #${car.number} has no team, and no season entry gives one`);
    const manufacturer = car.manufacturer ?? entry?.manufacturer;
    const row: ResultRow = {
      number: car.number,
      drivers: entered.includes(car.driver) ? entered : [car.driver, ...entered],
      team,
      classId: car.classId,
      ...(manufacturer ? { manufacturer } : {}),
      position: car.position,
      classPosition: car.classPosition,
      status: RESULT_STATUS_OF[car.status],
      ...(car.bestLapMs ? { bestLapMs: car.bestLapMs } : {}),
      ...(car.lapsLed !== undefined ? { lapsLed: car.lapsLed } : {}),
    };
    made.set(car.number, { car, row });
    return row;
  };
  // The grid only moves when a start position does: with distinct start positions it depends on
  // nothing else, so the last one stands while every car keeps its own.
  let lastGrid: { grid: string[]; startOf: Map<string, number | undefined>; distinct: boolean } | undefined;
  const gridOf = (cars: readonly CarState[]): string[] => {
    const kept =
      lastGrid?.distinct &&
      lastGrid.startOf.size === cars.length &&
      cars.every(
        (car) => lastGrid!.startOf.get(car.number) === car.startPosition && lastGrid!.startOf.has(car.number),
      ) &&
      new Set(cars.map((car) => car.number)).size === cars.length;
    if (kept) return lastGrid!.grid;
    const gridded = cars.filter((car) => car.startPosition !== undefined);
    const grid = [...gridded].sort((a, b) => a.startPosition! - b.startPosition!).map((car) => car.number);
    const startOf = new Map(cars.map((car) => [car.number, car.startPosition]));
    const distinct =
      startOf.size === cars.length && new Set(gridded.map((car) => car.startPosition)).size === gridded.length;
    lastGrid = { grid, startOf, distinct };
    return grid;
  };
  return (cars) => {
    const classification = cars.map(rowOf);
    const grid = gridOf(cars);
    return { race, classification, ...(grid.length > 0 ? { grid } : {}) };
  };
}

/**
 * Whether two running orders give the same race result, without building it (or, `settled`, the
 * same settledRace of it): most timing updates move gaps and lap counts only, which no
 * championship reads. Run on every timing update, so plain property reads.
 */
export function sameRaceResultInputs(
  a: readonly CarState[],
  b: readonly CarState[],
  which: 'result' | 'settled' = 'result',
): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const carA = a[i]!;
    const carB = b[i]!;
    if (carA === carB) continue;
    if (which === 'result' ? !sameResultInputs(carA, carB) : !sameSettledInputs(carA, carB)) return false;
  }
  return true;
}

/** Every field of a car raceResultFromCars reads. */
function sameResultInputs(a: CarState, b: CarState): boolean {
  return sameSettledInputs(a, b) && a.bestLapMs === b.bestLapMs && a.lapsLed === b.lapsLed;
}

/** Every field of a car raceResultFromCars reads but best lap and laps led. */
function sameSettledInputs(a: CarState, b: CarState): boolean {
  return (
    a.number === b.number &&
    a.classId === b.classId &&
    a.driver === b.driver &&
    a.team === b.team &&
    a.manufacturer === b.manufacturer &&
    a.position === b.position &&
    a.classPosition === b.classPosition &&
    a.status === b.status &&
    a.startPosition === b.startPosition
  );
}

export interface ProjectedRow {
  competitor: string;
  name: string;
  classId?: string;
  /** Projected championship position and points, as if the live race ended now. */
  position: number;
  points: number;
  /** Position before the live race; absent for a competitor new to the standings. */
  previousPosition?: number;
  /** Places gained (+) or lost (-) against the standings before the live race. */
  movement?: number;
  /** Race and bonus points from the live race (before any drop). */
  racePoints: number;
  /** Points behind the leader and behind the competitor one place up (0 for the leader). */
  gapToLeader: number;
  gapToNext: number;
  standing: StandingRow;
}

export interface ChampionshipProjection {
  championshipId: string;
  name: string;
  race: number;
  standings: ProjectedRow[];
}

/**
 * Every championship of the series as it would stand if the live race ended in its current
 * order, against the standings before that race. Results stored for later races are ignored, and
 * drops are re-chosen with the live race included.
 */
export function projectStandings(
  series: SeriesDefinition,
  season: Season,
  liveRace: RaceResult,
  options: { adjustments?: PointsAdjustment[] } = {},
): ChampionshipProjection[] {
  const before = computeStandings(series, season, { afterRace: liveRace.race - 1, adjustments: options.adjustments });
  const after = computeStandings(series, season, {
    afterRace: liveRace.race,
    liveRace,
    adjustments: options.adjustments,
  });
  return after.map((championship, i) => projectChampionship(before[i]!, championship, liveRace.race));
}

/** One championship's standings after the live race, set against its standings before it. */
export function projectChampionship(
  before: ChampionshipStandings,
  after: ChampionshipStandings,
  race: number,
): ChampionshipProjection {
  return championshipProjector(before, race)(after);
}

/**
 * projectChampionship against the same standings before the race, update after update. A row
 * whose standing and gaps are unchanged is the last projected row itself.
 */
export function championshipProjector(
  before: ChampionshipStandings,
  race: number,
): (after: ChampionshipStandings) => ChampionshipProjection {
  const previous = new Map(before.standings.map((row) => [row.competitor, row.position]));
  // Kept by standing row: a row no longer in the standings is let go with it.
  const made = new WeakMap<StandingRow, ProjectedRow>();
  return (after) => {
    const leader = after.standings[0];
    const standings = after.standings.map((row, place): ProjectedRow => {
      const gapToLeader = (leader?.points ?? row.points) - row.points;
      const gapToNext = (after.standings[place - 1]?.points ?? row.points) - row.points;
      const last = made.get(row);
      if (last && last.gapToLeader === gapToLeader && last.gapToNext === gapToNext) return last;
      const projected = projectedRow(row, previous.get(row.competitor), race, gapToLeader, gapToNext);
      made.set(row, projected);
      return projected;
    });
    return { championshipId: after.championshipId, name: after.name, race, standings };
  };
}

function projectedRow(
  row: StandingRow,
  previousPosition: number | undefined,
  race: number,
  gapToLeader: number,
  gapToNext: number,
): ProjectedRow {
  const thisRace = row.racePoints.find((score) => score.race === race);
  return {
    competitor: row.competitor,
    name: row.name,
    ...(row.classId ? { classId: row.classId } : {}),
    position: row.position,
    points: row.points,
    ...(previousPosition !== undefined ? { previousPosition, movement: previousPosition - row.position } : {}),
    racePoints: thisRace ? thisRace.points + thisRace.bonus : 0,
    gapToLeader,
    gapToNext,
    standing: row,
  };
}

import { ChampionshipError } from './errors';
import { pointsForPosition } from './points';
import { sameItems } from '../util/same';
import { z } from 'zod';
import {
  RESULT_STATUSES,
  type ChampionshipDefinition,
  type PointsTable,
  type RaceResult,
  type ResultRow,
  type ResultStatus,
} from './schema';

/** One competitor's race as a championship counts it. */
export const raceScoreSchema = z.object({
  race: z.number().int().positive(),
  /** Scoring position: rank within the championship's scope, or class position; absent when not started. */
  position: z.number().int().positive().optional(),
  /** Race points (the part drops can remove). */
  points: z.number(),
  /** Pole, fastest-lap and most-laps-led points: never dropped. */
  bonus: z.number(),
  dropped: z.boolean(),
  status: z.enum(RESULT_STATUSES),
});
export type RaceScore = z.infer<typeof raceScoreSchema>;

export interface CompetitorRaceScore {
  competitor: string;
  name: string;
  classId: string;
  score: RaceScore;
}

/** classified and retired cars took the start and score by their place; the rest score nothing. */
export function tookTheStart(status: ResultStatus): boolean {
  return status === 'classified' || status === 'retired';
}

/** Which cars of a race a championship looks at: its class, and/or cars carrying an eligible driver. */
export function rowsInScope(
  championship: ChampionshipDefinition,
  rows: readonly ResultRow[],
  eligibleDrivers: ReadonlySet<string>,
): ResultRow[] {
  const { classId, eligibility } = championship.scope;
  return rows.filter(
    (row) =>
      (classId === undefined || row.classId === classId) &&
      (eligibility === undefined || row.drivers.some((driver) => eligibleDrivers.has(driver))),
  );
}

/**
 * The competitors a car scores for, named as adjustments and standings name them. A car whose
 * manufacturer is not known scores for no manufacturer: one unknown car must not stop a series
 * from scoring (imports report such cars).
 */
export function competitorsOfRow(
  championship: ChampionshipDefinition,
  row: ResultRow,
  eligibleDrivers: ReadonlySet<string>,
): { competitor: string; name: string }[] {
  switch (championship.competitor) {
    case 'driver':
      return row.drivers
        .filter((driver) => championship.scope.eligibility === undefined || eligibleDrivers.has(driver))
        .map((driver) => ({ competitor: driver, name: driver }));
    case 'car':
      return [{ competitor: row.number, name: `#${row.number} ${row.team}` }];
    case 'entrant':
      return [{ competitor: row.team, name: row.team }];
    case 'manufacturer':
      return row.manufacturer === undefined ? [] : [{ competitor: row.manufacturer, name: row.manufacturer }];
  }
}

/**
 * Starters of the scope in finishing order. Overall `position` ranks them when every starter has
 * it; sources that give class order only (VP Racing) rank by `classPosition`, which is only a
 * finishing order inside one class, so a championship spanning classes must have `position`.
 */
export function finishingOrder(
  championship: ChampionshipDefinition,
  race: number,
  starters: readonly ResultRow[],
): ResultRow[] {
  const byOverall = starters.every((row) => row.position !== undefined);
  if (!byOverall && championship.scope.classId === undefined) {
    const missing = starters.find((row) => row.position === undefined);
    throw new ChampionshipError(
      `race ${race}: car #${missing?.number} has no overall position, which championship ${championship.id} (not limited to one class) needs`,
    );
  }
  const placeOf = (row: ResultRow): number => {
    const place = byOverall ? row.position : row.classPosition;
    if (place === undefined) {
      throw new ChampionshipError(
        `race ${race}: car #${row.number} took the start but has neither position nor class position`,
      );
    }
    return place;
  };
  const order = [...starters].sort((a, b) => placeOf(a) - placeOf(b));
  order.forEach((row, i) => {
    const next = order[i + 1];
    if (next && placeOf(next) === placeOf(row)) {
      throw new ChampionshipError(`race ${race}: cars #${row.number} and #${next.number} share place ${placeOf(row)}`);
    }
  });
  return order;
}

/**
 * The cars that earn each bonus, among the starters of the scope (in finishing order). Pole: the
 * first car of the scope on the grid. Fastest lap and most laps led: the car the result names,
 * when it is in the scope; else the lowest `bestLapMs` and the highest `lapsLed`, ties going to
 * the better-placed car. A bonus whose data is absent is not awarded.
 */
export function bonusWinners(
  championship: ChampionshipDefinition,
  order: readonly ResultRow[],
  result: Pick<RaceResult, 'grid' | 'fastestLap' | 'mostLapsLed'>,
): Map<ResultRow, number> {
  const bonus = new Map<ResultRow, number>();
  const award = (row: ResultRow | undefined, points: number | undefined) => {
    if (row && points) bonus.set(row, (bonus.get(row) ?? 0) + points);
  };
  // By number once: the pole goes to the first car on the grid that is in the order, a search that
  // otherwise runs through the order again for every car gridded ahead of it.
  const byNumber = new Map<string, ResultRow>();
  for (const row of order) if (!byNumber.has(row.number)) byNumber.set(row.number, row);
  const starter = (number: string | undefined) => (number === undefined ? undefined : byNumber.get(number));
  const { pole, fastestLap, mostLapsLed } = championship.bonuses ?? {};
  if (pole) award(starter(result.grid?.find((number) => starter(number) !== undefined)), pole);
  if (fastestLap) {
    award(
      starter(result.fastestLap) ?? bestOf(order, (row) => (row.bestLapMs === undefined ? undefined : -row.bestLapMs)),
      fastestLap,
    );
  }
  if (mostLapsLed) {
    award(starter(result.mostLapsLed) ?? bestOf(order, (row) => (row.lapsLed ? row.lapsLed : undefined)), mostLapsLed);
  }
  return bonus;
}

/** The row with the highest measure; the first in order among equals; none when no row is measured. */
function bestOf(order: readonly ResultRow[], measure: (row: ResultRow) => number | undefined): ResultRow | undefined {
  let best: { row: ResultRow; value: number } | undefined;
  for (const row of order) {
    const value = measure(row);
    if (value !== undefined && (best === undefined || value > best.value)) best = { row, value };
  }
  return best?.row;
}

/** What scoreRace reads of a result for one championship. */
export interface ScoringInputs {
  race: number;
  /** The rows in the championship's scope, in the result's order. */
  rows: ResultRow[];
  /** The grid's cars that are in scope, in grid order (pole is the first of them that started). */
  grid?: string[];
  fastestLap?: string;
  mostLapsLed?: string;
}

/**
 * The part of a result one championship scores: results with equal inputs (sameScoringInputs)
 * score the same, so a caller scoring a live race update after update passes over the updates
 * that move only cars outside the championship's scope.
 */
export function scoringInputs(
  championship: ChampionshipDefinition,
  result: RaceResult,
  eligibleDrivers: ReadonlySet<string>,
): ScoringInputs {
  const rows = rowsInScope(championship, result.classification, eligibleDrivers);
  const numbers = new Set(rows.map((row) => row.number));
  return {
    race: result.race,
    rows,
    ...(result.grid ? { grid: result.grid.filter((number) => numbers.has(number)) } : {}),
    ...(result.fastestLap !== undefined ? { fastestLap: result.fastestLap } : {}),
    ...(result.mostLapsLed !== undefined ? { mostLapsLed: result.mostLapsLed } : {}),
  };
}

export function sameScoringInputs(a: ScoringInputs, b: ScoringInputs): boolean {
  return (
    a.race === b.race &&
    a.fastestLap === b.fastestLap &&
    a.mostLapsLed === b.mostLapsLed &&
    sameOptionalItems(a.grid, b.grid) &&
    a.rows.length === b.rows.length &&
    a.rows.every((row, i) => sameResultRow(row, b.rows[i]!))
  );
}

function sameResultRow(a: ResultRow, b: ResultRow): boolean {
  return (
    a === b ||
    (a.number === b.number &&
      a.team === b.team &&
      a.classId === b.classId &&
      a.manufacturer === b.manufacturer &&
      a.position === b.position &&
      a.classPosition === b.classPosition &&
      a.status === b.status &&
      a.bestLapMs === b.bestLapMs &&
      a.lapsLed === b.lapsLed &&
      sameItems(a.drivers, b.drivers))
  );
}

function sameOptionalItems(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && sameItems(a, b));
}

/**
 * Scores one race for one championship. Each competitor is scored by its best-placed car; with
 * `rank-in-scope` its other cars are removed and everyone behind moves up, with `class-position`
 * the best car keeps its class position. Competitors whose cars did not start get a 0 score
 * carrying their status, so standings can show "DNS".
 */
export function scoreRace(
  championship: ChampionshipDefinition,
  table: PointsTable,
  result: RaceResult,
  eligibleDrivers: ReadonlySet<string>,
): CompetitorRaceScore[] {
  return scoreInputs(championship, table, scoringInputs(championship, result, eligibleDrivers), eligibleDrivers);
}

/** scoreRace from the scoring inputs of the result. */
export function scoreInputs(
  championship: ChampionshipDefinition,
  table: PointsTable,
  result: ScoringInputs,
  eligibleDrivers: ReadonlySet<string>,
): CompetitorRaceScore[] {
  const inScope = result.rows;
  const order = finishingOrder(
    championship,
    result.race,
    inScope.filter((row) => tookTheStart(row.status)),
  );
  const bonus = bonusWinners(championship, order, result);
  // Each row's competitors once: the three passes below read them, on every update of a live race.
  const competitors = new Map(inScope.map((row) => [row, competitorsOfRow(championship, row, eligibleDrivers)]));

  const scored = new Map<string, CompetitorRaceScore>();
  const bestCars: ResultRow[] = [];
  for (const row of order) {
    const fresh = competitors.get(row)!.filter((c) => !scored.has(c.competitor));
    if (fresh.length > 0) bestCars.push(row);
    for (const { competitor, name } of fresh) {
      scored.set(competitor, { competitor, name, classId: row.classId, score: scoreOf(row, bestCars.length) });
    }
  }
  // A competitor's slower cars score no place, but a bonus one of them earned still counts.
  for (const [row, points] of bonus) {
    for (const { competitor } of competitors.get(row)!) {
      const entry = scored.get(competitor);
      if (entry) entry.score.bonus += points;
    }
  }
  for (const row of inScope) {
    for (const { competitor, name } of competitors.get(row)!) {
      if (!scored.has(competitor)) {
        scored.set(competitor, {
          competitor,
          name,
          classId: row.classId,
          score: { race: result.race, points: 0, bonus: 0, dropped: false, status: row.status },
        });
      }
    }
  }
  return [...scored.values()];

  function scoreOf(row: ResultRow, rankInScope: number): RaceScore {
    const position = championship.positionBasis === 'rank-in-scope' ? rankInScope : row.classPosition;
    if (position === undefined) {
      throw new ChampionshipError(
        `race ${result.race}: car #${row.number} has no class position, which championship ${championship.id} scores by`,
      );
    }
    return {
      race: result.race,
      position,
      points: pointsForPosition(table, position),
      bonus: 0,
      dropped: false,
      status: row.status,
    };
  }
}

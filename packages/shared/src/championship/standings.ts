import { z } from 'zod';
import {
  compareCountback,
  compareIdenticalRecords,
  countbackKey,
  countbackRaces,
  type CountbackKey,
} from './countback';
import { applyDrops, droppableRaces, totalOf } from './drops';
import { ChampionshipError, parseOrThrow } from './errors';
import { pointsTableOf } from './points';
import { scoreRace, type CompetitorRaceScore, type RaceScore } from './race-score';
import {
  DEFAULT_TIE_BREAK,
  pointsAdjustmentSchema,
  raceResultSchema,
  type ChampionshipDefinition,
  type CompetitorKind,
  type PointsAdjustment,
  type RaceResult,
  type Season,
  type SeriesDefinition,
  type TieBreak,
} from './schema';

export interface StandingRow {
  /** One place each; shared only by identical records in a series whose tie-break says so. */
  position: number;
  /** Driver name, car number, entrant or manufacturer: the id adjustments use. */
  competitor: string;
  name: string;
  classId?: string;
  points: number;
  /** One entry per race the competitor appeared in, in race order. */
  racePoints: RaceScore[];
  wins: number;
  /** Adjustments included in `points`. */
  adjustments: PointsAdjustment[];
}

export interface ChampionshipStandings {
  championshipId: string;
  name: string;
  standings: StandingRow[];
}

export interface StandingsOptions {
  /** Count only races up to and including this race number. */
  afterRace?: number;
  /** A race being run now, scored as if it ended now; it replaces a stored result of the same race. */
  liveRace?: RaceResult;
  /** Extra adjustments, e.g. race-control penalties not yet in the season file. */
  adjustments?: PointsAdjustment[];
}

/**
 * A stored race scores the same for a championship every time, so a caller projecting one live
 * race update after update keeps its scores here instead of scoring the whole season again. Keyed
 * by the result object: a changed result is a new object and is scored afresh. Valid for one
 * season's drivers only (eligibility comes from them).
 */
export type ScoredRaces = WeakMap<RaceResult, Map<ChampionshipDefinition, CompetitorRaceScore[]>>;

/** The race results the standings count, in race order, with a live race in place of its stored result. */
export function countedResults(season: Season, options: StandingsOptions = {}): RaceResult[] {
  const { afterRace, liveRace } = options;
  const limit = afterRace ?? liveRace?.race ?? Number.POSITIVE_INFINITY;
  const stored = season.results.filter((result) => result.race <= limit && result.race !== liveRace?.race);
  return (liveRace && liveRace.race <= limit ? [...stored, liveRace] : stored).sort((a, b) => a.race - b.race);
}

/** Season and series must describe the same championship calendar before anything is scored. */
export function checkSeasonAgainstSeries(
  series: SeriesDefinition,
  season: Season,
  results: readonly RaceResult[],
): void {
  if (season.seriesId !== series.id) {
    throw new ChampionshipError(`season is for series "${season.seriesId}", not "${series.id}"`);
  }
  const classIds = new Set(series.classes.map((c) => c.id));
  for (const championship of series.championships) {
    pointsTableOf(series, championship);
    const classId = championship.scope.classId;
    if (classId !== undefined && !classIds.has(classId)) {
      throw new ChampionshipError(
        `championship ${championship.id} is scoped to class "${classId}", which series ${series.id} does not have`,
      );
    }
  }
  const calendar = new Set(season.races.map((race) => race.race));
  for (const result of results) {
    if (!calendar.has(result.race)) {
      throw new ChampionshipError(`race ${result.race} has a result but is not on the ${season.year} calendar`);
    }
  }
}

/** Drivers carrying the championship's eligibility tag (Bronze, Pro-Am, ...) this season. */
export function eligibleDriversOf(championship: ChampionshipDefinition, season: Season): Set<string> {
  const tag = championship.scope.eligibility;
  return new Set(
    season.drivers
      .filter((driver) => tag !== undefined && driver.eligibility?.includes(tag))
      .map((driver) => driver.name),
  );
}

/** Accumulates each competitor's races for one championship. */
export function scoreSeason(
  championship: ChampionshipDefinition,
  series: SeriesDefinition,
  season: Season,
  results: readonly RaceResult[],
  scoredRaces?: ScoredRaces,
): Map<string, { name: string; classId: string; scores: RaceScore[] }> {
  const table = pointsTableOf(series, championship);
  const eligibleDrivers = eligibleDriversOf(championship, season);
  const scored = (result: RaceResult): CompetitorRaceScore[] => {
    const kept = scoredRaces?.get(result)?.get(championship);
    if (kept) return kept;
    const scores = scoreRace(championship, table, result, eligibleDrivers);
    if (scoredRaces) scoredRaces.set(result, (scoredRaces.get(result) ?? new Map()).set(championship, scores));
    return scores;
  };
  const competitors = new Map<string, { name: string; classId: string; scores: RaceScore[] }>();
  for (const result of results) {
    for (const { competitor, name, classId, score } of scored(result)) {
      const entry = competitors.get(competitor) ?? { name, classId, scores: [] };
      entry.classId = classId;
      entry.scores.push(score);
      competitors.set(competitor, entry);
    }
  }
  const droppable = droppableRaces(
    championship,
    season.races,
    results.map((result) => result.race),
  );
  if (championship.drops && droppable.length > 0) {
    for (const entry of competitors.values())
      entry.scores = applyDrops(entry.scores, droppable, championship.drops.count);
  }
  return competitors;
}

/** Adjustments that apply to the counted races: those of a later race wait for it. */
export function adjustmentsInForce(
  season: Season,
  options: Pick<StandingsOptions, 'adjustments'>,
  results: readonly RaceResult[],
): PointsAdjustment[] {
  const extra = parseOrThrow(z.array(pointsAdjustmentSchema), options.adjustments ?? [], 'adjustments');
  const lastCounted = results.at(-1)?.race ?? 0;
  return [...season.adjustments, ...extra].filter((adjustment) => (adjustment.race ?? 0) <= lastCounted);
}

/**
 * Ranks competitors by the series' tie-break and numbers them; records identical race by race
 * take one place each in the stated order, or share one where the series says so.
 */
export function rankStandings(
  rows: Omit<StandingRow, 'position'>[],
  kind: CompetitorKind,
  tieBreak: TieBreak = DEFAULT_TIE_BREAK,
): StandingRow[] {
  const races = countbackRaces(
    rows.flatMap((row) => row.racePoints.map((score) => score.race)),
    tieBreak.afterCountback,
  );
  const entries = rows.map((row, appearance) => ({ row, key: countbackKey(row.racePoints, races), appearance }));
  const { sorted, positions } = rankEntries(entries, kind, tieBreak);
  return sorted.map(({ row }, i) => ({ ...row, position: positions[i]! }));
}

/** A competitor as ranking compares it: its row, its countback key, and its place of first appearance. */
export interface RankingEntry {
  row: Omit<StandingRow, 'position'>;
  /** Over the same races for every entry ranked together (see countbackKey). */
  key: CountbackKey;
  /** Records identical in everything keep this order, as a stable sort of the rows would. */
  appearance: number;
}

/**
 * The ranking of rankStandings, with each entry's position. The order is total (appearance last),
 * so entries given in any order rank the same: a caller re-ranking after a few changes passes the
 * last order, which the sort walks through almost in one pass.
 */
export function rankEntries<E extends RankingEntry>(
  entries: readonly E[],
  kind: CompetitorKind,
  tieBreak: TieBreak = DEFAULT_TIE_BREAK,
): { sorted: E[]; positions: number[] } {
  const sorted = [...entries].sort(
    (a, b) =>
      b.row.points - a.row.points ||
      compareCountback(a.key, b.key) ||
      compareIdenticalRecords(kind, a.row, b.row) ||
      a.appearance - b.appearance,
  );
  const positions: number[] = [];
  sorted.forEach((entry, i) => {
    const ahead = sorted[i - 1];
    const shared =
      tieBreak.identicalRecords === 'shared' &&
      ahead !== undefined &&
      ahead.row.points === entry.row.points &&
      compareCountback(ahead.key, entry.key) === 0;
    positions.push(shared ? positions[i - 1]! : i + 1);
  });
  return { sorted, positions };
}

/**
 * Standings of every championship of the series after the counted races (see StandingsOptions).
 * Throws ChampionshipError, computing nothing, when any input cannot be scored.
 */
export function computeStandings(
  series: SeriesDefinition,
  season: Season,
  options: StandingsOptions = {},
): ChampionshipStandings[] {
  const liveRace =
    options.liveRace === undefined ? undefined : parseOrThrow(raceResultSchema, options.liveRace, 'live race');
  const results = countedResults(season, { ...options, liveRace });
  checkSeasonAgainstSeries(series, season, results);
  const adjustments = adjustmentsInForce(season, options, results);
  const championshipIds = new Set(series.championships.map((c) => c.id));
  const unknown = adjustments.find((adjustment) => !championshipIds.has(adjustment.championship));
  if (unknown) {
    throw new ChampionshipError(
      `adjustment "${unknown.reason}" names championship "${unknown.championship}", which series ${series.id} does not have`,
    );
  }

  return series.championships.map((championship) =>
    championshipStandings(championship, series, season, results, adjustments),
  );
}

/**
 * One championship's standings over results and adjustments already checked by
 * `computeStandings` (the adjustments those in force). `scoredRaces` keeps the scores of races
 * between calls (see ScoredRaces).
 */
export function championshipStandings(
  championship: ChampionshipDefinition,
  series: SeriesDefinition,
  season: Season,
  results: readonly RaceResult[],
  adjustments: readonly PointsAdjustment[],
  scoredRaces?: ScoredRaces,
): ChampionshipStandings {
  const competitors = scoreSeason(championship, series, season, results, scoredRaces);
  const own = adjustments.filter((adjustment) => adjustment.championship === championship.id);
  const stranger = own.find((adjustment) => !competitors.has(adjustment.competitor));
  if (stranger) {
    throw new ChampionshipError(
      `adjustment "${stranger.reason}" names "${stranger.competitor}", who has no race in championship ${championship.id}`,
    );
  }
  const rows = [...competitors].map(([competitor, { name, classId, scores }]) => {
    const applied = own.filter((adjustment) => adjustment.competitor === competitor);
    return {
      competitor,
      name,
      classId,
      points: totalOf(scores) + applied.reduce((sum, adjustment) => sum + adjustment.points, 0),
      racePoints: scores,
      wins: scores.filter((score) => score.position === 1).length,
      adjustments: applied,
    };
  });
  return {
    championshipId: championship.id,
    name: championship.name,
    standings: rankStandings(rows, championship.competitor, series.tieBreak),
  };
}

import type { CarState, SessionInfo } from '../session/model';
import { z } from 'zod';
import { sameFields, sameItems } from '../util/same';
import { liveContention, racePhaseSchema, type Contender, type LiveContention, type RacePhase } from './contention';
import { projectStandings, raceResultFromCars, type ChampionshipProjection, type ProjectedRow } from './projection';
import type { PointsAdjustment, Season, SeriesDefinition } from './schema';
import type { ChampionshipStandings } from './standings';

/** One competitor of a championship as viewers see it while a race runs. */
export const liveStandingRowSchema = z.object({
  competitor: z.string(),
  name: z.string(),
  classId: z.string().optional(),
  position: z.number().int().positive(),
  points: z.number(),
  /** Places gained (+) or lost (-) against the standings before this race. */
  movement: z.number().int().optional(),
  /** Race and bonus points from the race being run, as it stands. */
  racePoints: z.number(),
  gapToLeader: z.number(),
  gapToNext: z.number(),
  /** Can still win the title, from the race as it stands (false: mathematically out). */
  inContention: z.boolean(),
  /** What it takes from here, e.g. "champion if P5 or better" or "needs P2 and X P4 or lower". */
  needs: z.string().optional(),
});
export type LiveStandingRow = z.infer<typeof liveStandingRowSchema>;

export const liveChampionshipSchema = z.object({
  championshipId: z.string(),
  name: z.string(),
  race: z.number().int().positive(),
  phase: racePhaseSchema,
  /** Races still to run after this one. */
  racesRemaining: z.number().int().nonnegative(),
  /** The most one competitor can still add after this race. */
  pointsStillAvailable: z.number(),
  /** Set once the title is won: before or during this race whatever happens, or at the flag. */
  champion: z.string().optional(),
  /** While the race runs: who takes the title if it ends in the current order. */
  championIfEndsNow: z.string().optional(),
  /** Competitor ids in projected order. */
  order: z.array(z.string()),
  /** Keyed by competitor, so a delta carries only the rows that changed. */
  rows: z.record(z.string(), liveStandingRowSchema),
});
export type LiveChampionship = z.infer<typeof liveChampionshipSchema>;

/**
 * The phase of a race from what its session says: the checkered flag or a finished session makes
 * the result provisional until race control marks it official.
 */
export function racePhaseOf(info: Pick<SessionInfo, 'status' | 'flag'> & { resultStatus?: string }): RacePhase {
  if (info.resultStatus === 'official') return 'official';
  return info.status === 'finished' || info.flag === 'checkered' ? 'provisional' : 'running';
}

/**
 * Every championship of the series as it would stand if the race ended in the cars' current
 * order, with who can still win and what they need from here. What viewers are sent: lean rows only.
 */
export function liveChampionships(
  series: SeriesDefinition,
  season: Season,
  race: number,
  cars: readonly CarState[],
  options: { adjustments?: PointsAdjustment[]; phase?: RacePhase } = {},
): LiveChampionship[] {
  const { adjustments = [], phase = 'running' } = options;
  const liveRace = raceResultFromCars(cars, race, season.entries);
  const projections = projectStandings(series, season, liveRace, { adjustments });
  const contention = liveContention(series, season, liveRace, phase, {
    adjustments,
    projected: projections.map(projectedStandingsOf),
  });
  return projections.map((projection, i) => liveChampionship(projection, contention[i]!));
}

/** A projection's standings as the scoring functions give them. */
function projectedStandingsOf(projection: ChampionshipProjection): ChampionshipStandings {
  return {
    championshipId: projection.championshipId,
    name: projection.name,
    standings: projection.standings.map((row) => row.standing),
  };
}

/** One projected championship as viewers are sent it, with who can still win it from here. */
export function liveChampionship(projection: ChampionshipProjection, title: LiveContention): LiveChampionship {
  return liveChampionshipBuilder()(projection, title);
}

/**
 * liveChampionship for one championship, update after update. A row whose projected row and
 * contention are unchanged is the last row itself, without being built again; a row built again
 * but equal to the last one is the last one too, and so is a whole answer equal to the last, so a
 * diff of the view passes over them by identity.
 */
export function liveChampionshipBuilder(): (
  projection: ChampionshipProjection,
  title: LiveContention,
) => LiveChampionship {
  let previous: LiveChampionship | undefined;
  /** What each competitor's last row was made of, updated in place. */
  const made = new Map<
    string,
    { from: ProjectedRow; contender?: Contender; champion: boolean; row: LiveStandingRow }
  >();
  return (projection, title) => {
    const contenders = new Map(title.contenders.map((contender) => [contender.competitor, contender]));
    const order = projection.standings.map((row) => row.competitor);
    const rows = projection.standings.map((from): LiveStandingRow => {
      const contender = contenders.get(from.competitor);
      const champion = title.champion === from.competitor;
      const last = made.get(from.competitor);
      if (last && last.from === from && sameNeeds(last.contender, contender) && last.champion === champion)
        return last.row;
      const built = liveStandingRow(from, contender, champion);
      const row = last && sameLiveRow(last.row, built) ? last.row : built;
      made.set(from.competitor, { from, ...(contender ? { contender } : {}), champion, row });
      return row;
    });
    // The same number of rows, each the one the last answer holds: the same record.
    const everyRowKept =
      previous !== undefined &&
      previous.order.length === rows.length &&
      rows.every((row) => Object.hasOwn(previous!.rows, row.competitor) && previous!.rows[row.competitor] === row);
    const next: LiveChampionship = {
      championshipId: projection.championshipId,
      name: projection.name,
      race: projection.race,
      phase: title.phase,
      racesRemaining: title.racesAfter.length,
      pointsStillAvailable: title.pointsStillAvailable,
      ...(title.champion ? { champion: title.champion } : {}),
      ...(title.championIfEndsNow ? { championIfEndsNow: title.championIfEndsNow } : {}),
      order: previous && sameItems(previous.order, order) ? previous.order : order,
      rows: previous && everyRowKept ? previous.rows : Object.fromEntries(rows.map((row) => [row.competitor, row])),
    };
    previous = previous && sameFields(previous, next) ? previous : next;
    return previous;
  };
}

function liveStandingRow(row: ProjectedRow, contender: Contender | undefined, champion: boolean): LiveStandingRow {
  return {
    competitor: row.competitor,
    name: row.name,
    ...(row.classId ? { classId: row.classId } : {}),
    position: row.position,
    points: row.points,
    ...(row.movement !== undefined ? { movement: row.movement } : {}),
    racePoints: row.racePoints,
    gapToLeader: row.gapToLeader,
    gapToNext: row.gapToNext,
    inContention: contender !== undefined || champion,
    ...(contender?.needs ? { needs: contender.needs } : {}),
  };
}

/** Whether two contention entries (or their absence) give a row the same marks. */
function sameNeeds(a: Contender | undefined, b: Contender | undefined): boolean {
  return (a === undefined) === (b === undefined) && a?.needs === b?.needs;
}

function sameLiveRow(a: LiveStandingRow, b: LiveStandingRow): boolean {
  return (
    a.competitor === b.competitor &&
    a.name === b.name &&
    a.classId === b.classId &&
    a.position === b.position &&
    a.points === b.points &&
    a.movement === b.movement &&
    a.racePoints === b.racePoints &&
    a.gapToLeader === b.gapToLeader &&
    a.gapToNext === b.gapToNext &&
    a.inContention === b.inContention &&
    a.needs === b.needs
  );
}

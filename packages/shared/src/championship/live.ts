import type { CarState } from '../session/model';
import { computeContention, type ChampionshipContention } from './contention';
import { projectStandings, raceResultFromCars, type ChampionshipProjection } from './projection';
import type { PointsAdjustment, Season, SeriesDefinition } from './schema';

/** One competitor of a championship as viewers see it while a race runs. */
export interface LiveStandingRow {
  competitor: string;
  name: string;
  classId?: string;
  position: number;
  points: number;
  /** Places gained (+) or lost (-) against the standings before this race. */
  movement?: number;
  /** Race and bonus points from the race being run, as it stands. */
  racePoints: number;
  gapToLeader: number;
  gapToNext: number;
  /** Could still win the title when this race started. */
  inContention: boolean;
  /** In a season's final race: what it takes, e.g. "champion if P5 or better". */
  needs?: string;
}

export interface LiveChampionship {
  championshipId: string;
  name: string;
  race: number;
  /** Races still to run after this one. */
  racesRemaining: number;
  /**
   * Set when the title is settled: won before this race, or, in the final race, going to the
   * projected leader if it ends now.
   */
  champion?: string;
  /** Competitor ids in projected order. */
  order: string[];
  /** Keyed by competitor, so a delta carries only the rows that changed. */
  rows: Record<string, LiveStandingRow>;
}

/**
 * Who could win each title before the race being run, and what each contender needs from the
 * races left, this one included. It does not depend on the running order, so a caller may keep
 * it for the whole race.
 */
export function titleContention(
  series: SeriesDefinition,
  season: Season,
  race: number,
  adjustments: PointsAdjustment[] = [],
): ChampionshipContention[] {
  return computeContention(series, season, { afterRace: race - 1, adjustments });
}

/**
 * Every championship of the series as it would stand if the race ended in the cars' current
 * order, with who can still win and what they need. What viewers are sent: lean rows only.
 */
export function liveChampionships(
  series: SeriesDefinition,
  season: Season,
  race: number,
  cars: readonly CarState[],
  options: { adjustments?: PointsAdjustment[]; contention?: ChampionshipContention[] } = {},
): LiveChampionship[] {
  const { adjustments = [] } = options;
  const liveRace = raceResultFromCars(cars, race, season.entries);
  const projections = projectStandings(series, season, liveRace, { adjustments });
  const contention = options.contention ?? titleContention(series, season, race, adjustments);
  return projections.map((projection, i) => liveChampionship(projection, contention[i]!));
}

/** One projected championship as viewers are sent it, with who could win it before this race. */
export function liveChampionship(projection: ChampionshipProjection, title: ChampionshipContention): LiveChampionship {
  const { race } = projection;
  const contenders = new Map(title.contenders.map((contender) => [contender.competitor, contender]));
  const racesRemaining = title.racesRemaining.filter((r) => r > race).length;
  const projectedLeader = projection.standings.filter((row) => row.position === 1);
  const champion =
    title.champion ??
    (racesRemaining === 0 && projectedLeader.length === 1 ? projectedLeader[0]!.competitor : undefined);
  return {
    championshipId: projection.championshipId,
    name: projection.name,
    race,
    racesRemaining,
    ...(champion ? { champion } : {}),
    order: projection.standings.map((row) => row.competitor),
    rows: Object.fromEntries(
      projection.standings.map((row) => {
        const contender = contenders.get(row.competitor);
        return [
          row.competitor,
          {
            competitor: row.competitor,
            name: row.name,
            ...(row.classId ? { classId: row.classId } : {}),
            position: row.position,
            points: row.points,
            ...(row.movement !== undefined ? { movement: row.movement } : {}),
            racePoints: row.racePoints,
            gapToLeader: row.gapToLeader,
            gapToNext: row.gapToNext,
            inContention: contender !== undefined || title.champion === row.competitor,
            ...(contender?.needs ? { needs: contender.needs } : {}),
          } satisfies LiveStandingRow,
        ];
      }),
    ),
  };
}

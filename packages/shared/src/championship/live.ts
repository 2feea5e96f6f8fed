import type { CarState } from '../session/model';
import { computeContention } from './contention';
import { projectStandings, raceResultFromCars } from './projection';
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
  /** Still able to win the title. */
  inContention: boolean;
  /** With one race left: what it takes, e.g. "champion if P5 or better". */
  needs?: string;
}

export interface LiveChampionship {
  championshipId: string;
  name: string;
  race: number;
  racesRemaining: number;
  /** Set when the title is decided by the projected result. */
  champion?: string;
  /** Competitor ids in projected order. */
  order: string[];
  /** Keyed by competitor, so a delta carries only the rows that changed. */
  rows: Record<string, LiveStandingRow>;
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
  adjustments: PointsAdjustment[] = [],
): LiveChampionship[] {
  const liveRace = raceResultFromCars(cars, race, season.entries);
  const projections = projectStandings(series, season, liveRace, { adjustments });
  const contention = computeContention(series, season, { liveRace, adjustments });
  return projections.map((projection, i) => {
    const title = contention[i]!;
    const contenders = new Map(title.contenders.map((contender) => [contender.competitor, contender]));
    return {
      championshipId: projection.championshipId,
      name: projection.name,
      race,
      racesRemaining: title.racesRemaining.length,
      ...(title.champion ? { champion: title.champion } : {}),
      order: projection.standings.map((row) => row.competitor),
      rows: Object.fromEntries(projection.standings.map((row) => {
        const contender = contenders.get(row.competitor);
        return [row.competitor, {
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
        } satisfies LiveStandingRow];
      })),
    };
  });
}

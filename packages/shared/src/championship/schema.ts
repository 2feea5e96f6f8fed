import { z } from 'zod';
import { classInfoSchema } from '../session/model';

/**
 * Series definitions and season data are files, validated by these schemas: a new series or
 * season is a new file, never new code. docs/championship-data.md describes them for users.
 */

export const pointsTableSchema = z.object({
  /** Points for 1st, 2nd, ... */
  points: z.array(z.number().int().nonnegative()).min(1),
  /** Points for every place below the end of `points` (IMSA: 10; Porsche: 0). */
  beyond: z.number().int().nonnegative().default(0),
});
export type PointsTable = z.infer<typeof pointsTableSchema>;

export const bonusPointsSchema = z.object({
  pole: z.number().int().positive().optional(),
  fastestLap: z.number().int().positive().optional(),
  mostLapsLed: z.number().int().positive().optional(),
});
export type BonusPoints = z.infer<typeof bonusPointsSchema>;

export const COMPETITOR_KINDS = ['driver', 'car', 'entrant', 'manufacturer'] as const;
export type CompetitorKind = (typeof COMPETITOR_KINDS)[number];

export const championshipDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** Who scores: a driver; a car number (VP Racing "team"); an entrant (team name); a manufacturer. */
  competitor: z.enum(COMPETITOR_KINDS),
  /** Which cars take part: one class, and/or drivers carrying an eligibility tag (e.g. "bronze"). */
  scope: z
    .object({
      classId: z.string().optional(),
      eligibility: z.string().optional(),
    })
    .default({}),
  /**
   * How a result becomes a scoring position.
   * `rank-in-scope`: the competitors in scope are ranked among themselves (for an entrant or a
   *   manufacturer by its best car; the others are removed and everyone behind moves up).
   * `class-position`: the best car's class position as it stands, nobody moves up.
   */
  positionBasis: z.enum(['rank-in-scope', 'class-position']).default('rank-in-scope'),
  pointsTable: z.string(),
  bonuses: bonusPointsSchema.optional(),
  /** Lowest race results dropped once the final round has begun (race points only). */
  drops: z
    .object({
      count: z.number().int().positive(),
      when: z.literal('final-round'),
    })
    .optional(),
});
export type ChampionshipDefinition = z.infer<typeof championshipDefinitionSchema>;

/**
 * How competitors level on points are ordered, as a series' regulations state it. Countback
 * (more wins, then more seconds, ...) always comes first; then `afterCountback`:
 * `first-achieved`: the competitor who first achieved the better result ranks ahead, i.e. the
 *   better result in the earliest race where their results differ (a result beats none);
 * `latest-race`: the better result in the latest race where they differ.
 * Records identical in every race take `identicalRecords`: `by-name` gives them one place each,
 * drivers by family name, cars by number, entrants and manufacturers by name (as published
 * tables number them); `shared` lets them share a place.
 */
export const tieBreakSchema = z.object({
  afterCountback: z.enum(['first-achieved', 'latest-race']),
  identicalRecords: z.enum(['by-name', 'shared']),
});
export type TieBreak = z.infer<typeof tieBreakSchema>;

/** What a series that states no tie-break gets: the rule of the 2024 IMSA and Porsche tables. */
export const DEFAULT_TIE_BREAK: TieBreak = { afterCountback: 'first-achieved', identicalRecords: 'by-name' };

export const seriesDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  shortName: z.string().min(1),
  classes: z.array(classInfoSchema).min(1),
  pointsTables: z.record(z.string(), pointsTableSchema),
  championships: z.array(championshipDefinitionSchema).min(1),
  tieBreak: tieBreakSchema.optional(),
});
export type SeriesDefinition = z.infer<typeof seriesDefinitionSchema>;

export const RESULT_STATUSES = ['classified', 'retired', 'dns', 'excluded', 'withdrawn'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** One car in a race's classification. Self-contained: team and class as they were that race. */
export const resultRowSchema = z.object({
  number: z.string().min(1),
  drivers: z.array(z.string().min(1)).min(1),
  team: z.string().min(1),
  classId: z.string().min(1),
  manufacturer: z.string().optional(),
  /** Overall finishing position; absent when the source gives class order only. */
  position: z.number().int().positive().optional(),
  classPosition: z.number().int().positive().optional(),
  /**
   * classified and retired score by position (a retired car that is classified keeps its place);
   * dns, excluded and withdrawn score nothing and the race is not a result for them.
   */
  status: z.enum(RESULT_STATUSES),
  bestLapMs: z.number().int().positive().optional(),
  lapsLed: z.number().int().nonnegative().optional(),
});
export type ResultRow = z.infer<typeof resultRowSchema>;

export const pointsAdjustmentSchema = z.object({
  championship: z.string(),
  /** Driver name, car number, entrant or manufacturer, as the championship names competitors. */
  competitor: z.string().min(1),
  points: z.number().int(),
  reason: z.string().min(1),
  race: z.number().int().positive().optional(),
});
export type PointsAdjustment = z.infer<typeof pointsAdjustmentSchema>;

export const raceResultSchema = z
  .object({
    race: z.number().int().positive(),
    classification: z.array(resultRowSchema),
    /**
     * Car numbers in grid order, when known: pole within a championship's scope is its first car
     * in scope. It may be only the head of the grid (a source that names just the pole sitter).
     */
    grid: z.array(z.string()).optional(),
    /** The car that set the race's fastest lap, where the source names it without lap times. */
    fastestLap: z.string().optional(),
    /** The car that led the most laps, where the source names it without lap counts. */
    mostLapsLed: z.string().optional(),
    /** Points race control added or took in this race, kept with the result it confirmed. */
    adjustments: z.array(pointsAdjustmentSchema).max(1000).optional(),
  })
  .superRefine((result, ctx) => {
    const numbers = new Set(result.classification.map((row) => row.number));
    const named = [
      ...(result.grid ?? []).map((number, i) => ['grid', i, number] as const),
      ...(['fastestLap', 'mostLapsLed'] as const).flatMap((key) =>
        result[key] === undefined ? [] : [[key, undefined, result[key]] as const],
      ),
    ];
    for (const [key, index, number] of named) {
      if (!numbers.has(number)) {
        ctx.addIssue({
          code: 'custom',
          path: index === undefined ? [key] : [key, index],
          message: `car #${number} is not in the classification of race ${result.race}`,
        });
      }
    }
  });
export type RaceResult = z.infer<typeof raceResultSchema>;

export const seasonRaceSchema = z.object({
  race: z.number().int().positive(),
  round: z.number().int().positive(),
  event: z.string().min(1),
  circuit: z.string().min(1),
  /** Short column label as the published standings use it, e.g. "DAY". */
  code: z.string().min(1),
  date: z.string().optional(),
});
export type SeasonRace = z.infer<typeof seasonRaceSchema>;

export const seasonDriverSchema = z.object({
  name: z.string().min(1),
  nationality: z.string().optional(),
  /** Tags a championship's scope can require, e.g. "bronze". */
  eligibility: z.array(z.string()).optional(),
});

export const seasonEntrySchema = z.object({
  number: z.string().min(1),
  team: z.string().min(1),
  classId: z.string().min(1),
  manufacturer: z.string().optional(),
  car: z.string().optional(),
  drivers: z.array(
    z.object({
      name: z.string().min(1),
      /** Races (numbers) this driver was entered for; absent means all. */
      races: z.array(z.number().int().positive()).optional(),
    }),
  ),
});
export type SeasonEntry = z.infer<typeof seasonEntrySchema>;

export const seasonSchema = z.object({
  seriesId: z.string(),
  year: z.number().int(),
  races: z.array(seasonRaceSchema).min(1),
  drivers: z.array(seasonDriverSchema),
  entries: z.array(seasonEntrySchema),
  results: z.array(raceResultSchema),
  adjustments: z.array(pointsAdjustmentSchema).default([]),
});
export type Season = z.infer<typeof seasonSchema>;

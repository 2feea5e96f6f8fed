import { z } from 'zod';
import { raceScoreSchema } from '../championship/race-score';
import { COMPETITOR_KINDS, pointsAdjustmentSchema, seasonSchema, seriesDefinitionSchema } from '../championship/schema';
import type { LiveChampionship, LiveStandingRow } from '../championship/live';
import { sessionSummarySchema, type SessionView } from '../feed/protocol';
import { carStateSchema } from '../session/car-state';
import { classInfoSchema, sessionInfoSchema } from '../session/model';
import { auditEntrySchema, RESULT_STATUSES_OF_SESSION } from '../race-control/race-control';
import { lapRecordSchema } from '../session/lap-history';
import { pitStopSchema, stintSchema } from '../session/stints';

/**
 * The answers of the HTTP API (docs/http-api.md), once for the server that sends them and the
 * web app and tests that read them. Where an answer has a zod schema, its type is inferred from it
 * and the route declares it, so `/api/docs` describes the answer the compiler checks.
 */

/** Every refusal. `retry` is set when the same request may succeed later (storage busy or failing). */
export const errorAnswerSchema = z.object({ error: z.string(), retry: z.literal(true).optional() });
export type ErrorAnswer = z.infer<typeof errorAnswerSchema>;

export const healthAnswerSchema = z.object({ ok: z.literal(true) });
export type HealthAnswer = z.infer<typeof healthAnswerSchema>;

export const sessionListAnswerSchema = z.object({ sessions: z.array(sessionSummarySchema) });
export type SessionListAnswer = z.infer<typeof sessionListAnswerSchema>;

/** An archived session: out of the live list, closed to feeds, still open to read and review. */
export const archivedSessionSummarySchema = sessionSummarySchema.extend({
  /** When it was archived (ms since epoch). */
  archivedAtMs: z.number().int().nonnegative(),
});
export type ArchivedSessionSummary = z.infer<typeof archivedSessionSummarySchema>;

/** GET /api/sessions?archived=true */
export const archivedSessionListAnswerSchema = z.object({ sessions: z.array(archivedSessionSummarySchema) });
export type ArchivedSessionListAnswer = z.infer<typeof archivedSessionListAnswerSchema>;

/** POST /api/sessions/:id/archive and /unarchive, DELETE /api/sessions/:id: where the session now stands. */
export const sessionLifecycleAnswerSchema = z.object({
  sessionId: z.string(),
  state: z.enum(['live', 'archived', 'deleted']),
});
export type SessionLifecycleAnswer = z.infer<typeof sessionLifecycleAnswerSchema>;

/** GET /api/sessions/:id: the classification, cars in running order. */
export const sessionAnswerSchema = z.object({
  seq: z.number().int().nonnegative(),
  session: sessionInfoSchema,
  classes: z.array(classInfoSchema),
  cars: z.array(carStateSchema),
});
export type SessionAnswer = z.infer<typeof sessionAnswerSchema>;

export const championshipSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  competitor: z.enum(COMPETITOR_KINDS),
  classId: z.string().optional(),
  eligibility: z.string().optional(),
});
export type ChampionshipSummary = z.infer<typeof championshipSummarySchema>;

export const seriesSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  classes: z.array(classInfoSchema),
  championships: z.array(championshipSummarySchema),
  /** Years with a season on file. */
  seasons: z.array(z.number().int()),
});
export type SeriesSummary = z.infer<typeof seriesSummarySchema>;

export const seriesListAnswerSchema = z.object({ series: z.array(seriesSummarySchema) });
export type SeriesListAnswer = z.infer<typeof seriesListAnswerSchema>;

export const seasonStandingRowSchema = z.object({
  position: z.number().int().positive(),
  name: z.string(),
  competitor: z.string(),
  classId: z.string().optional(),
  points: z.number(),
  wins: z.number().int().nonnegative(),
  races: z.array(raceScoreSchema),
  adjustments: z.array(pointsAdjustmentSchema),
});
export type SeasonStandingRow = z.infer<typeof seasonStandingRowSchema>;

/** GET /api/series/:id/standings, and `standings --json` (its `championships`). */
export const seasonStandingsAnswerSchema = z.object({
  seriesId: z.string(),
  year: z.number().int(),
  afterRace: z.number().int().nonnegative(),
  championships: z.array(z.object({ id: z.string(), name: z.string(), standings: z.array(seasonStandingRowSchema) })),
});
export type SeasonStandingsAnswer = z.infer<typeof seasonStandingsAnswerSchema>;

/** GET /api/series/:id/progression: each competitor's total after every race so far. */
export const progressionAnswerSchema = z.object({
  seriesId: z.string(),
  year: z.number().int(),
  championshipId: z.string(),
  races: z.array(z.object({ race: z.number().int().positive(), code: z.string() })),
  /** `points[i]` after `races[i]`; null before the competitor's first race. */
  competitors: z.array(z.object({ competitor: z.string(), name: z.string(), points: z.array(z.number().nullable()) })),
});
export type ProgressionAnswer = z.infer<typeof progressionAnswerSchema>;

/** GET /api/series/:id/season: the definition and the current season, as the scoring functions take them. */
export const seasonAnswerSchema = z.object({ series: seriesDefinitionSchema, season: seasonSchema });
export type SeasonAnswer = z.infer<typeof seasonAnswerSchema>;

/** GET /api/sessions/:id/standings: the championships as they would stand if the race ended now. */
export interface SessionStandingsAnswer {
  seq: number;
  seriesId: string;
  race: number | undefined;
  /** A live championship as the projector keeps it, its rows in projected order. */
  championships: (Omit<LiveChampionship, 'championshipId' | 'order' | 'rows'> & {
    id: string;
    standings: LiveStandingRow[];
  })[];
}

/** Where a confirmed result went: the season's race it now is, or why it is not one. */
export const seasonResultAnswerSchema = z.union([
  z.object({
    stored: z.literal(true),
    seriesId: z.string(),
    year: z.number().int(),
    race: z.number().int().positive(),
  }),
  z.object({ stored: z.literal(false), reason: z.string() }),
]);
export type SeasonResultAnswer = z.infer<typeof seasonResultAnswerSchema>;

const resultStatusSchema = z.enum(RESULT_STATUSES_OF_SESSION);

/** 201 to POST /api/sessions/:id/decisions, …/decisions/:decisionId/rescind and …/confirm. */
export const raceControlAnswerSchema = z.object({
  entry: auditEntrySchema,
  resultStatus: resultStatusSchema,
  /** Confirmations only. */
  seasonResult: seasonResultAnswerSchema.optional(),
});
export type RaceControlAnswer = z.infer<typeof raceControlAnswerSchema>;

/** GET /api/sessions/:id/audit: the audit trail, oldest first. */
export const auditTrailAnswerSchema = z.object({
  sessionId: z.string(),
  resultStatus: resultStatusSchema,
  entries: z.array(auditEntrySchema),
});
export type AuditTrailAnswer = z.infer<typeof auditTrailAnswerSchema>;

/** GET /api/sessions/:id/laps: lap histories by timing number, in the session's order of first sight. */
export const lapHistoryAnswerSchema = z.object({
  sessionId: z.string(),
  cars: z.array(z.object({ number: z.string(), laps: z.array(lapRecordSchema) })),
});
export type LapHistoryAnswer = z.infer<typeof lapHistoryAnswerSchema>;

/** GET /api/sessions/:id/at?lap=N | ?raceTimeMs=T: the session as it stood then (seek.ts). */
export interface SessionAtAnswer {
  sessionId: string;
  /** The leader's lap at that moment. */
  lap: number;
  raceTimeMs?: number;
  view: SessionView;
}

/** GET /api/sessions/:id/stints. */
export const stintsAnswerSchema = z.object({
  sessionId: z.string(),
  cars: z.array(z.object({ number: z.string(), stints: z.array(stintSchema), stops: z.array(pitStopSchema) })),
});
export type StintsAnswer = z.infer<typeof stintsAnswerSchema>;

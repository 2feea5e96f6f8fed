import type { RaceScore } from '../championship/race-score';
import type { CompetitorKind, PointsAdjustment, Season, SeriesDefinition } from '../championship/schema';
import type { LiveChampionship, LiveStandingRow } from '../championship/live';
import type { SessionSummary, SessionView } from '../feed/protocol';
import type { CarState, ClassInfo, SessionInfo } from '../session/model';
import type { AuditEntry, SessionResultStatus } from '../race-control/race-control';
import type { LapRecord } from '../session/lap-history';
import type { PitStop, Stint } from '../session/stints';

/**
 * The answers of the HTTP API (docs/http-api.md), once for the server that sends them and the
 * web app and tests that read them.
 */

/** Every refusal. `retry` is set when the same request may succeed later (storage busy or failing). */
export interface ErrorAnswer {
  error: string;
  retry?: true;
}

export interface HealthAnswer {
  ok: true;
}

export interface SessionListAnswer {
  sessions: SessionSummary[];
}

/** An archived session: out of the live list, closed to feeds, still open to read and review. */
export interface ArchivedSessionSummary extends SessionSummary {
  /** When it was archived (ms since epoch). */
  archivedAtMs: number;
}

/** GET /api/sessions?archived=true */
export interface ArchivedSessionListAnswer {
  sessions: ArchivedSessionSummary[];
}

/** POST /api/sessions/:id/archive and /unarchive, DELETE /api/sessions/:id: where the session now stands. */
export interface SessionLifecycleAnswer {
  sessionId: string;
  state: 'live' | 'archived' | 'deleted';
}

/** GET /api/sessions/:id: the classification, cars in running order. */
export interface SessionAnswer {
  seq: number;
  session: SessionInfo;
  classes: ClassInfo[];
  cars: CarState[];
}

export interface ChampionshipSummary {
  id: string;
  name: string;
  competitor: CompetitorKind;
  classId?: string;
  eligibility?: string;
}

export interface SeriesSummary {
  id: string;
  name: string;
  shortName: string;
  classes: ClassInfo[];
  championships: ChampionshipSummary[];
  /** Years with a season on file. */
  seasons: number[];
}

export interface SeriesListAnswer {
  series: SeriesSummary[];
}

export interface SeasonStandingRow {
  position: number;
  name: string;
  competitor: string;
  classId?: string;
  points: number;
  wins: number;
  races: RaceScore[];
  adjustments: PointsAdjustment[];
}

/** GET /api/series/:id/standings, and `standings --json` (its `championships`). */
export interface SeasonStandingsAnswer {
  seriesId: string;
  year: number;
  afterRace: number;
  championships: { id: string; name: string; standings: SeasonStandingRow[] }[];
}

/** GET /api/series/:id/progression: each competitor's total after every race so far. */
export interface ProgressionAnswer {
  seriesId: string;
  year: number;
  championshipId: string;
  races: { race: number; code: string }[];
  /** `points[i]` after `races[i]`; null before the competitor's first race. */
  competitors: { competitor: string; name: string; points: (number | null)[] }[];
}

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

/** GET /api/series/:id/season: the definition and the current season, as the scoring functions take them. */
export interface SeasonAnswer {
  series: SeriesDefinition;
  season: Season;
}

/** Where a confirmed result went: the season's race it now is, or why it is not one. */
export type SeasonResultAnswer =
  { stored: true; seriesId: string; year: number; race: number } | { stored: false; reason: string };

/** 201 to POST /api/sessions/:id/decisions, …/decisions/:decisionId/rescind and …/confirm. */
export interface RaceControlAnswer {
  entry: AuditEntry;
  resultStatus: SessionResultStatus;
  /** Confirmations only. */
  seasonResult?: SeasonResultAnswer;
}

/** GET /api/sessions/:id/audit: the audit trail, oldest first. */
export interface AuditTrailAnswer {
  sessionId: string;
  resultStatus: SessionResultStatus;
  entries: AuditEntry[];
}

/** GET /api/sessions/:id/laps: lap histories by timing number, in the session's order of first sight. */
export interface LapHistoryAnswer {
  sessionId: string;
  cars: { number: string; laps: LapRecord[] }[];
}

/** GET /api/sessions/:id/at?lap=N | ?raceTimeMs=T: the session as it stood then (seek.ts). */
export interface SessionAtAnswer {
  sessionId: string;
  /** The leader's lap at that moment. */
  lap: number;
  raceTimeMs?: number;
  view: SessionView;
}

/** GET /api/sessions/:id/stints. */
export interface StintsAnswer {
  sessionId: string;
  cars: { number: string; stints: Stint[]; stops: PitStop[] }[];
}

import type { RaceScore } from '../championship/race-score';
import type { CompetitorKind, PointsAdjustment } from '../championship/schema';
import type { LiveStandingRow } from '../championship/live';
import type { SessionSummary } from '../feed/protocol';
import type { CarState, ClassInfo, SessionInfo } from '../session/model';

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
  championships: {
    id: string;
    name: string;
    race: number;
    racesRemaining: number;
    champion?: string;
    standings: LiveStandingRow[];
  }[];
}

import type { LiveChampionship } from '../championship/live';
import type { MergePatch } from '../delta/merge-patch';
import type { ClassificationView } from '../session/derive';
import { z } from 'zod';
import { classInfoSchema, FLAGS, sessionIdSchema, SESSION_STATUSES } from '../session/model';
import type { AuditEntry, SessionResultStatus } from '../race-control/race-control';

/** Race control's side of a session, as viewers hold it. */
export interface RaceControlView {
  resultStatus: SessionResultStatus;
  /**
   * The audit trail keyed by entry id ("1", "2", ...; sort numerically for the order), so a
   * delta carries only a new entry or the one a rescind marked.
   */
  audit: Record<string, AuditEntry>;
}

/** The whole state a viewer of one session holds. */
export interface SessionView extends ClassificationView {
  /**
   * Projected standings of every championship of the session's series, keyed by championship id,
   * computed from the same update as the order they belong to.
   */
  championships?: Record<string, LiveChampionship>;
  /** Why there are no projected standings for a session that should have them. */
  championshipsUnavailable?: string;
  /** Always set by the server; absent only in views built without it (tests, tools). */
  raceControl?: RaceControlView;
}

/** Sent on join and on resync: the view as of `seq`. */
export interface SessionSnapshot {
  sessionId: string;
  seq: number;
  view: SessionView;
}

/** Sent after every accepted update: the change from `seq - 1` to `seq`. */
export interface SessionDelta {
  sessionId: string;
  seq: number;
  patch: MergePatch;
}

/** A line of the session list (`GET /api/sessions`, the `sessions` event). */
export const sessionSummarySchema = z.object({
  id: sessionIdSchema,
  seriesId: z.string(),
  event: z.string(),
  name: z.string(),
  status: z.enum(SESSION_STATUSES),
  flag: z.enum(FLAGS),
  demo: z.boolean(),
  carCount: z.number().int().nonnegative(),
  classes: z.array(classInfoSchema),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

/** The session list as of `seq`: sent to a viewer when it connects and when it asks again. */
export interface SessionListSnapshot {
  seq: number;
  sessions: SessionSummary[];
}

/**
 * The change from list `seq - 1` to `seq`: sessions that appeared, sessions whose summary
 * changed (sent whole: a summary is small), and the ids of sessions that went (archived or
 * deleted). A list of a thousand sessions costs one summary per change, not a thousand.
 */
export interface SessionListChange {
  seq: number;
  added: SessionSummary[];
  changed: SessionSummary[];
  removed: string[];
}

export function summarise(view: SessionView): SessionSummary {
  const { info } = view;
  return {
    id: info.id,
    seriesId: info.seriesId,
    event: info.event,
    name: info.name,
    status: info.status,
    flag: info.flag,
    demo: info.demo ?? false,
    carCount: view.order.length,
    classes: view.classes,
  };
}

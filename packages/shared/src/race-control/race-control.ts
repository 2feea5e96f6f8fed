import { z } from 'zod';
import type { PointsAdjustment } from '../championship/schema';
import type { SessionState } from '../session/apply';
import { deriveClassification, type ClassificationView } from '../session/derive';
import {
  MAX_RACE_CONTROL_ENTRIES,
  raceControlActionSchema,
  type RaceControlAction,
  type RaceControlEntry,
} from './decision';
import type { ActiveDecision } from './rulings';

/**
 * How final a session's result is: `provisional` while the race runs, `provisional-classification`
 * once the checkered flag has fallen, `official` when race control has confirmed it (and no
 * decision came after the confirmation).
 */
export const RESULT_STATUSES_OF_SESSION = ['provisional', 'provisional-classification', 'official'] as const;
export type SessionResultStatus = (typeof RESULT_STATUSES_OF_SESSION)[number];

const place = z.object({ position: z.number().int().positive(), classPosition: z.number().int().positive() });

/** A car whose place an entry changed, overall and in class ("from" absent for a car new to the order). */
export const positionChangeSchema = z.object({
  number: z.string(),
  classId: z.string(),
  from: place.optional(),
  to: place,
});
export type PositionChange = z.infer<typeof positionChangeSchema>;

/** One line of the audit trail: the entry as journaled, what it changed, and whether it still holds. */
export const auditEntrySchema = z.object({
  id: z.number().int().positive(),
  atMs: z.number().int().nonnegative(),
  author: z.string(),
  reason: z.string(),
  action: raceControlActionSchema,
  /** Cars whose overall or class position the entry changed when it was taken. */
  changes: z.array(positionChangeSchema),
  /** Set on a decision once it has been rescinded, to the id of the rescinding entry. */
  rescindedBy: z.number().int().positive().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Race control's record of a session: nothing is ever removed from it. */
export interface RaceControlState {
  entries: readonly AuditEntry[];
}

export const emptyRaceControl: RaceControlState = { entries: [] };

export type RaceControlOutcome =
  | { kind: 'accepted'; raceControl: RaceControlState; entry: AuditEntry }
  /** `conflict`: valid, but not now (already rescinded, race not finished); `not-found`: no such car or decision. */
  | { kind: 'rejected'; reason: 'invalid' | 'conflict' | 'not-found'; error: string };

const rejected = (reason: 'invalid' | 'conflict' | 'not-found', error: string): RaceControlOutcome => ({
  kind: 'rejected',
  reason,
  error,
});

/** Decisions in force, in the order they were taken: what the classification applies. */
export function activeDecisions(raceControl: RaceControlState): ActiveDecision[] {
  return raceControl.entries.flatMap((entry) =>
    entry.rescindedBy === undefined &&
    entry.action.kind !== 'rescind' &&
    entry.action.kind !== 'confirm' &&
    entry.action.kind !== 'points-adjustment'
      ? [{ id: entry.id, decision: entry.action }]
      : [],
  );
}

/** Points adjustments in force, as the standings take them (tied to the session's race). */
export function raceControlAdjustments(raceControl: RaceControlState, race?: number): PointsAdjustment[] {
  return raceControl.entries.flatMap((entry) =>
    entry.action.kind === 'points-adjustment' && entry.rescindedBy === undefined
      ? [
          {
            championship: entry.action.championship,
            competitor: entry.action.competitor,
            points: entry.action.points,
            reason: `race control decision ${entry.id}: ${entry.reason}`,
            ...(race !== undefined && { race }),
          },
        ]
      : [],
  );
}

export function resultStatus(session: SessionState, raceControl: RaceControlState): SessionResultStatus {
  const last = raceControl.entries.at(-1);
  if (last?.action.kind === 'confirm') return 'official';
  return session.info.status === 'finished' || session.info.flag === 'checkered'
    ? 'provisional-classification'
    : 'provisional';
}

/**
 * Applies one journaled entry. Checks it against the session as it stands (the car exists, the
 * decision is not already rescinded, the race is over before it is confirmed) and records which
 * positions it changed. The same entries over the same session always give the same state, so a
 * restore rebuilds the audit trail exactly.
 */
export function applyRaceControlEntry(
  raceControl: RaceControlState,
  session: SessionState,
  entry: RaceControlEntry,
): RaceControlOutcome {
  if (entry.sessionId !== session.info.id) return rejected('invalid', `entry is for session "${entry.sessionId}"`);
  const expectedId = raceControl.entries.length + 1;
  if (expectedId > MAX_RACE_CONTROL_ENTRIES) {
    return rejected('conflict', `a session holds at most ${MAX_RACE_CONTROL_ENTRIES} race-control entries`);
  }
  if (entry.id !== expectedId) return rejected('invalid', `entry ${entry.id} is out of order: next is ${expectedId}`);
  const problem = actionProblem(raceControl, session, entry.action);
  if (problem) return problem;
  const entries = raceControl.entries.map((earlier) =>
    entry.action.kind === 'rescind' && earlier.id === entry.action.decisionId
      ? { ...earlier, rescindedBy: entry.id }
      : earlier,
  );
  const { id, atMs, author, reason, action } = entry;
  const taken: AuditEntry = { id, atMs, author, reason, action, changes: [] };
  const changes = positionChanges(
    deriveClassification(session, activeDecisions(raceControl)),
    deriveClassification(session, activeDecisions({ entries: [...entries, taken] })),
  );
  const audit: AuditEntry = { ...taken, changes };
  return { kind: 'accepted', raceControl: { entries: [...entries, audit] }, entry: audit };
}

function actionProblem(
  raceControl: RaceControlState,
  session: SessionState,
  action: RaceControlAction,
): RaceControlOutcome | undefined {
  switch (action.kind) {
    case 'confirm':
      if (resultStatus(session, raceControl) === 'official')
        return rejected('conflict', 'the result is already official');
      if (session.info.status !== 'finished' && session.info.flag !== 'checkered') {
        return rejected('conflict', 'the race is not over: a result can be confirmed after the checkered flag');
      }
      return undefined;
    case 'rescind': {
      const target = raceControl.entries.find((earlier) => earlier.id === action.decisionId);
      if (!target) return rejected('not-found', `there is no decision ${action.decisionId}`);
      if (target.action.kind === 'rescind' || target.action.kind === 'confirm') {
        return rejected('conflict', `entry ${action.decisionId} is a ${target.action.kind}, not a decision`);
      }
      if (target.rescindedBy !== undefined) {
        return rejected(
          'conflict',
          `decision ${action.decisionId} was already rescinded by entry ${target.rescindedBy}`,
        );
      }
      return undefined;
    }
    case 'points-adjustment':
      return undefined;
    default: {
      if (!session.cars.has(action.car)) {
        return rejected('not-found', `car #${action.car} is not in the session`);
      }
      if (action.kind !== 'correction') return undefined;
      const fields = (['laps', 'classId', 'driver', 'number'] as const).filter((field) => action[field] !== undefined);
      if (fields.length === 0) return rejected('invalid', 'a correction must change laps, classId, driver or number');
      if (action.classId !== undefined && !session.classes.some((c) => c.id === action.classId)) {
        return rejected('invalid', `class "${action.classId}" is not a class of the session`);
      }
      if (action.number !== undefined && action.number !== action.car && session.cars.has(action.number)) {
        return rejected('conflict', `car number ${action.number} is already in the session`);
      }
      return undefined;
    }
  }
}

/** Cars whose overall or class position differs between two classifications of the same session. */
export function positionChanges(before: ClassificationView, after: ClassificationView): PositionChange[] {
  return after.order.flatMap((number) => {
    const now = after.cars[number]!;
    const was = before.cars[number];
    if (was && was.position === now.position && was.classPosition === now.classPosition) return [];
    return [
      {
        number,
        classId: now.classId,
        ...(was && { from: { position: was.position, classPosition: was.classPosition } }),
        to: { position: now.position, classPosition: now.classPosition },
      },
    ];
  });
}

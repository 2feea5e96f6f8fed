import { describe, expect, it } from 'vitest';
import { applyFeedUpdate } from '../session/apply';
import { deriveClassification } from '../session/derive';
import { fullUpdate } from '../test-support/sessions';
import { summarise } from '../feed/protocol';
import { applyRaceControlEntry, emptyRaceControl } from '../race-control/race-control';
import type { LapRecord } from '../session/lap-history';
import { stintsAndStops } from '../session/stints';
import {
  archivedSessionListAnswerSchema,
  auditTrailAnswerSchema,
  errorAnswerSchema,
  progressionAnswerSchema,
  sessionAnswerSchema,
  sessionListAnswerSchema,
  stintsAnswerSchema,
  type SessionAnswer,
} from './http-answers';

/** The answers as the server builds them from a session, checked against their schemas. */
describe('HTTP answer schemas', () => {
  const view = deriveClassification(session());

  it('describe the session answer the read API builds', () => {
    const answer: SessionAnswer = {
      seq: 1,
      session: view.info,
      classes: view.classes,
      cars: view.order.map((number) => view.cars[number]!),
    };
    expect(sessionAnswerSchema.parse(answer)).toEqual(answer);
    expect(sessionAnswerSchema.safeParse({ ...answer, session: { ...answer.session, flag: 'blue' } }).success).toBe(
      false,
    );
  });

  it('describe the session list', () => {
    const answer = { sessions: [summarise(view)] };
    expect(sessionListAnswerSchema.parse(answer)).toEqual(answer);
  });

  it('describe the archived list: the summary with when it was archived', () => {
    const answer = { sessions: [{ ...summarise(view), archivedAtMs: 1_700_000_000_000 }] };
    expect(archivedSessionListAnswerSchema.parse(answer)).toEqual(answer);
    expect(archivedSessionListAnswerSchema.safeParse({ sessions: [summarise(view)] }).success).toBe(false);
  });

  it('describe a refusal, retryable or not', () => {
    expect(errorAnswerSchema.parse({ error: 'unknown session "x"' })).toEqual({ error: 'unknown session "x"' });
    expect(errorAnswerSchema.parse({ error: 'storage busy', retry: true }).retry).toBe(true);
    expect(errorAnswerSchema.safeParse({ error: 'x', retry: false }).success).toBe(false);
  });

  it('allow null in a progression before a competitor first raced', () => {
    const answer = {
      seriesId: 'mx5-cup',
      year: 2024,
      championshipId: 'drivers',
      races: [
        { race: 1, code: 'SEB1' },
        { race: 2, code: 'SEB2' },
      ],
      competitors: [{ competitor: 'A Driver', name: 'A Driver', points: [null, 35] }],
    };
    expect(progressionAnswerSchema.parse(answer)).toEqual(answer);
  });

  it('describe the audit trail race control builds', () => {
    const outcome = applyRaceControlEntry(emptyRaceControl, session(), {
      type: 'race-control',
      sessionId: 'vp-r12',
      id: 1,
      atMs: 1_700_000_000_000,
      author: 'Chief Steward',
      reason: 'avoidable contact',
      action: { kind: 'time-penalty', car: '6', seconds: 5 },
    });
    if (outcome.kind !== 'accepted') throw new Error(outcome.error);
    expect(outcome.entry.changes.length).toBeGreaterThan(0);
    const answer = { sessionId: 'vp-r12', resultStatus: 'provisional', entries: [outcome.entry] };
    expect(auditTrailAnswerSchema.parse(answer)).toEqual(answer);
  });

  it('describe the stints and stops derived from a lap history', () => {
    const lap = (n: number, pitIn = false, pitOut = false): LapRecord => ({
      lap: n,
      lapMs: 90_000,
      position: 1,
      classPosition: 1,
      pitIn,
      pitOut,
      flag: 'green',
      driver: 'Steven Aghakhani',
    });
    const answer = {
      sessionId: 'vp-r12',
      cars: [{ number: '6', ...stintsAndStops([lap(1), lap(2, true), lap(3, false, true)]) }],
    };
    expect(answer.cars[0]!.stops).toHaveLength(1);
    expect(stintsAnswerSchema.parse(answer)).toEqual(answer);
  });
});

/** The fixture field, accepted as one full update. */
function session() {
  const outcome = applyFeedUpdate(undefined, fullUpdate(1));
  if (outcome.kind !== 'accepted') throw new Error('fixture refused');
  return outcome.state;
}

import { describe, expect, it } from 'vitest';
import { applyFeedUpdate } from '../session/apply';
import { deriveClassification } from '../session/derive';
import { fullUpdate } from '../test-support/sessions';
import { summarise } from '../feed/protocol';
import {
  errorAnswerSchema,
  progressionAnswerSchema,
  sessionAnswerSchema,
  sessionListAnswerSchema,
  type SessionAnswer,
} from './http-answers';

/** The answers as the server builds them from a session, checked against their schemas. */
describe('HTTP answer schemas', () => {
  const outcome = applyFeedUpdate(undefined, fullUpdate(1));
  if (outcome.kind !== 'accepted') throw new Error('fixture refused');
  const view = deriveClassification(outcome.state);

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
});

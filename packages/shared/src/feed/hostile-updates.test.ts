import { describe, expect, it } from 'vitest';
import { feedUpdateSchema } from './update';
import { applyFeedUpdate, type SessionState } from '../session/apply';
import { deriveClassification } from '../session/derive';
import { cleanText, LIMITS } from '../session/limits';
import { fullUpdate } from '../test-support/sessions';

const patch = (fields: Record<string, unknown>, seq = 2) => ({ type: 'patch', sessionId: 'vp-r12', seq, ...fields });
const car = (fields: Record<string, unknown>) => patch({ cars: [{ number: '6', ...fields }] });
const problem = (update: unknown) => {
  const parsed = feedUpdateSchema.safeParse(update);
  return parsed.success ? undefined : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
};

describe('bounds on what a feed sends', () => {
  it.each([
    ['laps', car({ laps: 999_999_999 }), 'cars.0.laps'],
    ['a position past the most cars', car({ position: 251 }), 'cars.0.position'],
    ['a race time beyond a week', car({ totalTimeMs: LIMITS.raceTimeMs + 1 }), 'cars.0.totalTimeMs'],
    ['a lap time beyond a day', car({ lastLapMs: LIMITS.lapTimeMs + 1 }), 'cars.0.lastLapMs'],
    ['a best lap number beyond the laps', car({ bestLapNumber: LIMITS.laps + 1 }), 'cars.0.bestLapNumber'],
    ['elapsed time', patch({ session: { elapsedMs: 1e15 } }), 'session.elapsedMs'],
    ['laps remaining', patch({ session: { lapsRemaining: 999_999_999 } }), 'session.lapsRemaining'],
    ['seq at the largest safe integer', patch({}, Number.MAX_SAFE_INTEGER), 'seq'],
    [
      'a class colour that loads a URL',
      patch({ classes: [{ id: 'A', name: 'A', color: 'url(//host/x)' }] }),
      'classes.0.color',
    ],
    [
      'a class colour with an expression',
      patch({ classes: [{ id: 'A', name: 'A', color: 'red;background:url(x)' }] }),
      'classes.0.color',
    ],
    ['a name of only invisible characters', car({ driver: '\u202e\u200b\u0007' }), 'cars.0.driver'],
    ['a car number with a control character', car({ number: '6\u0000' }), 'cars.0.number'],
    ['a class id with a bidirectional override', car({ classId: '\u202eGSX' }), 'cars.0.classId'],
    ['a name too long', car({ driver: 'x'.repeat(121) }), 'cars.0.driver'],
  ])('refuses %s, naming the field', (_what, update, path) => {
    expect(problem(update)).toContain(`${path}: `);
  });

  it('gives the seq bound in the error', () => {
    expect(problem(patch({}, 2 ** 50 + 1))).toContain('at most 2^50');
    expect(problem(patch({}, 2 ** 50))).toBeUndefined();
  });

  it('refuses fields it does not know, naming them, at every level', () => {
    expect(problem({ ...patch({}), pad: 'x'.repeat(900_000) })).toMatch(/Unrecognized key: "pad"/);
    expect(problem(car({ pad: 1 }))).toMatch(/cars\.0: Unrecognized key: "pad"/);
    expect(problem(patch({ session: { pad: 1 } }))).toMatch(/session: Unrecognized key: "pad"/);
    expect(problem(patch({ classes: [{ id: 'A', name: 'A', pad: 1 }] }))).toMatch(/classes\.0: Unrecognized key/);
  });

  it('accepts hex colours', () => {
    for (const color of ['#fff', '#ffff', '#ff5a5f', '#ff5a5f80']) {
      expect(problem(patch({ classes: [{ id: 'A', name: 'A', color }] }))).toBeUndefined();
    }
  });

  it('takes control, bidirectional and invisible characters out of names', () => {
    const parsed = feedUpdateSchema.parse(
      car({ driver: 'Luca\u202e Mars\u0007\u200b', team: '\u2066Team\n\tX\u2069' }),
    );
    expect(parsed.type === 'patch' && parsed.cars?.[0]).toMatchObject({ driver: 'Luca Mars', team: 'Team X' });
    expect(cleanText('\ud800a\udc00b')).toBe('ab');
    expect(cleanText('Jos\u00e9 \ud83c\udfc1')).toBe('Jos\u00e9 \ud83c\udfc1');
  });
});

describe('a car at the most laps', () => {
  it('costs no more per update than any other car', () => {
    const start = applyFeedUpdate(undefined, feedUpdateSchema.parse(fullUpdate(1)));
    if (start.kind !== 'accepted') throw new Error(start.kind);
    let state: SessionState = start.state;
    const timed = (update: unknown) => {
      const began = performance.now();
      const outcome = applyFeedUpdate(state, feedUpdateSchema.parse(update));
      if (outcome.kind !== 'accepted') throw new Error(JSON.stringify(outcome));
      state = outcome.state;
      deriveClassification(state);
      return performance.now() - began;
    };
    timed(car({ laps: LIMITS.laps, totalTimeMs: LIMITS.raceTimeMs }));
    const times = Array.from({ length: 20 }, (_, i) =>
      timed(patch({ cars: [{ number: '6', lapsLed: i + 1 }] }, i + 3)),
    );
    expect(Math.max(...times)).toBeLessThan(50);
    expect(state.crossings.get('6')!.laps.length).toBeLessThanOrEqual(2);
  });
});

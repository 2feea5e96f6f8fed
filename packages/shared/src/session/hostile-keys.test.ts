import { describe, expect, it } from 'vitest';
import { applyFeedUpdate, type SessionState } from './apply';
import { deriveClassification } from './derive';
import { feedUpdateSchema, type FeedUpdate } from '../feed/update';
import { fullUpdate } from '../test-support/sessions';

/** Names every JavaScript object answers to: a plain object used as a map treats them as present. */
const BUILT_IN_NAMES = ['toString', 'valueOf', 'constructor', 'hasOwnProperty', 'isPrototypeOf', '__proto__'];

function accepted(outcome: ReturnType<typeof applyFeedUpdate>): SessionState {
  if (outcome.kind !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(outcome)}`);
  return outcome.state;
}

const valid = (update: unknown): FeedUpdate => feedUpdateSchema.parse(update);

describe('car numbers that are built-in property names', () => {
  const usable = BUILT_IN_NAMES.filter((name) => feedUpdateSchema.safeParse(patchFor(name, 1)).success);

  function patchFor(number: string, seq: number): unknown {
    return {
      type: 'patch',
      sessionId: 'vp-r12',
      seq,
      cars: [{ number, classId: 'LMP3', driver: 'X', position: 6, laps: 3, totalTimeMs: 300_000 }],
    };
  }

  it('are ordinary cars: added, patched, derived and removed', () => {
    expect(usable).toEqual(expect.arrayContaining(['toString', 'valueOf']));
    for (const number of usable) {
      let state = accepted(applyFeedUpdate(undefined, valid(fullUpdate(1))));
      state = accepted(applyFeedUpdate(state, valid(patchFor(number, 2))));
      state = accepted(
        applyFeedUpdate(
          state,
          valid({ type: 'patch', sessionId: 'vp-r12', seq: 3, cars: [{ number, laps: 4, totalTimeMs: 390_000 }] }),
        ),
      );
      const view = deriveClassification(state);
      expect(view.order).toContain(number);
      expect(Object.hasOwn(view.cars, number)).toBe(true);
      expect(view.cars[number]).toMatchObject({ number, laps: 4, position: 6 });
      expect(JSON.parse(JSON.stringify(view)).cars[number].laps).toBe(4);
      state = accepted(
        applyFeedUpdate(state, valid({ type: 'patch', sessionId: 'vp-r12', seq: 4, removed: [number] })),
      );
      expect(deriveClassification(state).order).not.toContain(number);
    }
  });

  it('removing an absent car with a built-in name is refused', () => {
    const state = accepted(applyFeedUpdate(undefined, valid(fullUpdate(1))));
    for (const number of usable) {
      expect(applyFeedUpdate(state, valid({ type: 'patch', sessionId: 'vp-r12', seq: 2, removed: [number] }))).toEqual({
        kind: 'rejected',
        error: `cannot remove car #${number}: it is not in the session`,
      });
    }
  });

  it('a patch naming an absent built-in car is a new car, and needs its fields', () => {
    const state = accepted(applyFeedUpdate(undefined, valid(fullUpdate(1))));
    expect(
      applyFeedUpdate(
        state,
        valid({ type: 'patch', sessionId: 'vp-r12', seq: 2, cars: [{ number: 'valueOf', laps: 2 }] }),
      ),
    ).toEqual({
      kind: 'rejected',
      error: 'car #valueOf is new to the session and needs classId, driver, position',
    });
  });

  it('class ids that are built-in names are ordinary classes', () => {
    const update = fullUpdate(1);
    delete update.classes;
    for (const car of update.cars) car.classId = car.classId === 'LMP3' ? 'constructor' : 'toString';
    const view = deriveClassification(accepted(applyFeedUpdate(undefined, valid(update))));
    expect(view.classes.map((c) => c.id)).toEqual(['constructor', 'toString']);
    expect(view.order.map((n) => view.cars[n]!.classPosition)).toEqual([1, 2, 1, 3, 2]);
  });
});

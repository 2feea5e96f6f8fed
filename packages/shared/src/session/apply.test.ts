import { describe, expect, it } from 'vitest';
import { applyFeedUpdate, type SessionState } from './apply';
import { fullUpdate, twoClassField } from '../test-support/sessions';

function accepted(outcome: ReturnType<typeof applyFeedUpdate>): SessionState {
  if (outcome.kind !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(outcome)}`);
  return outcome.state;
}

describe('applyFeedUpdate', () => {
  it('creates a session from a full update with defaults for status and flag', () => {
    const update = fullUpdate(1);
    update.session = { seriesId: 'x', event: 'e', name: 'n' };
    const state = accepted(applyFeedUpdate(undefined, update));
    expect(state.info).toMatchObject({ id: 'vp-r12', status: 'scheduled', flag: 'none' });
    expect([...state.cars.keys()].sort()).toEqual(['59', '6', '7', '87', '88']);
    expect(state.lastSeq).toBe(1);
  });

  it('ignores a repeated seq as a duplicate and a lower one as out of order', () => {
    const state = accepted(applyFeedUpdate(undefined, fullUpdate(5)));
    expect(applyFeedUpdate(state, fullUpdate(5))).toEqual({ kind: 'ignored', reason: 'duplicate', lastSeq: 5 });
    expect(applyFeedUpdate(state, fullUpdate(3))).toEqual({ kind: 'ignored', reason: 'out-of-order', lastSeq: 5 });
  });

  it('applies a per-car patch that swaps two cars', () => {
    const state = accepted(applyFeedUpdate(undefined, fullUpdate(1)));
    const next = accepted(
      applyFeedUpdate(state, {
        type: 'patch',
        sessionId: 'vp-r12',
        seq: 2,
        cars: [
          { number: '6', position: 2 },
          { number: '87', position: 1 },
        ],
      }),
    );
    expect(next.cars.get('87')?.position).toBe(1);
    expect(next.cars.get('6')?.position).toBe(2);
    expect(state.cars.get('6')?.position).toBe(1);
  });

  it('rejects a patch that leaves two cars on one position, and keeps the state', () => {
    const state = accepted(applyFeedUpdate(undefined, fullUpdate(1)));
    const outcome = applyFeedUpdate(state, {
      type: 'patch',
      sessionId: 'vp-r12',
      seq: 2,
      cars: [{ number: '6', position: 2 }],
    });
    expect(outcome).toEqual({ kind: 'rejected', error: 'position 2 is given to both #6 and #87' });
  });

  it('rejects gaps in the running order', () => {
    const cars = twoClassField();
    cars[4]!.position = 7;
    expect(applyFeedUpdate(undefined, fullUpdate(1, cars))).toEqual({
      kind: 'rejected',
      error: 'positions must run 1..5 without gaps: position 5 is missing',
    });
  });

  it('rejects a patch to an unknown session', () => {
    expect(applyFeedUpdate(undefined, { type: 'patch', sessionId: 'nope', seq: 1 })).toEqual({
      kind: 'rejected',
      error: 'unknown session "nope": send a full update first',
    });
  });

  it('needs the identity of a car that is new to the session', () => {
    const state = accepted(applyFeedUpdate(undefined, fullUpdate(1)));
    const outcome = applyFeedUpdate(state, {
      type: 'patch',
      sessionId: 'vp-r12',
      seq: 2,
      cars: [{ number: '99', position: 6 }],
    });
    expect(outcome).toEqual({
      kind: 'rejected',
      error: 'car #99 is new to the session and needs classId, driver, laps',
    });
  });

  it('adds a complete new car and removes a withdrawn one', () => {
    const state = accepted(applyFeedUpdate(undefined, fullUpdate(1)));
    const next = accepted(
      applyFeedUpdate(state, {
        type: 'patch',
        sessionId: 'vp-r12',
        seq: 2,
        removed: ['88'],
        cars: [{ number: '99', classId: 'GSX', driver: 'New Driver', position: 5, laps: 0 }],
      }),
    );
    expect([...next.cars.keys()].sort()).toEqual(['59', '6', '7', '87', '99']);
  });

  it("keeps each car's time at the line for every lap, and forgets laps a restart took away", () => {
    const state = accepted(applyFeedUpdate(undefined, fullUpdate(1)));
    expect(state.crossings.get('6')).toEqual({ laps: [10], atMs: [900_000] });
    const next = accepted(
      applyFeedUpdate(state, {
        type: 'patch',
        sessionId: 'vp-r12',
        seq: 2,
        cars: [{ number: '6', laps: 11, totalTimeMs: 989_000 }],
      }),
    );
    expect(next.crossings.get('6')).toEqual({ laps: [10, 11], atMs: [900_000, 989_000] });
    const restarted = accepted(
      applyFeedUpdate(
        next,
        fullUpdate(
          3,
          twoClassField().map((car) => ({ ...car, laps: 0, totalTimeMs: 0 })),
        ),
      ),
    );
    expect(restarted.crossings.get('6')).toEqual({ laps: [], atMs: [] });
  });

  it('rejects removing a car that is not there', () => {
    const state = accepted(applyFeedUpdate(undefined, fullUpdate(1)));
    expect(applyFeedUpdate(state, { type: 'patch', sessionId: 'vp-r12', seq: 2, removed: ['1'] })).toEqual({
      kind: 'rejected',
      error: 'cannot remove car #1: it is not in the session',
    });
  });

  it('rejects a car in a class the update declares nothing about', () => {
    const cars = twoClassField();
    cars[0]!.classId = 'GTD';
    expect(applyFeedUpdate(undefined, fullUpdate(1, cars))).toMatchObject({
      kind: 'rejected',
      error: 'car #6 is in class "GTD", which the session does not declare',
    });
  });

  it('learns classes from cars when the feed never declares them', () => {
    const update = fullUpdate(1);
    delete update.classes;
    const state = accepted(applyFeedUpdate(undefined, update));
    expect(state.classes.map((c) => c.id)).toEqual(['LMP3', 'GSX']);
  });

  it('rejects a car listed twice', () => {
    const cars = twoClassField();
    cars.push({ ...cars[0]!, position: 6 });
    expect(applyFeedUpdate(undefined, fullUpdate(1, cars))).toEqual({
      kind: 'rejected',
      error: 'car #6 appears twice',
    });
  });
});

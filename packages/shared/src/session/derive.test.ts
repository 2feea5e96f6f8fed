import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PatchUpdate } from '../feed/update';
import type { ActiveDecision } from '../race-control/rulings';
import { applyFeedUpdate, type SessionState } from './apply';
import { carStateSchema } from './car-state';
import { deriveClassification, gapBetween } from './derive';
import { fullUpdate } from '../test-support/sessions';

function view() {
  const outcome = applyFeedUpdate(undefined, fullUpdate(1));
  if (outcome.kind !== 'accepted') throw new Error('fixture rejected');
  return deriveClassification(outcome.state);
}

describe('deriveClassification', () => {
  it('orders cars and numbers them within their class', () => {
    const v = view();
    expect(v.order).toEqual(['6', '87', '59', '7', '88']);
    expect(v.order.map((n) => v.cars[n]!.classPosition)).toEqual([1, 2, 1, 3, 2]);
  });

  it('gives gaps in time on the lead lap and in laps behind it', () => {
    const { cars } = view();
    expect(cars['6']!.gap).toBeUndefined();
    expect(cars['87']!.gap).toEqual({ ms: 2_500 });
    expect(cars['59']!.interval).toEqual({ ms: 87_500 });
    expect(cars['7']!.gap).toEqual({ laps: 1 });
    expect(cars['7']!.classGap).toEqual({ laps: 1 });
    expect(cars['7']!.classInterval).toEqual({ laps: 1 });
    expect(cars['88']!.classInterval).toEqual({ laps: 1 });
    expect(cars['59']!.classGap).toBeUndefined();
  });

  it('marks overall and class best laps and a personal best last lap', () => {
    const { cars } = view();
    expect(cars['6']!.bestLapMark).toBe('overall');
    expect(cars['87']!.bestLapMark).toBeUndefined();
    expect(cars['88']!.bestLapMark).toBe('class');
    expect(cars['88']!.lastLapMark).toBe('class');
    expect(cars['87']!.lastLapMark).toBe('personal');
    expect(cars['6']!.lastLapMark).toBeUndefined();
  });

  it('counts positions gained overall and in class from the grid', () => {
    const { cars } = view();
    expect(cars['6']!.positionsGained).toBe(1);
    expect(cars['87']!.positionsGained).toBe(-1);
    expect(cars['87']!.classPositionsGained).toBe(-1);
    expect(cars['7']!.classPositionsGained).toBe(0);
  });

  it('shows a car in the pit lane as pit unless it is out of the race', () => {
    expect(
      gapBetween(
        { number: '1', classId: 'A', driver: 'x', position: 2, laps: 3 },
        { number: '2', classId: 'A', driver: 'y', position: 1, laps: 3 },
      ),
    ).toBeUndefined();
    const outcome = applyFeedUpdate(undefined, fullUpdate(1));
    if (outcome.kind !== 'accepted') throw new Error('fixture rejected');
    const cars = new Map(outcome.state.cars);
    cars.set('6', { ...cars.get('6')!, inPit: true });
    cars.set('87', { ...cars.get('87')!, inPit: true, status: 'retired' });
    const { cars: shown } = deriveClassification({ ...outcome.state, cars });
    expect(shown['6']!.status).toBe('pit');
    expect(shown['87']!.status).toBe('retired');
    expect(shown['59']!.status).toBe('running');
  });
});

describe('gapBetween, taken at the line', () => {
  const car = (laps: number, totalTimeMs: number | undefined) => ({
    number: 'x',
    classId: 'A',
    driver: 'D',
    position: 1,
    laps,
    totalTimeMs,
  });
  const leaderLaps = { laps: [1, 2, 3, 4], atMs: [90_000, 180_000, 270_000, 360_000], count: 4 };

  it('keeps a negative gap when the feed orders a car behind one that completed the lap later', () => {
    expect(gapBetween(car(4, 359_404), car(4, 360_000), leaderLaps)).toEqual({ ms: -596 });
  });

  it('gives time, not a lap, to a car that has not reached the line yet', () => {
    expect(gapBetween(car(3, 275_500), car(4, 360_000), leaderLaps)).toEqual({ ms: 5_500 });
  });

  it('counts the laps the car ahead had completed when the chaser crossed', () => {
    expect(gapBetween(car(2, 275_000), car(4, 360_000), leaderLaps)).toEqual({ laps: 1 });
    expect(gapBetween(car(1, 365_000), car(4, 360_000), leaderLaps)).toEqual({ laps: 3 });
  });

  it('makes a car two laps short at least one down, and a car out of the race all it is short', () => {
    const stale = car(1, 95_000);
    expect(gapBetween(stale, car(4, 360_000), leaderLaps)).toEqual({ laps: 2 });
    expect(gapBetween({ ...stale, status: 'retired' }, car(4, 360_000), leaderLaps)).toEqual({ laps: 3 });
  });

  it('falls back to laps completed without the lap times of the car ahead', () => {
    expect(gapBetween(car(3, 275_500), car(4, 360_000))).toEqual({ laps: 1 });
    expect(gapBetween(car(3, undefined), car(4, 360_000), leaderLaps)).toEqual({ laps: 1 });
  });
});

describe('deriveClassification with lap history', () => {
  it('shows a car one lap short but not yet at the line as a time gap', () => {
    const first = applyFeedUpdate(undefined, fullUpdate(1));
    if (first.kind !== 'accepted') throw new Error('fixture rejected');
    // The leader (#6) completes lap 11; #87 was 2.5 s behind at the end of lap 10 and has not crossed again.
    const next = applyFeedUpdate(first.state, {
      type: 'patch',
      sessionId: 'vp-r12',
      seq: 2,
      cars: [{ number: '6', laps: 11, totalTimeMs: 989_000 }],
    });
    if (next.kind !== 'accepted') throw new Error(next.kind);
    const { cars } = deriveClassification(next.state);
    expect(cars['87']!.gap).toEqual({ ms: 2_500 });
    expect(cars['87']!.interval).toEqual({ ms: 2_500 });
  });
});

describe('deriveClassification of stints and sectors', () => {
  /** The fixture field, then each car in `laps` completing its next lap with these sectors. */
  function afterLap(laps: [number: string, sectorsMs: number[] | undefined, pitIn?: boolean][]) {
    let state = applyFeedUpdate(undefined, fullUpdate(1));
    laps.forEach(([number, sectorsMs, pitIn], i) => {
      if (state.kind !== 'accepted') throw new Error('fixture rejected');
      const car = state.state.cars.get(number)!;
      state = applyFeedUpdate(state.state, {
        type: 'patch',
        sessionId: 'vp-r12',
        seq: i + 2,
        cars: [
          {
            number,
            laps: car.laps + 1,
            totalTimeMs: car.totalTimeMs! + 90_000,
            ...(sectorsMs && { lastLapSectorsMs: sectorsMs }),
            ...(pitIn !== undefined && { lastLapPitIn: pitIn }),
          },
        ],
      });
    });
    if (state.kind !== 'accepted') throw new Error(state.kind);
    return deriveClassification(state.state).cars;
  }

  it('marks each sector of the last lap against the car, its class and the session as they stand', () => {
    const cars = afterLap([
      ['6', [30_000, 30_000, 30_000]],
      ['87', [29_000, 30_500, 31_000]],
      ['59', [33_000, 32_000, 31_000]],
      ['6', [30_200, 29_900, 30_100]],
    ]);
    expect(cars['6']!.lastSectors).toEqual([{ ms: 30_200 }, { ms: 29_900, mark: 'overall' }, { ms: 30_100 }]);
    expect(cars['87']!.lastSectors).toEqual([
      { ms: 29_000, mark: 'overall' },
      { ms: 30_500, mark: 'personal' },
      { ms: 31_000, mark: 'personal' },
    ]);
    expect(cars['59']!.lastSectors).toEqual([
      { ms: 33_000, mark: 'class' },
      { ms: 32_000, mark: 'class' },
      { ms: 31_000, mark: 'class' },
    ]);
    // A car whose last lap had no sector times shows none, and the feed's own field is not passed on.
    expect(cars['7']!.lastSectors).toBeUndefined();
    expect(cars['6']).not.toHaveProperty('lastLapSectorsMs');
    // The wire contract describes them.
    for (const car of Object.values(cars)) expect(carStateSchema.parse(car)).toEqual(car);
  });

  it("keeps the sector times in the lap history only, and a car's marked sectors by identity while the marks stand", () => {
    const first = applyFeedUpdate(undefined, fullUpdate(1));
    if (first.kind !== 'accepted') throw new Error(first.kind);
    const lap = (seq: number, number: string, sectorsMs: number[]) => ({
      number,
      laps: 11,
      totalTimeMs: 990_000 + seq,
      lastLapSectorsMs: sectorsMs,
    });
    const withSix = applyFeedUpdate(first.state, {
      type: 'patch',
      sessionId: 'vp-r12',
      seq: 2,
      cars: [lap(2, '6', [30_000, 30_000, 30_000])],
    });
    if (withSix.kind !== 'accepted') throw new Error(withSix.kind);
    expect(withSix.state.cars.get('6')).not.toHaveProperty('lastLapSectorsMs');
    expect(withSix.state.lapHistory.get('6')!.laps.at(-1)!.sectorsMs).toEqual([30_000, 30_000, 30_000]);
    const shown = deriveClassification(withSix.state).cars['6']!.lastSectors;
    expect(deriveClassification(withSix.state).cars['6']!.lastSectors).toBe(shown);
    // Another car's slower lap leaves #6's marks as they were: the same list.
    const withSeven = applyFeedUpdate(withSix.state, {
      type: 'patch',
      sessionId: 'vp-r12',
      seq: 3,
      cars: [lap(3, '7', [31_000, 31_000, 31_000])],
    });
    if (withSeven.kind !== 'accepted') throw new Error(withSeven.kind);
    expect(deriveClassification(withSeven.state).cars['6']!.lastSectors).toBe(shown);
  });

  it('shows no sectors of an earlier lap, and counts the stint from the stop', () => {
    const cars = afterLap([
      ['6', [30_000, 30_000, 30_000], true],
      ['6', undefined, false],
    ]);
    expect(cars['6']!.stint).toEqual({ lapsInStint: 1, stops: 1, lastStop: { lap: 11, atMs: 990_000 } });
    expect(cars['6']!.lastSectors).toBeUndefined();
  });
});

describe('deriveClassification from the view before', () => {
  const accepted = (state: SessionState | undefined, update: Parameters<typeof applyFeedUpdate>[1]) => {
    const outcome = applyFeedUpdate(state, update);
    if (outcome.kind !== 'accepted') throw new Error(`fixture rejected: ${JSON.stringify(outcome)}`);
    return outcome.state;
  };

  it('keeps the object of every car the update did not change', () => {
    const start = accepted(undefined, fullUpdate(1));
    const before = deriveClassification(start);
    // #88 completes a lap: its own gaps change, and the interval of nobody behind it.
    const next = accepted(start, {
      type: 'patch',
      sessionId: 'vp-r12',
      seq: 2,
      cars: [{ number: '88', laps: 10, totalTimeMs: 1_046_000, lastLapMs: 96_000 }],
    });
    const after = deriveClassification(next, [], before);
    expect(after).toEqual(deriveClassification(next));
    for (const number of ['6', '87', '59', '7']) expect(after.cars[number]).toBe(before.cars[number]);
    expect(after.cars['88']).not.toBe(before.cars['88']);
    expect(after.order).toBe(before.order);
  });

  /** One step of a random race: a car completes a lap (maybe with sectors, maybe through the pits), or two cars swap places. */
  const step = fc.oneof(
    fc.record({
      kind: fc.constant('lap' as const),
      car: fc.integer({ min: 0, max: 4 }),
      lapMs: fc.integer({ min: 85_000, max: 100_000 }),
      sectors: fc.boolean(),
      pit: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.integer({ min: 1, max: 4 }) }),
    // Corrections the timing team makes mid-race: a car in the wrong class, a wrong grid slot.
    fc.record({ kind: fc.constant('reclass' as const), car: fc.integer({ min: 0, max: 4 }) }),
    fc.record({
      kind: fc.constant('grid' as const),
      car: fc.integer({ min: 0, max: 4 }),
      slot: fc.integer({ min: 1, max: 5 }),
    }),
  );

  type Move = typeof step extends fc.Arbitrary<infer S> ? S : never;

  function play(state: SessionState, seq: number, move: Move): PatchUpdate {
    const order = [...state.cars.values()].sort((a, b) => a.position - b.position);
    if (move.kind === 'swap') {
      const [first, second] = [order[move.at - 1]!, order[move.at]!];
      return {
        type: 'patch',
        sessionId: 'vp-r12',
        seq,
        cars: [
          { number: first.number, position: second.position },
          { number: second.number, position: first.position },
        ],
      };
    }
    const car = order[move.car]!;
    if (move.kind !== 'lap') {
      const change =
        move.kind === 'grid' ? { startPosition: move.slot } : { classId: car.classId === 'GSX' ? 'LMP3' : 'GSX' };
      return { type: 'patch', sessionId: 'vp-r12', seq, cars: [{ number: car.number, ...change }] };
    }
    const third = Math.floor(move.lapMs / 3);
    return {
      type: 'patch',
      sessionId: 'vp-r12',
      seq,
      cars: [
        {
          number: car.number,
          laps: car.laps + 1,
          totalTimeMs: (car.totalTimeMs ?? 0) + move.lapMs,
          lastLapMs: move.lapMs,
          bestLapMs: Math.min(car.bestLapMs ?? Infinity, move.lapMs),
          inPit: move.pit,
          ...(move.sectors && { lastLapSectorsMs: [third, third, move.lapMs - 2 * third] }),
        },
      ],
    };
  }

  it('derives what a derivation from scratch gives, update after update, with corrections and decisions', () => {
    const penalties: ActiveDecision[][] = [[], [{ id: 1, decision: { kind: 'time-penalty', car: '87', seconds: 5 } }]];
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.constantFrom(...penalties), (moves, decisions) => {
        let state = accepted(undefined, fullUpdate(1));
        let view = deriveClassification(state, decisions);
        moves.forEach((move, i) => {
          state = accepted(state, play(state, i + 2, move));
          const fresh = deriveClassification(state, decisions);
          view = deriveClassification(state, decisions, view);
          // Equal as viewers receive it: the same fields in the same order.
          expect(JSON.stringify(view)).toBe(JSON.stringify(fresh));
        });
      }),
      { numRuns: 200 },
    );
  });
});

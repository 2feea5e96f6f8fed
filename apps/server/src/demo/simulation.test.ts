import {
  applyFeedUpdate,
  feedUpdateSchema,
  type CarFeed,
  type SessionState,
  type TimedFeedUpdate,
} from '@pitwall/shared';
import { describe, expect, it } from 'vitest';
import { simulateRace, type DemoPlan } from './simulation';
import { entry, MINUTE, multiClass, oneClass } from '../test-support/demo-plans';

/** Applies a timeline to the real session core, checking every update on the way. */
function replay(timeline: TimedFeedUpdate[]): SessionState[] {
  const states: SessionState[] = [];
  let state: SessionState | undefined;
  for (const { update } of timeline) {
    const parsed = feedUpdateSchema.safeParse(update);
    if (!parsed.success) throw new Error(`seq ${update.seq}: ${parsed.error.message}`);
    const outcome = applyFeedUpdate(state, parsed.data);
    if (outcome.kind !== 'accepted') throw new Error(`seq ${update.seq}: ${JSON.stringify(outcome)}`);
    state = outcome.state;
    states.push(state);
  }
  return states;
}

function runningOrder(state: SessionState): CarFeed[] {
  return [...state.cars.values()].sort((a, b) => a.position - b.position);
}

describe.each([
  ['two classes', multiClass],
  ['one class with a grid', oneClass],
])('simulateRace, %s', (_, plan) => {
  const timeline = simulateRace(plan, 7);
  const states = replay(timeline);
  const final = states.at(-1) as SessionState;
  const expected = [...plan.cars].sort((a, b) => a.finishPosition - b.finishPosition).map((car) => car.number);

  it('is the same timeline for the same seed, and another for another seed', () => {
    expect(simulateRace(plan, 7)).toEqual(timeline);
    expect(simulateRace(plan, 8)).not.toEqual(timeline);
  });

  it('starts with the grid under green and runs in time order with growing seq', () => {
    const first = timeline[0]?.update;
    expect(first?.type).toBe('full');
    expect(first?.session).toMatchObject({ status: 'running', flag: 'green', demo: true, elapsedMs: 0 });
    timeline.forEach((entry, index) => {
      expect(entry.update.seq).toBe(index);
      if (index > 0) expect(entry.atMs).toBeGreaterThan((timeline[index - 1] as TimedFeedUpdate).atMs);
    });
  });

  it('keeps positions 1..N unique after every update', () => {
    for (const state of states) {
      expect([...state.cars.values()].map((car) => car.position).sort((a, b) => a - b)).toEqual(
        Array.from({ length: plan.cars.length }, (_, i) => i + 1),
      );
    }
  });

  it('finishes in the planned order, overall and in every class', () => {
    expect(final.info).toMatchObject({ status: 'finished', flag: 'checkered', timeRemainingMs: 0 });
    expect(runningOrder(final).map((car) => car.number)).toEqual(expected);
    for (const { id } of plan.classes) {
      const inClass = (numbers: string[]) =>
        numbers.filter((number) => plan.cars.find((car) => car.number === number)?.classId === id);
      expect(inClass(runningOrder(final).map((car) => car.number))).toEqual(inClass(expected));
    }
  });

  it('is positioned by laps, then by who crossed first', () => {
    for (const state of states.slice(1)) {
      const order = runningOrder(state);
      order.slice(1).forEach((car, index) => {
        const ahead = order[index] as CarFeed;
        expect(
          ahead.laps > car.laps || (ahead.laps === car.laps && (ahead.totalTimeMs ?? 0) <= (car.totalTimeMs ?? 0)),
        ).toBe(true);
      });
    }
  });

  it('gives the checkered flag to the leader on its first crossing after time is up', () => {
    const flagAt = timeline.findIndex((entry) => entry.update.session?.flag === 'checkered');
    const flag = timeline[flagAt] as TimedFeedUpdate;
    expect(flag.atMs).toBeGreaterThanOrEqual(plan.durationMs);
    const winner = expected[0] as string;
    expect(flag.update.cars?.find((car) => car.number === winner)?.totalTimeMs).toBe(flag.atMs);
    const winnerBefore = (states[flagAt - 1] as SessionState).cars.get(winner) as CarFeed;
    expect(winnerBefore.totalTimeMs).toBeLessThan(plan.durationMs);
  });

  it('has a full-course yellow that closes the field up, then a green restart', () => {
    const flags = timeline.flatMap((entry) => (entry.update.session?.flag ? [entry.update.session.flag] : []));
    expect(flags).toEqual(['green', 'fcy', 'green', 'checkered']);
    const spread = (state: SessionState) => {
      const leaders = [...state.cars.values()].filter((car) => car.laps === (runningOrder(state)[0] as CarFeed).laps);
      return (
        Math.max(...leaders.map((car) => car.totalTimeMs ?? 0)) -
        Math.min(...leaders.map((car) => car.totalTimeMs ?? 0))
      );
    };
    const yellowAt = timeline.findIndex((entry) => entry.update.session?.flag === 'fcy');
    const restartAt = timeline.findIndex((entry, index) => index > yellowAt && entry.update.session?.flag === 'green');
    expect(spread(states[restartAt] as SessionState)).toBeLessThan(spread(states[yellowAt] as SessionState));
  });

  it('has pit stops, a lapped car at the flag, the retirements at the back and the non-starters behind them', () => {
    const cars = [...final.cars.values()];
    expect(cars.some((car) => (car.pitStops ?? 0) > 0)).toBe(true);
    expect(cars.every((car) => car.inPit === false)).toBe(true);
    const winnerLaps = (final.cars.get(expected[0] as string) as CarFeed).laps;
    const finishers = cars.filter((car) => car.status === 'running');
    expect(finishers.some((car) => car.laps < winnerLaps)).toBe(true);
    expect(
      cars
        .filter((car) => car.status === 'retired')
        .map((car) => car.number)
        .sort(),
    ).toEqual([...plan.retirements].sort());
    const dns = plan.cars.filter((car) => car.dns).map((car) => car.number);
    for (const number of dns) expect(final.cars.get(number)).toMatchObject({ status: 'dns', laps: 0 });
    const retiredLaps = plan.retirements.map((number) => (final.cars.get(number) as CarFeed).laps);
    expect(Math.max(...retiredLaps)).toBeLessThan(Math.min(...finishers.map((car) => car.laps)));
  });

  it('has overtakes on track, not just at the start', () => {
    let passes = 0;
    states.slice(2).forEach((state, index) => {
      const before = states[index + 1] as SessionState;
      for (const car of [...state.cars.values()]) {
        if (
          car.status === 'running' &&
          car.position < (before.cars.get(car.number) as CarFeed).position &&
          car.laps > 1
        )
          passes++;
      }
    });
    expect(passes).toBeGreaterThanOrEqual(5);
  });

  it('runs plausible green-flag laps for each class', () => {
    const laps = timeline.flatMap((entry) =>
      (entry.update.cars ?? []).flatMap((car) =>
        car.lastLapMs && car.laps && car.laps > 1 ? [{ ...car, atMs: entry.atMs }] : [],
      ),
    );
    const yellow = { from: plan.fcy.startMs, to: plan.fcy.startMs + plan.fcy.durationMs + 3 * MINUTE };
    for (const lap of laps) {
      const base = plan.baseLapMs[plan.cars.find((car) => car.number === lap.number)?.classId ?? ''] as number;
      const inYellow = lap.atMs >= yellow.from && lap.atMs <= yellow.to;
      const pitLap = timeline.some((entry) =>
        entry.update.cars?.some(
          (car) => car.number === lap.number && car.inPit === true && car.laps === (lap.laps as number) - 1,
        ),
      );
      if (!inYellow && !pitLap) expect((lap.lastLapMs as number) / base).toBeGreaterThan(0.97);
      if (!inYellow && !pitLap) expect((lap.lastLapMs as number) / base).toBeLessThan(1.08);
    }
  });

  it('times three sectors on every lap, adding up to the lap, each near its usual share', () => {
    for (const history of final.lapHistory.values()) {
      history.laps.forEach((record, i) => {
        const lapMs = record.raceTimeMs! - (history.laps[i - 1]?.raceTimeMs ?? 0);
        const sectors = record.sectorsMs ?? [];
        expect(sectors).toHaveLength(3);
        expect(sectors.reduce((sum, ms) => sum + ms, 0)).toBe(lapMs);
        sectors.forEach((ms) => expect(ms / lapMs).toBeGreaterThan(0.25));
      });
    }
  });
});

describe('simulateRace over many seeds', () => {
  it.each([multiClass, oneClass])('always ends $sessionId in the planned order', (plan) => {
    const expected = [...plan.cars].sort((a, b) => a.finishPosition - b.finishPosition).map((car) => car.number);
    for (let seed = 1; seed <= 60; seed++) {
      const final = replay(simulateRace(plan, seed)).at(-1) as SessionState;
      expect(
        runningOrder(final).map((car) => car.number),
        `seed ${seed}`,
      ).toEqual(expected);
    }
  });
});

describe('simulateRace gives the real race its pole, fastest lap, most laps led and exclusions', () => {
  // Pole from the back half, fastest lap to a midfield GT car, most laps led to the car finishing
  // third overall, and the last classified GT car excluded at the end.
  const plan: DemoPlan = {
    ...multiClass,
    cars: multiClass.cars.map((car) => (car.number === '58' ? { ...car, excluded: true } : car)),
    grid: ['15'],
    fastestLap: '54',
    mostLapsLed: '12',
  };

  it.each([1, 2, 3, 2024])('seed %i', (seed) => {
    const final = replay(simulateRace(plan, seed)).at(-1) as SessionState;
    const cars = [...final.cars.values()];
    const best = (measure: (car: CarFeed) => number) =>
      cars.reduce((top, car) => (measure(car) > measure(top) ? car : top));
    expect(cars.find((car) => car.startPosition === 1)?.number).toBe('15');
    expect(best((car) => -(car.bestLapMs ?? Infinity)).number).toBe('54');
    expect(cars.filter((car) => car.bestLapMs === final.cars.get('54')?.bestLapMs)).toHaveLength(1);
    const lapsLed = cars.map((car) => car.lapsLed ?? 0).sort((a, b) => b - a);
    expect([final.cars.get('12')?.lapsLed, lapsLed[1]! < lapsLed[0]!]).toEqual([lapsLed[0], true]);
    expect(cars.filter((car) => car.status === 'excluded').map((car) => car.number)).toEqual(['58']);
    expect(runningOrder(final).map((car) => car.number)).toEqual(
      [...plan.cars].sort((a, b) => a.finishPosition - b.finishPosition).map((car) => car.number),
    );
  });
});

describe('simulateRace rejects a plan it cannot honour', () => {
  it.each([
    [
      'finish positions with a gap',
      { cars: [entry('1', 'P', 1), entry('2', 'P', 3)] },
      /finish positions must run 1..2/,
    ],
    [
      'a starter behind a non-starter',
      { cars: [entry('1', 'P', 1, true), entry('2', 'P', 2)] },
      /finishes behind a car that did not start/,
    ],
    ['a retirement ahead of a finisher', { retirements: ['10'] }, /retirements must be the last starters/],
    ['a class without a lap time', { baseLapMs: { P: 77_000 } }, /no base lap time for class "GT"/],
    [
      'a yellow too late to settle the order',
      { fcy: { startMs: 38 * MINUTE, durationMs: 5 * MINUTE } },
      /yellow must end/,
    ],
    ['a grid with a stranger', { grid: ['10', '1000'] }, /the grid must list starters/],
    ['a fastest lap for a non-starter', { fastestLap: '99' }, /the fastest lap must go to a starter, not #99/],
    [
      'an excluded car that retires',
      { cars: multiClass.cars.map((car) => (car.number === '59' ? { ...car, excluded: true } : car)) },
      /#59 is excluded, so it must start and run to the flag/,
    ],
  ])('%s', (_, change, message) => {
    expect(() => simulateRace({ ...multiClass, ...change } as DemoPlan, 1)).toThrow(message);
  });
});

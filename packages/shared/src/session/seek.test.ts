import { describe, expect, it } from 'vitest';
import { applyFeedUpdate, type SessionState } from './apply';
import { deriveClassification } from './derive';
import { sessionAt } from './seek';
import type { FeedUpdate } from '../feed/update';
import { fullUpdate } from '../test-support/sessions';
import type { CarFeed } from './model';

const grid = (): CarFeed[] => [
  { number: '6', classId: 'LMP3', driver: 'Steven Aghakhani', position: 1, laps: 0, startPosition: 1 },
  { number: '87', classId: 'LMP3', driver: 'Jagger Jones', position: 2, laps: 0, startPosition: 2 },
  { number: '59', classId: 'GSX', driver: 'Luca Mars', position: 3, laps: 0, startPosition: 3 },
];

const patch = (seq: number, cars: FeedUpdate['cars'], session: FeedUpdate['session'] = {}): FeedUpdate => ({
  type: 'patch',
  sessionId: 'vp-r12',
  seq,
  session,
  cars,
});

/** Lap 1: 6, 87, 59. Lap 2: 87 passes 6, who pits. Lap 3: 87 leads, 59 a lap down after a slow lap. */
function race(): SessionState {
  const updates: FeedUpdate[] = [
    fullUpdate(1, grid()),
    patch(2, [
      { number: '6', laps: 1, totalTimeMs: 90_000, lastLapMs: 90_000 },
      { number: '87', laps: 1, totalTimeMs: 91_000, lastLapMs: 91_000 },
      { number: '59', laps: 1, totalTimeMs: 95_000, lastLapMs: 95_000 },
    ]),
    patch(3, [
      { number: '87', position: 1, laps: 2, totalTimeMs: 180_000, lastLapMs: 89_000 },
      { number: '6', position: 2, laps: 2, totalTimeMs: 185_000, lastLapMs: 95_000, inPit: true },
      { number: '59', laps: 2, totalTimeMs: 190_000, lastLapMs: 95_000 },
    ]),
    patch(4, [
      { number: '87', laps: 3, totalTimeMs: 270_000, lastLapMs: 90_000 },
      { number: '6', inPit: false, laps: 3, totalTimeMs: 300_000, lastLapMs: 115_000 },
    ]),
    patch(5, [{ number: '59', laps: 3, totalTimeMs: 400_000, lastLapMs: 210_000 }], {
      status: 'finished',
      flag: 'checkered',
    }),
  ];
  let state: SessionState | undefined;
  for (const update of updates) {
    const outcome = applyFeedUpdate(state, update);
    if (outcome.kind !== 'accepted') throw new Error(JSON.stringify(outcome));
    state = outcome.state;
  }
  return state!;
}

const order = (state: SessionState) => deriveClassification(state).order;

describe('a session as it stood', () => {
  it('at the end of a lap of the leader: the order, laps and times of then', () => {
    const lap1 = sessionAt(race(), { lap: 1 });
    expect(lap1.lap).toBe(1);
    expect(lap1.raceTimeMs).toBe(90_000);
    // At 90.0 s only the leader had crossed: the others are still on their first lap.
    expect(order(lap1.state)).toEqual(['6', '87', '59']);
    expect(lap1.state.cars.get('87')).toMatchObject({ laps: 0, position: 2 });
    expect(lap1.state.info).toMatchObject({ status: 'running', elapsedMs: 90_000 });

    const lap2 = sessionAt(race(), { lap: 2 });
    expect(order(lap2.state)).toEqual(['87', '6', '59']);
    const view = deriveClassification(lap2.state);
    expect(view.cars['87']).toMatchObject({ laps: 2, lastLapMs: 89_000, bestLapMs: 89_000, lapsLed: 1 });
    // #6 is still on lap 2, behind #87 on the road; at the last line both crossed (lap 1) it was
    // 1 s ahead, and a gap against the order keeps its sign rather than hiding as +0.000.
    expect(view.cars['6']).toMatchObject({ laps: 1, gap: { ms: -1000 } });
  });

  it('at a race time: every car at its last crossing before it, with gaps taken at the line', () => {
    const { state, lap } = sessionAt(race(), { raceTimeMs: 200_000 });
    expect(lap).toBe(2);
    const view = deriveClassification(state);
    expect(view.order).toEqual(['87', '6', '59']);
    expect(view.cars['6']).toMatchObject({ laps: 2, gap: { ms: 5_000 }, status: 'pit', pitStops: 1 });
    expect(view.cars['59']).toMatchObject({ laps: 2, gap: { ms: 10_000 }, classPosition: 1 });
  });

  it('past the last lap is the finish, and before the start is the grid', () => {
    const end = sessionAt(race(), { lap: 99 });
    expect(end.lap).toBe(3);
    expect(order(end.state)).toEqual(['87', '6', '59']);
    expect(end.state.cars.get('59')).toMatchObject({ laps: 3, totalTimeMs: 400_000 });
    expect(end.state.info).toMatchObject({ status: 'finished', flag: 'checkered' });
    const start = sessionAt(race(), { raceTimeMs: 0 });
    expect(start.lap).toBe(0);
    expect(order(start.state)).toEqual(['6', '87', '59']);
    expect([...start.state.cars.values()].every((car) => car.laps === 0)).toBe(true);
  });

  it('leaves the session it was given untouched', () => {
    const state = race();
    const before = JSON.stringify(deriveClassification(state));
    sessionAt(state, { lap: 1 });
    expect(JSON.stringify(deriveClassification(state))).toBe(before);
  });
});

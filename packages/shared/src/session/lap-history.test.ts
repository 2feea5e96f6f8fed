import { describe, expect, it } from 'vitest';
import { applyFeedUpdate, type SessionState } from './apply';
import { MAX_LAPS_PER_CAR } from './lap-history';
import { feedUpdateSchema, type FeedUpdate } from '../feed/update';
import { fullUpdate } from '../test-support/sessions';
import type { CarFeed } from './model';

const grid = (): CarFeed[] => [
  { number: '6', classId: 'LMP3', driver: 'Steven Aghakhani', position: 1, laps: 0 },
  { number: '87', classId: 'LMP3', driver: 'Jagger Jones', position: 2, laps: 0 },
  { number: '59', classId: 'GSX', driver: 'Luca Mars', position: 3, laps: 0 },
];

function run(updates: FeedUpdate[]): SessionState {
  let state: SessionState | undefined;
  for (const update of updates) {
    const outcome = applyFeedUpdate(state, update);
    if (outcome.kind !== 'accepted') throw new Error(JSON.stringify(outcome));
    state = outcome.state;
  }
  return state!;
}

const patch = (seq: number, cars: FeedUpdate['cars'], session: FeedUpdate['session'] = {}): FeedUpdate => ({
  type: 'patch',
  sessionId: 'vp-r12',
  seq,
  session: { elapsedMs: 0, ...session },
  cars,
});

describe('lap history', () => {
  it('records each completed lap with time, sectors, race time, positions, gap and flag at the line', () => {
    const state = run([
      fullUpdate(1, grid()),
      patch(2, [{ number: '6', laps: 1, totalTimeMs: 90_000, lastLapMs: 90_000, lastLapSectorsMs: [30_000, 60_000] }]),
      patch(3, [{ number: '87', laps: 1, totalTimeMs: 91_500, lastLapMs: 91_500 }], { flag: 'fcy' }),
      patch(4, [
        { number: '59', position: 2, laps: 1, totalTimeMs: 91_000, lastLapMs: 91_000 },
        { number: '87', position: 3 },
      ]),
    ]);
    expect(state.lapHistory.get('6')?.laps).toEqual([
      {
        lap: 1,
        lapMs: 90_000,
        sectorsMs: [30_000, 60_000],
        raceTimeMs: 90_000,
        position: 1,
        classPosition: 1,
        pitIn: false,
        pitOut: false,
        flag: 'green',
        driver: 'Steven Aghakhani',
      },
    ]);
    expect(state.lapHistory.get('87')?.laps[0]).toMatchObject({
      position: 2,
      classPosition: 2,
      gapToLeader: { ms: 1_500 },
      flag: 'fcy',
    });
    expect(state.lapHistory.get('59')?.laps[0]).toMatchObject({ position: 2, classPosition: 1 });
    // 87 lost a place after it crossed: its record keeps the place it crossed the line in.
    expect(state.lapHistory.get('87')?.laps[0]?.position).toBe(2);
  });

  it('marks in laps and out laps, and measures the pit lane from entry to exit', () => {
    const state = run([
      fullUpdate(1, grid()),
      patch(2, [{ number: '6', laps: 1, totalTimeMs: 90_000, lastLapMs: 90_000, inPit: true }]),
      patch(3, [{ number: '6', inPit: false }], { elapsedMs: 130_000 }),
      patch(4, [{ number: '6', laps: 2, totalTimeMs: 200_000, lastLapMs: 110_000 }]),
      patch(5, [{ number: '6', laps: 3, totalTimeMs: 290_000, lastLapMs: 90_000 }]),
    ]);
    expect(
      state.lapHistory.get('6')?.laps.map(({ lap, pitIn, pitOut, pitLaneMs }) => ({ lap, pitIn, pitOut, pitLaneMs })),
    ).toEqual([
      { lap: 1, pitIn: true, pitOut: false, pitLaneMs: undefined },
      { lap: 2, pitIn: false, pitOut: true, pitLaneMs: 40_000 },
      { lap: 3, pitIn: false, pitOut: false, pitLaneMs: undefined },
    ]);
  });

  it('takes pit in/out and pit lane time from the feed when it sends them, only for the lap it completes', () => {
    const state = run([
      fullUpdate(1, grid()),
      patch(2, [{ number: '6', laps: 1, lastLapMs: 95_000, lastLapPitIn: true }]),
      patch(3, [{ number: '6', laps: 2, lastLapMs: 150_000, lastLapPitOut: true, lastPitLaneMs: 56_127 }]),
      patch(4, [{ number: '6', laps: 3 }]),
    ]);
    expect(state.lapHistory.get('6')?.laps).toEqual([
      expect.objectContaining({ lap: 1, lapMs: 95_000, pitIn: true, pitOut: false }),
      expect.objectContaining({ lap: 2, lapMs: 150_000, pitIn: false, pitOut: true, pitLaneMs: 56_127 }),
      // Lap 3's update says nothing of its time or the pit: nothing is carried over from lap 2.
      { lap: 3, position: 1, classPosition: 1, pitIn: false, pitOut: false, flag: 'green', driver: 'Steven Aghakhani' },
    ]);
  });

  it('counts a pit visit between two crossings as an in lap', () => {
    const state = run([
      fullUpdate(1, grid()),
      patch(2, [{ number: '6', status: 'pit' }]),
      patch(3, [{ number: '6', status: 'running' }]),
      patch(4, [{ number: '6', laps: 1 }]),
      patch(5, [{ number: '6', laps: 2 }]),
    ]);
    expect(state.lapHistory.get('6')?.laps.map((record) => [record.pitIn, record.pitOut])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('forgets laps a car no longer has, and cars that left the session', () => {
    const state = run([
      fullUpdate(1, grid()),
      patch(2, [{ number: '6', laps: 1 }]),
      patch(3, [{ number: '6', laps: 2 }]),
      patch(4, [{ number: '6', laps: 1 }]),
      { type: 'patch', sessionId: 'vp-r12', seq: 5, removed: ['59'], cars: [{ number: '87', position: 2 }] },
    ]);
    expect(state.lapHistory.get('6')?.laps.map((record) => record.lap)).toEqual([1]);
    expect(state.lapHistory.has('59')).toBe(false);
  });

  it('keeps a car its history through a full update that names it, and drops the cars it omits', () => {
    const laps = run([fullUpdate(1, grid()), patch(2, [{ number: '6', laps: 1 }])]);
    const resent = applyFeedUpdate(
      laps,
      fullUpdate(
        3,
        grid()
          .slice(0, 2)
          .map((car) => ({ ...car, laps: car.number === '6' ? 1 : 0 })),
      ),
    );
    expect(resent.kind === 'accepted' && resent.state.lapHistory.get('6')?.laps.length).toBe(1);
    expect(resent.kind === 'accepted' && resent.state.lapHistory.has('59')).toBe(false);
  });

  it('keeps at most MAX_LAPS_PER_CAR laps per car, the most recent', () => {
    const updates: FeedUpdate[] = [fullUpdate(1, grid())];
    for (let lap = 1; lap <= MAX_LAPS_PER_CAR + 5; lap++) updates.push(patch(lap + 1, [{ number: '6', laps: lap }]));
    const laps = run(updates).lapHistory.get('6')!.laps;
    expect(laps).toHaveLength(MAX_LAPS_PER_CAR);
    expect(laps[0]?.lap).toBe(6);
    expect(laps.at(-1)?.lap).toBe(MAX_LAPS_PER_CAR + 5);
  });

  it('is the same whichever way the updates are replayed: derived from the updates alone', () => {
    const updates = [
      fullUpdate(1, grid()),
      patch(2, [{ number: '6', laps: 1, totalTimeMs: 90_000, lastLapMs: 90_000, inPit: true }]),
      patch(3, [{ number: '6', inPit: false }], { elapsedMs: 120_000 }),
    ];
    expect(run(updates).lapHistory).toEqual(run(JSON.parse(JSON.stringify(updates)) as FeedUpdate[]).lapHistory);
  });

  it('the feed schema bounds sector times', () => {
    const tooMany = patch(2, [{ number: '6', laps: 1, lastLapSectorsMs: Array.from({ length: 11 }, () => 1_000) }]);
    expect(feedUpdateSchema.safeParse(tooMany).success).toBe(false);
    const negative = patch(2, [{ number: '6', laps: 1, lastLapSectorsMs: [-1] }]);
    expect(feedUpdateSchema.safeParse(negative).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { FeedUpdate } from '../feed/update';
import type { RaceControlAction } from '../race-control/decision';
import { applyRaceControlEntry, emptyRaceControl, type RaceControlState } from '../race-control/race-control';
import { fullUpdate, twoClassField } from '../test-support/sessions';
import { applyFeedUpdate, type SessionState } from './apply';
import { crossingList } from './crossings';
import { decodeStateSnapshot, encodeStateSnapshot, STATE_SNAPSHOT_VERSION, type SessionRecord } from './state-snapshot';

const patch = (seq: number, cars: FeedUpdate['cars'], session: FeedUpdate['session'] = {}): FeedUpdate => ({
  type: 'patch',
  sessionId: 'vp-r12',
  seq,
  session: { elapsedMs: seq * 1_000, ...session },
  cars,
});

/** A session with every kind of lap record: sectors, pit in and out laps, gaps in time and laps, a driver change. */
function racedSession(): SessionRecord {
  const updates: FeedUpdate[] = [
    fullUpdate(1, twoClassField()),
    patch(2, [
      { number: '6', laps: 11, totalTimeMs: 990_000, lastLapMs: 90_000, lastLapSectorsMs: [30_000, 30_000, 30_000] },
    ]),
    patch(3, [{ number: '87', inPit: true }], { flag: 'fcy' }),
    patch(4, [{ number: '87', laps: 11, totalTimeMs: 1_000_000, lastLapMs: 97_500, inPit: true }]),
    patch(5, [{ number: '87', inPit: false, driver: 'Second Driver' }], { flag: 'green' }),
    patch(6, [
      { number: '87', laps: 12, totalTimeMs: 1_120_000, lastLapMs: 120_000, position: 3 },
      { number: '59', position: 2, laps: 11, totalTimeMs: 1_085_000, lastLapMs: 95_000 },
    ]),
    patch(7, [{ number: '88', laps: 10, totalTimeMs: 1_100_000, lastLapMs: 99_000, lastLapPitIn: true }]),
  ];
  let state: SessionState | undefined;
  for (const update of updates) {
    const outcome = applyFeedUpdate(state, update);
    if (outcome.kind !== 'accepted') throw new Error(JSON.stringify(outcome));
    state = outcome.state;
  }
  const actions: RaceControlAction[] = [
    { kind: 'time-penalty', car: '6', seconds: 30 },
    { kind: 'points-adjustment', championship: 'drivers', competitor: 'Luca Mars', points: -5 },
    { kind: 'rescind', decisionId: 1 },
  ];
  let raceControl: RaceControlState = emptyRaceControl;
  for (const action of actions) {
    const outcome = applyRaceControlEntry(raceControl, state!, {
      type: 'race-control',
      sessionId: 'vp-r12',
      id: raceControl.entries.length + 1,
      atMs: 1_700_000_000_000,
      author: 'Chief Steward',
      reason: 'avoidable contact',
      action,
    });
    if (outcome.kind !== 'accepted') throw new Error(outcome.error);
    raceControl = outcome.raceControl;
  }
  return { state: state!, raceControl };
}

function decoded(text: string): SessionRecord {
  const result = decodeStateSnapshot(text);
  if (!result.ok) throw new Error(result.error);
  return result.record;
}

/** The encoded snapshot as far as the tests below edit it. */
interface EncodedJson {
  version: number;
  cars: [{ position: number }, { position: number }];
  crossings: [{ atMs: number[] }];
  lapHistory: [{ number: string; laps: { lap: unknown[]; lapMs: unknown[]; pit: unknown[]; driver: unknown[] } }];
  pad?: string;
}

/** Edits the encoded snapshot as JSON: how a damaged or foreign snapshot is made. */
function tampered(edit: (json: EncodedJson) => void): string {
  const json = JSON.parse(encodeStateSnapshot(racedSession())) as EncodedJson;
  edit(json);
  return JSON.stringify(json);
}

describe('state snapshot', () => {
  it('decodes to the session it was taken of: feed state, crossings, lap history and audit trail', () => {
    const original = racedSession();
    const { state, raceControl } = decoded(encodeStateSnapshot(original));
    const { crossings, ...rest } = state;
    const { crossings: originalCrossings, ...originalRest } = original.state;
    expect(rest).toEqual(originalRest);
    expect([...crossings].map(([car, c]) => [car, crossingList(c)])).toEqual(
      [...originalCrossings].map(([car, c]) => [car, crossingList(c)]),
    );
    expect(raceControl).toEqual(original.raceControl);
    // Same fields in the same order, so what is sent to viewers prints the same after a restore.
    expect(JSON.stringify([...state.lapHistory])).toBe(JSON.stringify([...original.state.lapHistory]));
    expect([...state.lapHistory.get('87')!.laps].map((lap) => [lap.lap, lap.pitIn, lap.pitOut, lap.driver])).toEqual([
      [10, false, false, 'Jagger Jones'],
      [11, true, false, 'Jagger Jones'],
      [12, false, true, 'Second Driver'],
    ]);
  });

  it('gives a state later updates apply to exactly as to the original', () => {
    const original = racedSession();
    const next = patch(8, [{ number: '6', laps: 12, totalTimeMs: 1_080_000, lastLapMs: 90_000 }]);
    const fromOriginal = applyFeedUpdate(original.state, next);
    const fromSnapshot = applyFeedUpdate(decoded(encodeStateSnapshot(original)).state, next);
    expect(fromSnapshot.kind).toBe('accepted');
    if (fromOriginal.kind !== 'accepted' || fromSnapshot.kind !== 'accepted') return;
    expect(fromSnapshot.state.lapHistory).toEqual(fromOriginal.state.lapHistory);
    expect(fromSnapshot.state.cars).toEqual(fromOriginal.state.cars);
  });

  it('keeps the older crossings a newer version shares its buffer with out of the snapshot', () => {
    const { state } = racedSession();
    const crossings = state.crossings.get('6')!;
    const shorter = { ...state, crossings: new Map([...state.crossings, ['6', { ...crossings, count: 1 }]]) };
    const restored = decoded(encodeStateSnapshot({ state: shorter, raceControl: emptyRaceControl }));
    expect(crossingList(restored.state.crossings.get('6')!)).toEqual(crossingList(crossings).slice(0, 1));
  });

  it.each([
    ['damaged text', () => encodeStateSnapshot(racedSession()).slice(0, 200), /not JSON/],
    ['another version', () => tampered((json) => (json.version = STATE_SNAPSHOT_VERSION + 1)), /version 2/],
    ['a lap out of bounds', () => tampered((json) => (json.lapHistory[0].laps.lap[0] = 5_001)), /lap/],
    ['a lap time of text', () => tampered((json) => (json.lapHistory[0].laps.lapMs[0] = '90000')), /lapMs/],
    ['columns of different lengths', () => tampered((json) => json.lapHistory[0].laps.pit.push(0)), /column pit/],
    ['laps that do not rise', () => tampered((json) => json.lapHistory[0].laps.lap.reverse()), /laps must rise/],
    ['a driver index with no driver', () => tampered((json) => (json.lapHistory[0].laps.driver[0] = 9)), /driver 9/],
    ['laps of a car not in the session', () => tampered((json) => (json.lapHistory[0].number = '999')), /#999/],
    ['crossings that go back', () => tampered((json) => json.crossings[0].atMs.reverse()), /must rise/],
    ['two cars in one position', () => tampered((json) => (json.cars[1].position = 1)), /position 1/],
    ['an unknown field', () => tampered((json) => (json.pad = 'x')), /pad/],
  ])('refuses a snapshot with %s', (_, text, error) => {
    const result = decodeStateSnapshot(text());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});

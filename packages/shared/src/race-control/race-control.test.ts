import { describe, expect, it } from 'vitest';
import { applyFeedUpdate, type SessionState } from '../session/apply';
import { fullUpdate, twoClassField } from '../test-support/sessions';
import { raceControlEntrySchema, type RaceControlAction, type RaceControlEntry } from './decision';
import {
  activeDecisions,
  applyRaceControlEntry,
  emptyRaceControl,
  raceControlAdjustments,
  resultStatus,
  type RaceControlState,
} from './race-control';
import { deriveClassification } from '../session/derive';

/**
 * The fixture field: LMP3 #6 (10 laps, 900.0 s), #87 (10, 902.5), GSX #59 (10, 990.0), LMP3 #7
 * (9 laps), GSX #88 (9 laps).
 */
function session(finished = false): SessionState {
  const update = fullUpdate(1, twoClassField());
  if (finished) update.session = { ...update.session, status: 'finished', flag: 'checkered' };
  const outcome = applyFeedUpdate(undefined, update);
  if (outcome.kind !== 'accepted') throw new Error('fixture rejected');
  return outcome.state;
}

const entry = (id: number, action: RaceControlAction): RaceControlEntry => ({
  type: 'race-control',
  sessionId: 'vp-r12',
  id,
  atMs: 1_700_000_000_000 + id,
  author: 'Chief Steward',
  reason: 'avoidable contact',
  action,
});

function decide(state: SessionState, actions: RaceControlAction[], from: RaceControlState = emptyRaceControl) {
  let raceControl = from;
  for (const action of actions) {
    const outcome = applyRaceControlEntry(raceControl, state, entry(raceControl.entries.length + 1, action));
    if (outcome.kind !== 'accepted') throw new Error(outcome.error);
    raceControl = outcome.raceControl;
  }
  return raceControl;
}

const classified = (state: SessionState, raceControl: RaceControlState) => {
  const view = deriveClassification(state, activeDecisions(raceControl));
  return view.order.map((number) => {
    const car = view.cars[number]!;
    return `${number} P${car.position} C${car.classPosition}`;
  });
};

describe('race control decisions', () => {
  it('a time penalty adds to race time and re-orders the class, with a mark and the gap it makes', () => {
    const state = session();
    const raceControl = decide(state, [{ kind: 'time-penalty', car: '6', seconds: 5 }]);
    expect(classified(state, raceControl)).toEqual(['87 P1 C1', '6 P2 C2', '59 P3 C1', '7 P4 C3', '88 P5 C2']);
    const view = deriveClassification(state, activeDecisions(raceControl));
    expect(view.cars['6']).toMatchObject({
      totalTimeMs: 905_000,
      gap: { ms: 2_500 },
      decisionMarks: [{ kind: 'time-penalty', label: '+5s', decisions: [1] }],
    });
    expect(raceControl.entries[0]!.changes).toEqual([
      { number: '87', classId: 'LMP3', from: { position: 2, classPosition: 2 }, to: { position: 1, classPosition: 1 } },
      { number: '6', classId: 'LMP3', from: { position: 1, classPosition: 1 }, to: { position: 2, classPosition: 2 } },
    ]);
  });

  it('a time penalty too small to cost a place changes the mark and the time, not the order', () => {
    const state = session();
    const raceControl = decide(state, [{ kind: 'time-penalty', car: '6', seconds: 2.25 }]);
    expect(classified(state, raceControl)).toEqual(classified(state, emptyRaceControl));
    expect(raceControl.entries[0]!.changes).toEqual([]);
    expect(deriveClassification(state, activeDecisions(raceControl)).cars['6']!.decisionMarks![0]!.label).toBe(
      '+2.25s',
    );
  });

  it('stacked time penalties add up into one mark', () => {
    const state = session();
    const raceControl = decide(state, [
      { kind: 'time-penalty', car: '87', seconds: 30 },
      { kind: 'time-penalty', car: '87', seconds: 5 },
    ]);
    const car = deriveClassification(state, activeDecisions(raceControl)).cars['87']!;
    expect(car).toMatchObject({ totalTimeMs: 937_500, decisionMarks: [{ label: '+35s', decisions: [1, 2] }] });
  });

  it('a lap penalty takes laps and places the car by laps', () => {
    const state = session();
    const raceControl = decide(state, [{ kind: 'lap-penalty', car: '87', laps: 1 }]);
    expect(classified(state, raceControl)).toEqual(['6 P1 C1', '59 P2 C1', '87 P3 C2', '7 P4 C3', '88 P5 C2']);
    const car = deriveClassification(state, activeDecisions(raceControl)).cars['87']!;
    expect(car).toMatchObject({ laps: 9, gap: { laps: 1 }, decisionMarks: [{ label: '-1 lap' }] });
  });

  it('dropping positions moves the car down its class, behind the N-th class car behind it', () => {
    const state = session();
    const raceControl = decide(state, [{ kind: 'drop-positions', car: '6', positions: 1 }]);
    expect(classified(state, raceControl)).toEqual(['87 P1 C1', '6 P2 C2', '59 P3 C1', '7 P4 C3', '88 P5 C2']);
    const further = decide(state, [{ kind: 'drop-positions', car: '6', positions: 5 }]);
    expect(classified(state, further)).toEqual(['87 P1 C1', '59 P2 C1', '7 P3 C2', '6 P4 C3', '88 P5 C2']);
    expect(deriveClassification(state, activeDecisions(further)).cars['6']!.decisionMarks![0]!.label).toBe('DROP 5');
  });

  it('back of class puts the car directly behind the last car of its class', () => {
    const state = session();
    const raceControl = decide(state, [{ kind: 'back-of-class', car: '59' }]);
    expect(classified(state, raceControl)).toEqual(['6 P1 C1', '87 P2 C2', '7 P3 C3', '88 P4 C1', '59 P5 C2']);
  });

  it('an exclusion puts the car at the foot of the order, marked EXCL and out of the race', () => {
    const state = session();
    const raceControl = decide(state, [{ kind: 'exclusion', car: '6' }]);
    expect(classified(state, raceControl)).toEqual(['87 P1 C1', '59 P2 C1', '7 P3 C2', '88 P4 C2', '6 P5 C3']);
    const car = deriveClassification(state, activeDecisions(raceControl)).cars['6']!;
    expect(car).toMatchObject({ status: 'excluded', decisionMarks: [{ kind: 'exclusion', label: 'EXCL' }] });
  });

  it('a correction changes laps, class, driver or number, and the car is placed again', () => {
    const state = session();
    const laps = decide(state, [{ kind: 'correction', car: '7', laps: 10 }]);
    // #7 gets its missed lap back: 10 laps at 905.0 s puts it behind #87 (902.5 s).
    expect(classified(state, laps)).toEqual(['6 P1 C1', '87 P2 C2', '7 P3 C3', '59 P4 C1', '88 P5 C2']);
    const other = decide(state, [{ kind: 'correction', car: '59', classId: 'LMP3', driver: 'L. Mars', number: '95' }]);
    const view = deriveClassification(state, activeDecisions(other));
    expect(view.order).toEqual(['6', '87', '95', '7', '88']);
    expect(view.cars['95']).toMatchObject({ classId: 'LMP3', driver: 'L. Mars', classPosition: 3 });
    expect(view.cars['59']).toBeUndefined();
  });

  it('refuses a correction that changes nothing, to an unknown class, or to a number in use', () => {
    const state = session();
    const refuse = (action: RaceControlAction) => applyRaceControlEntry(emptyRaceControl, state, entry(1, action));
    expect(refuse({ kind: 'correction', car: '7' })).toMatchObject({ kind: 'rejected', reason: 'invalid' });
    expect(refuse({ kind: 'correction', car: '7', classId: 'GT3' })).toMatchObject({ reason: 'invalid' });
    expect(refuse({ kind: 'correction', car: '7', number: '6' })).toMatchObject({ reason: 'conflict' });
    expect(refuse({ kind: 'time-penalty', car: '999', seconds: 5 })).toEqual({
      kind: 'rejected',
      reason: 'not-found',
      error: 'car #999 is not in the session',
    });
    expect(refuse({ kind: 'exclusion', car: 'toString' })).toMatchObject({ reason: 'not-found' });
  });

  it('stacks decisions of different kinds in the order they were taken', () => {
    const state = session();
    const raceControl = decide(state, [
      { kind: 'time-penalty', car: '6', seconds: 5 },
      { kind: 'drop-positions', car: '87', positions: 1 },
    ]);
    // #6 falls behind #87 on time; then #87 drops behind the next LMP3 car, which is #6 again.
    expect(classified(state, raceControl)).toEqual(['6 P1 C1', '87 P2 C2', '59 P3 C1', '7 P4 C3', '88 P5 C2']);
    const marks = deriveClassification(state, activeDecisions(raceControl)).cars;
    expect(marks['6']!.decisionMarks!.map((m) => m.label)).toEqual(['+5s']);
    expect(marks['87']!.decisionMarks!.map((m) => m.label)).toEqual(['DROP 1']);
  });

  it('rescinding restores the order, keeps the decision in the trail, and cannot be done twice', () => {
    const state = session();
    const penalised = decide(state, [{ kind: 'exclusion', car: '6' }]);
    const rescinded = decide(state, [{ kind: 'rescind', decisionId: 1 }], penalised);
    expect(classified(state, rescinded)).toEqual(classified(state, emptyRaceControl));
    expect(rescinded.entries.map((e) => [e.id, e.action.kind, e.rescindedBy])).toEqual([
      [1, 'exclusion', 2],
      [2, 'rescind', undefined],
    ]);
    expect(rescinded.entries[1]!.changes.map((change) => change.number)).toEqual(['6', '87', '59', '7', '88']);
    expect(applyRaceControlEntry(rescinded, state, entry(3, { kind: 'rescind', decisionId: 1 }))).toMatchObject({
      reason: 'conflict',
      error: 'decision 1 was already rescinded by entry 2',
    });
    expect(applyRaceControlEntry(rescinded, state, entry(3, { kind: 'rescind', decisionId: 2 }))).toMatchObject({
      reason: 'conflict',
    });
    expect(applyRaceControlEntry(rescinded, state, entry(3, { kind: 'rescind', decisionId: 9 }))).toMatchObject({
      reason: 'not-found',
    });
  });

  it('points adjustments are kept for the standings, tied to the race, until rescinded', () => {
    const state = session();
    const raceControl = decide(state, [
      { kind: 'points-adjustment', championship: 'lmp3-drivers', competitor: 'Jagger Jones', points: -10 },
    ]);
    expect(raceControlAdjustments(raceControl, 12)).toEqual([
      {
        championship: 'lmp3-drivers',
        competitor: 'Jagger Jones',
        points: -10,
        reason: 'race control decision 1: avoidable contact',
        race: 12,
      },
    ]);
    expect(activeDecisions(raceControl)).toEqual([]);
    expect(raceControlAdjustments(decide(state, [{ kind: 'rescind', decisionId: 1 }], raceControl))).toEqual([]);
  });

  it('result status: provisional while running, provisional classification at the flag, official once confirmed', () => {
    const running = session();
    expect(resultStatus(running, emptyRaceControl)).toBe('provisional');
    expect(applyRaceControlEntry(emptyRaceControl, running, entry(1, { kind: 'confirm' }))).toMatchObject({
      reason: 'conflict',
      error: 'the race is not over: a result can be confirmed after the checkered flag',
    });
    const finished = session(true);
    expect(resultStatus(finished, emptyRaceControl)).toBe('provisional-classification');
    const confirmed = decide(finished, [{ kind: 'confirm' }]);
    expect(resultStatus(finished, confirmed)).toBe('official');
    expect(applyRaceControlEntry(confirmed, finished, entry(2, { kind: 'confirm' }))).toMatchObject({
      reason: 'conflict',
    });
    // A decision after the confirmation makes the result provisional again until confirmed anew.
    const amended = decide(finished, [{ kind: 'time-penalty', car: '6', seconds: 10 }], confirmed);
    expect(resultStatus(finished, amended)).toBe('provisional-classification');
  });

  it('replaying the same entries over the same session gives the same state (restore equality)', () => {
    const state = session(true);
    const actions: RaceControlAction[] = [
      { kind: 'time-penalty', car: '6', seconds: 35 },
      { kind: 'back-of-class', car: '59' },
      { kind: 'rescind', decisionId: 1 },
      { kind: 'correction', car: '7', driver: 'A. Kirby' },
      { kind: 'confirm' },
    ];
    const live = decide(state, actions);
    const journaled = live.entries.map((e) =>
      raceControlEntrySchema.parse(JSON.parse(JSON.stringify(entry(e.id, e.action)))),
    );
    let restored: RaceControlState = emptyRaceControl;
    for (const logged of journaled) {
      const outcome = applyRaceControlEntry(restored, state, logged);
      if (outcome.kind !== 'accepted') throw new Error(outcome.error);
      restored = outcome.raceControl;
    }
    expect(restored).toEqual(live);
  });

  it('refuses entries out of order or for another session', () => {
    const state = session();
    expect(applyRaceControlEntry(emptyRaceControl, state, entry(2, { kind: 'exclusion', car: '6' }))).toMatchObject({
      reason: 'invalid',
    });
    expect(
      applyRaceControlEntry(emptyRaceControl, state, { ...entry(1, { kind: 'exclusion', car: '6' }), sessionId: 'x' }),
    ).toMatchObject({ reason: 'invalid' });
  });

  it('the entry schema refuses what is not a decision', () => {
    const valid = entry(1, { kind: 'time-penalty', car: '6', seconds: 5 });
    expect(raceControlEntrySchema.safeParse(valid).success).toBe(true);
    const bad = [
      { ...valid, action: { kind: 'time-penalty', car: '6', seconds: -5 } },
      { ...valid, action: { kind: 'points-adjustment', championship: 'x', competitor: 'y', points: 0 } },
      { ...valid, action: { kind: 'teleport', car: '6' } },
      { ...valid, author: '  ' },
      { ...valid, reason: 'x'.repeat(501) },
    ];
    for (const candidate of bad) expect(raceControlEntrySchema.safeParse(candidate).success).toBe(false);
  });
});

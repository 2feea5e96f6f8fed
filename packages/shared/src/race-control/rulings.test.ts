import { describe, expect, it } from 'vitest';
import { crossingList, type LineCrossings } from '../session/crossings';
import { twoClassField } from '../test-support/sessions';
import type { CarDecision } from './decision';
import { applyRulings, type ActiveDecision } from './rulings';

/**
 * The fixture field in timing order: LMP3 #6 (10 laps, 900.0 s), #87 (10, 902.5), GSX #59
 * (10, 990.0), LMP3 #7 (9 laps, 905.0), GSX #88 (9, 950.0).
 */
const NO_CROSSINGS_KNOWN = new Map<string, LineCrossings>();

const decided = (...decisions: CarDecision[]): ActiveDecision[] =>
  decisions.map((decision, index) => ({ id: index + 1, decision }));

const rule = (...decisions: CarDecision[]) => applyRulings(twoClassField(), NO_CROSSINGS_KNOWN, decided(...decisions));
const order = (ruled: ReturnType<typeof rule>) => ruled.cars.map((car) => car.number);

describe('applyRulings', () => {
  it('leaves the timing order as it is without decisions', () => {
    const ruled = rule();
    expect(order(ruled)).toEqual(['6', '87', '59', '7', '88']);
    expect(ruled.cars.map((car) => car.position)).toEqual([1, 2, 3, 4, 5]);
    expect(ruled.marks.size).toBe(0);
  });

  it('adds a time penalty to the race time and re-places the car by laps and time', () => {
    const ruled = rule({ kind: 'time-penalty', car: '6', seconds: 5 });
    expect(order(ruled)).toEqual(['87', '6', '59', '7', '88']);
    expect(ruled.cars[1]).toMatchObject({ number: '6', totalTimeMs: 905_000, position: 2 });
    expect(ruled.marks.get('6')).toEqual([{ kind: 'time-penalty', label: '+5s', decisions: [1] }]);
  });

  it('shows stacked penalties of one kind as one mark with their total', () => {
    const ruled = rule(
      { kind: 'time-penalty', car: '6', seconds: 5 },
      { kind: 'time-penalty', car: '6', seconds: 2.5 },
    );
    expect(ruled.marks.get('6')).toEqual([{ kind: 'time-penalty', label: '+7.5s', decisions: [1, 2] }]);
  });

  it('moves the crossings of a penalised car with it: later for time, renumbered for laps', () => {
    const crossings = new Map([['6', { laps: [1, 2], atMs: [90_000, 180_000], count: 2 }]]);
    const timed = applyRulings(twoClassField(), crossings, decided({ kind: 'time-penalty', car: '6', seconds: 5 }));
    expect(crossingList(timed.crossings.get('6')!)).toEqual([
      [1, 95_000],
      [2, 185_000],
    ]);
    const lapped = applyRulings(twoClassField(), crossings, decided({ kind: 'lap-penalty', car: '6', laps: 1 }));
    expect(crossingList(lapped.crossings.get('6')!)).toEqual([[1, 180_000]]);
    expect(crossings.get('6')!.atMs).toEqual([90_000, 180_000]);
  });

  it('takes laps off for a lap penalty, never below zero, and places the car among those on its laps', () => {
    const ruled = rule({ kind: 'lap-penalty', car: '59', laps: 1 });
    expect(order(ruled)).toEqual(['6', '87', '7', '88', '59']);
    expect(ruled.marks.get('59')).toEqual([{ kind: 'lap-penalty', label: '-1 lap', decisions: [1] }]);
    expect(rule({ kind: 'lap-penalty', car: '7', laps: 20 }).cars.find((car) => car.number === '7')!.laps).toBe(0);
  });

  it('drops a car places within its class, or to the back of it', () => {
    expect(order(rule({ kind: 'drop-positions', car: '6', positions: 1 }))).toEqual(['87', '6', '59', '7', '88']);
    expect(order(rule({ kind: 'drop-positions', car: '6', positions: 9 }))).toEqual(['87', '59', '7', '6', '88']);
    const back = rule({ kind: 'back-of-class', car: '6' });
    expect(order(back)).toEqual(['87', '59', '7', '6', '88']);
    expect(back.marks.get('6')).toEqual([{ kind: 'back-of-class', label: 'BACK', decisions: [1] }]);
  });

  it('puts an excluded car at the foot of the order with its status', () => {
    const ruled = rule({ kind: 'exclusion', car: '87' }, { kind: 'time-penalty', car: '6', seconds: 5 });
    expect(order(ruled)).toEqual(['6', '59', '7', '88', '87']);
    expect(ruled.cars[4]).toMatchObject({ status: 'excluded', position: 5 });
    expect(ruled.marks.get('87')).toEqual([{ kind: 'exclusion', label: 'EXCL', decisions: [1] }]);
  });

  it('shows a corrected number with its marks, unless another car holds that number', () => {
    const ruled = rule({ kind: 'correction', car: '88', number: '89', laps: 10 });
    const car = ruled.cars.find((c) => c.number === '89')!;
    expect(car).toMatchObject({ laps: 10, classId: 'GSX' });
    expect(ruled.renumbered).toEqual(new Map([['89', '88']]));
    expect(ruled.marks.get('89')).toEqual([{ kind: 'correction', label: 'CORR', decisions: [1] }]);
    expect(ruled.marks.has('88')).toBe(false);
    const taken = rule({ kind: 'correction', car: '88', number: '6' });
    expect(order(taken)).toEqual(['6', '87', '59', '7', '88']);
    expect(taken.renumbered.size).toBe(0);
  });

  it('passes over a decision about a car the timing does not have, and never changes its input', () => {
    const field = twoClassField();
    const ruled = applyRulings(field, NO_CROSSINGS_KNOWN, decided({ kind: 'exclusion', car: '404' }));
    expect(order(ruled)).toEqual(['6', '87', '59', '7', '88']);
    expect(field).toEqual(twoClassField());
  });
});

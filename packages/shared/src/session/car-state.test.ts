import { describe, expect, it } from 'vitest';
import { applyRulings } from '../race-control/rulings';
import { fullUpdate } from '../test-support/sessions';
import { applyFeedUpdate } from './apply';
import { carStateSchema, gapSchema } from './car-state';
import { deriveClassification } from './derive';

describe('carStateSchema', () => {
  it('describes every car the classification derives, gaps and marks included', () => {
    const outcome = applyFeedUpdate(undefined, fullUpdate(1));
    if (outcome.kind !== 'accepted') throw new Error('fixture refused');
    const view = deriveClassification(outcome.state);
    const cars = view.order.map((number) => view.cars[number]!);
    expect(cars.some((car) => car.gap && 'laps' in car.gap)).toBe(true);
    for (const car of cars) expect(carStateSchema.parse(car)).toEqual(car);
  });

  it('takes race control marks as the rulings make them', () => {
    const ruled = applyRulings(fullUpdate(1).cars, new Map(), [
      { id: 1, decision: { kind: 'time-penalty', car: '6', seconds: 5 } },
    ]);
    const car = { ...ruled.cars[0]!, status: 'running', classPosition: 1, decisionMarks: ruled.marks.get('6') };
    expect(carStateSchema.parse({ ...car, number: '6' }).decisionMarks).toEqual([
      { kind: 'time-penalty', label: '+5s', decisions: [1] },
    ]);
    expect(
      carStateSchema.safeParse({ ...car, decisionMarks: [{ kind: 'points-adjustment', label: '', decisions: [] }] })
        .success,
    ).toBe(false);
  });

  it('needs what the model always derives: status and class position', () => {
    expect(carStateSchema.safeParse(fullUpdate(1).cars[0]).success).toBe(false);
  });
});

describe('gapSchema', () => {
  it('is a time or a number of laps', () => {
    expect(gapSchema.parse({ ms: 2_500 })).toEqual({ ms: 2_500 });
    expect(gapSchema.parse({ laps: 1 })).toEqual({ laps: 1 });
    expect(gapSchema.safeParse({ seconds: 2.5 }).success).toBe(false);
  });
});

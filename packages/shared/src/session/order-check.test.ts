import { describe, expect, it } from 'vitest';
import { orderAgainstTimesUpdate } from '../test-support/sessions';
import { applyFeedUpdate } from './apply';
import { deriveClassification } from './derive';
import { orderAgainstRaceTimes } from './order-check';

describe('orderAgainstRaceTimes', () => {
  const viewWith = (positions: ReadonlyMap<string, number>) => {
    const update = orderAgainstTimesUpdate();
    update.cars = update.cars.map((car) => ({ ...car, position: positions.get(car.number) ?? car.position }));
    const outcome = applyFeedUpdate(undefined, update);
    if (outcome.kind !== 'accepted') throw new Error(JSON.stringify(outcome));
    return deriveClassification(outcome.state);
  };

  it('names each car placed behind a car that completed the same lap later', () => {
    const penalised = viewWith(new Map());
    expect(penalised.cars['27']!.interval).toEqual({ ms: -488 });
    expect(orderAgainstRaceTimes(penalised)).toEqual({
      count: 1,
      cars: [{ number: '27', ahead: '3', earlierMs: 488 }],
    });
  });

  it('finds nothing when the order fits the race times', () => {
    expect(
      orderAgainstRaceTimes(
        viewWith(
          new Map([
            ['27', 2],
            ['3', 3],
          ]),
        ),
      ),
    ).toBeUndefined();
  });
});

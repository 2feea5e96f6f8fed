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

  it('does not count a car passed on track that has not reached the line yet', () => {
    const car = (number: string, position: number, laps: number, totalTimeMs: number) => ({
      number,
      classId: 'GTD',
      driver: `Driver ${number}`,
      position,
      laps,
      totalTimeMs,
    });
    const first = applyFeedUpdate(undefined, {
      ...orderAgainstTimesUpdate(),
      cars: [car('3', 1, 1, 90_000), car('9', 2, 1, 91_000)],
    });
    if (first.kind !== 'accepted') throw new Error(JSON.stringify(first));
    // #9 passes #3 on track and completes lap 2 first: at the last line both crossed, #3 led by 1 s.
    const passed = applyFeedUpdate(first.state, {
      type: 'patch',
      sessionId: 'vir',
      seq: 2,
      cars: [
        { number: '9', position: 1, laps: 2, totalTimeMs: 180_000 },
        { number: '3', position: 2 },
      ],
    });
    if (passed.kind !== 'accepted') throw new Error(JSON.stringify(passed));
    const view = deriveClassification(passed.state);
    expect(view.cars['3']!.interval).toEqual({ ms: -1_000 });
    expect(orderAgainstRaceTimes(view)).toBeUndefined();
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

import { describe, expect, it } from 'vitest';
import { applyFeedUpdate } from './apply';
import { deriveClassification } from './derive';
import { orderAgainstRaceTimes } from './order-check';

const car = (number: string, position: number, totalTimeMs: number) => ({
  number,
  classId: 'GTD',
  driver: `Driver ${number}`,
  position,
  laps: 86,
  totalTimeMs,
});

describe('orderAgainstRaceTimes', () => {
  it('names each car placed behind a car that completed the same lap later, and nothing when the order fits', () => {
    // The VIR finish: #27 crossed 0.596 s after #9 but the feed moves it behind #3 (its penalty).
    const view = (positions: Record<string, number>) => {
      const outcome = applyFeedUpdate(undefined, {
        type: 'full',
        sessionId: 'vir',
        seq: 1,
        session: { seriesId: 'imsa', event: 'VIR', name: 'Race', status: 'finished', flag: 'checkered' },
        cars: [
          car('9', positions['9']!, 9_665_516),
          car('3', positions['3']!, 9_666_600),
          car('27', positions['27']!, 9_666_112),
        ],
      });
      if (outcome.kind !== 'accepted') throw new Error(JSON.stringify(outcome));
      return deriveClassification(outcome.state);
    };
    const penalised = view({ '9': 1, '3': 2, '27': 3 });
    expect(penalised.cars['27']!.interval).toEqual({ ms: -488 });
    expect(orderAgainstRaceTimes(penalised)).toEqual({
      count: 1,
      cars: [{ number: '27', ahead: '3', earlierMs: 488 }],
    });
    expect(orderAgainstRaceTimes(view({ '9': 1, '27': 2, '3': 3 }))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { lapRecord } from '../test-support/sessions';
import { currentStint, stintsAndStops } from './stints';

const lap = lapRecord;

describe('stintsAndStops', () => {
  it('splits at every in lap and names the driver of each stint', () => {
    const laps = [
      lap(1),
      lap(2, { pitIn: true }),
      lap(3, { pitOut: true, pitLaneMs: 56_127 }),
      lap(4, { pitIn: true }),
      lap(5, { pitOut: true, pitLaneMs: 62_440, driver: 'Roman De Angelis' }),
      lap(6, { driver: 'Roman De Angelis' }),
    ];
    expect(stintsAndStops(laps)).toEqual({
      stints: [
        { stint: 1, fromLap: 1, toLap: 2, laps: 2, driver: 'Zacharie Robichon', endedInPit: true },
        { stint: 2, fromLap: 3, toLap: 4, laps: 2, driver: 'Zacharie Robichon', endedInPit: true },
        { stint: 3, fromLap: 5, toLap: 6, laps: 2, driver: 'Roman De Angelis', endedInPit: false },
      ],
      stops: [
        { stop: 1, inLap: 2, outLap: 3, pitLaneMs: 56_127 },
        { stop: 2, inLap: 4, outLap: 5, pitLaneMs: 62_440 },
      ],
    });
  });

  it('leaves a stop open until its out lap is completed, and counts skipped laps in a stint', () => {
    expect(stintsAndStops([lap(1), lap(4, { pitIn: true })])).toEqual({
      stints: [{ stint: 1, fromLap: 1, toLap: 4, laps: 4, driver: 'Zacharie Robichon', endedInPit: true }],
      stops: [{ stop: 1, inLap: 4 }],
    });
  });

  it('has no stint before the first lap', () => {
    expect(stintsAndStops([])).toEqual({ stints: [], stops: [] });
  });
});

describe('currentStint', () => {
  it('counts laps since the out lap, the stops, and when the last stop was', () => {
    const laps = [
      lap(1),
      lap(2, { pitIn: true, raceTimeMs: 190_000 }),
      lap(3, { pitOut: true, pitLaneMs: 56_127 }),
      lap(4),
      lap(5),
    ];
    expect(currentStint(laps)).toEqual({
      lapsInStint: 3,
      stops: 1,
      lastStop: { lap: 2, atMs: 190_000, pitLaneMs: 56_127 },
    });
  });

  it('is at 0 laps on the out lap, before the pit lane time is known', () => {
    expect(currentStint([lap(1), lap(2, { pitIn: true })])).toEqual({ lapsInStint: 0, stops: 1, lastStop: { lap: 2 } });
  });

  it('runs from the start before the first stop, and is absent before the first lap', () => {
    expect(currentStint([lap(1), lap(2)])).toEqual({ lapsInStint: 2, stops: 0 });
    expect(currentStint([])).toBeUndefined();
  });
});

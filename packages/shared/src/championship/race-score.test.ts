import { describe, expect, it } from 'vitest';
import { bonusWinners, competitorsOfRow, sameScoringInputs, scoreRace, scoringInputs } from './race-score';
import { raceResultSchema } from './schema';
import { car, championship } from '../test-support/championships';

const bonuses = { pole: 2, fastestLap: 1, mostLapsLed: 3 };
const overall = championship({ id: 'drivers', bonuses });
const am = championship({ id: 'am', scope: { classId: 'am' }, bonuses });
const order = [car('1', 1), car('2', 2, { classId: 'am' }), car('3', 3, { classId: 'am' })];
const inAm = order.filter((row) => row.classId === 'am');
const winners = (map: Map<{ number: string }, number>) => [...map].map(([row, points]) => [row.number, points]);

describe('bonusWinners', () => {
  it('gives the bonuses to the cars a source names when it has no grid, lap times or laps led', () => {
    expect(winners(bonusWinners(overall, order, { grid: ['3'], fastestLap: '2', mostLapsLed: '3' }))).toEqual([
      ['3', 5],
      ['2', 1],
    ]);
  });

  it('takes the head of a grid as the pole of every scope it reaches, and a named car only in its own scope', () => {
    // #1 (not in Am) has overall pole, fastest lap and most laps led: Am's winners are not known.
    const named = { grid: ['1'], fastestLap: '1', mostLapsLed: '1' };
    expect(winners(bonusWinners(am, inAm, named))).toEqual([]);
    expect(winners(bonusWinners(am, inAm, { grid: ['1', '3'] }))).toEqual([['3', 2]]);
  });

  it('falls back on lap times and laps led in a scope the named car is not in, ties to the better placed', () => {
    const timed = [
      car('1', 1, { bestLapMs: 90_000, lapsLed: 9 }),
      car('2', 2, { classId: 'am', bestLapMs: 91_000, lapsLed: 2 }),
      car('3', 3, { classId: 'am', bestLapMs: 91_000, lapsLed: 2 }),
    ];
    expect(winners(bonusWinners(am, timed.slice(1), { fastestLap: '1', mostLapsLed: '1' }))).toEqual([['2', 4]]);
    expect(winners(bonusWinners(overall, timed, {}))).toEqual([['1', 4]]);
  });
});

describe('race results naming bonus cars', () => {
  it('must name cars of the classification', () => {
    const parsed = raceResultSchema.safeParse({ race: 3, classification: order, grid: ['1'], fastestLap: '9' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['fastestLap'],
      message: 'car #9 is not in the classification of race 3',
    });
  });
});

describe('a car whose manufacturer is not known', () => {
  const makers = championship({ id: 'makers', competitor: 'manufacturer' });

  it('scores for no manufacturer, and the cars behind it move up', () => {
    const rows = [car('1', 1), car('2', 2, { manufacturer: 'Ford' }), car('3', 3, { manufacturer: 'BMW' })];
    expect(competitorsOfRow(makers, rows[0]!, new Set())).toEqual([]);
    const table = { points: [10, 8, 6], beyond: 0 };
    expect(
      scoreRace(makers, table, { race: 1, classification: rows }, new Set()).map((s) => [
        s.competitor,
        s.score.position,
        s.score.points,
      ]),
    ).toEqual([
      ['Ford', 1, 10],
      ['BMW', 2, 8],
    ]);
  });
});

describe('scoringInputs', () => {
  const none = new Set<string>();
  const result = {
    race: 4,
    grid: ['1', '3', '2'],
    classification: [car('1', 1), car('2', 2, { classId: 'am' }), car('3', 3, { classId: 'am', bestLapMs: 90_000 })],
  };

  it('keeps the rows and grid cars of the scope, in order', () => {
    expect(scoringInputs(am, result, none)).toEqual({
      race: 4,
      rows: [result.classification[1], result.classification[2]],
      grid: ['3', '2'],
    });
  });

  it('is the same when only cars out of scope change, and then scores the same', () => {
    const proMoved = {
      ...result,
      classification: [{ ...result.classification[0]!, bestLapMs: 89_000 }, ...result.classification.slice(1)],
    };
    expect(sameScoringInputs(scoringInputs(am, result, none), scoringInputs(am, proMoved, none))).toBe(true);
    expect(scoreRace(am, { points: [10, 8], beyond: 1 }, proMoved, none)).toEqual(
      scoreRace(am, { points: [10, 8], beyond: 1 }, result, none),
    );
    expect(sameScoringInputs(scoringInputs(overall, result, none), scoringInputs(overall, proMoved, none))).toBe(false);
  });

  it('tells apart a change of place, lap, driver or grid in scope', () => {
    const inputs = scoringInputs(am, result, none);
    const withRow = (extra: Partial<(typeof result.classification)[number]>) => ({
      ...result,
      classification: [
        result.classification[0]!,
        { ...result.classification[1]!, ...extra },
        result.classification[2]!,
      ],
    });
    for (const extra of [
      { position: 5 },
      { bestLapMs: 89_000 },
      { drivers: ['Someone Else'] },
      { status: 'dns' as const },
    ])
      expect(sameScoringInputs(inputs, scoringInputs(am, withRow(extra), none)), JSON.stringify(extra)).toBe(false);
    expect(sameScoringInputs(inputs, scoringInputs(am, { ...result, grid: ['2', '3'] }, none))).toBe(false);
    expect(sameScoringInputs(inputs, scoringInputs(am, { ...result, fastestLap: '2' }, none))).toBe(false);
  });
});

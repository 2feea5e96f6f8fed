import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareCountback, compareStandings, countbackKey, countbackRaces } from './countback';
import type { RaceScore } from './race-score';

const results = (...places: (number | undefined)[]): RaceScore[] =>
  places.map((position, i) => ({
    race: i + 1,
    position,
    points: 0,
    bonus: 0,
    dropped: false,
    status: position ? 'classified' : 'dns',
  }));

describe('compareStandings', () => {
  it('puts more points first', () => {
    expect(compareStandings({ points: 20, scores: [] }, { points: 30, scores: [] })).toBeGreaterThan(0);
  });
  it('breaks a tie on points by more wins, then more seconds', () => {
    expect(compareStandings({ points: 40, scores: results(1, 5) }, { points: 40, scores: results(2, 2) })).toBeLessThan(
      0,
    );
    expect(
      compareStandings({ points: 40, scores: results(3, 2) }, { points: 40, scores: results(2, 2) }),
    ).toBeGreaterThan(0);
  });
  it('counts beyond the points-paying places, so 0-point drivers are ordered too', () => {
    expect(
      compareStandings({ points: 0, scores: results(16, 36) }, { points: 0, scores: results(16, 21) }),
    ).toBeGreaterThan(0);
  });
  it('then puts ahead the competitor who first achieved the better result: the earliest race where they differ', () => {
    // Same places (a 2nd and a 4th): the earlier result wins; a result beats none.
    expect(
      compareStandings(
        { points: 600, scores: results(4, 2, undefined, undefined) },
        { points: 600, scores: results(undefined, undefined, 2, 4) },
      ),
    ).toBeLessThan(0);
    expect(compareStandings({ points: 10, scores: results(2, 4) }, { points: 10, scores: results(4, 2) })).toBeLessThan(
      0,
    );
  });
  it('or, where the series says so, the better result in the latest race where they differ', () => {
    expect(
      compareStandings(
        { points: 600, scores: results(4, 2, undefined, undefined) },
        { points: 600, scores: results(undefined, undefined, 2, 4) },
        'latest-race',
      ),
    ).toBeGreaterThan(0);
    expect(
      compareStandings({ points: 10, scores: results(2, 4) }, { points: 10, scores: results(4, 2) }, 'latest-race'),
    ).toBeGreaterThan(0);
  });
  it('ties only identical records', () => {
    expect(compareStandings({ points: 10, scores: results(3, 1) }, { points: 10, scores: results(3, 1) })).toBe(0);
  });
});

describe('countback keys', () => {
  const record = fc.array(fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }), { maxLength: 6 });
  it('order records on equal points as compareStandings does, over the races of every record ranked', () => {
    fc.assert(
      fc.property(record, record, fc.boolean(), (a, b, latest) => {
        const afterCountback = latest ? 'latest-race' : 'first-achieved';
        const races = countbackRaces([1, 2, 3, 4, 5, 6, 7], afterCountback);
        const byKeys = compareCountback(countbackKey(results(...a), races), countbackKey(results(...b), races));
        const direct = compareStandings(
          { points: 5, scores: results(...a) },
          { points: 5, scores: results(...b) },
          afterCountback,
        );
        expect(Math.sign(byKeys)).toBe(Math.sign(direct));
      }),
      { numRuns: 1000 },
    );
  });
});

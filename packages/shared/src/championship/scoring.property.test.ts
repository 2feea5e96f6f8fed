import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareStandings } from './countback';
import type { RaceScore } from './race-score';
import type { RaceResult, ResultRow } from './schema';
import { computeStandings } from './standings';
import { car, championship, season, series } from '../test-support/championships';

const withBonuses = championship({ id: 'drivers', bonuses: { pole: 2, fastestLap: 1, mostLapsLed: 3 } });
const cup = series([withBonuses]);

/** A race of up to 12 cars numbered 1..n in finishing order, with random statuses, laps led, best laps and grid. */
const raceArb = (race: number) =>
  fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc
      .record({
        statuses: fc.array(
          fc.constantFrom('classified', 'classified', 'retired', 'dns', 'excluded') as fc.Arbitrary<
            ResultRow['status']
          >,
          { minLength: n, maxLength: n },
        ),
        lapsLed: fc.array(fc.nat(20), { minLength: n, maxLength: n }),
        bestLaps: fc.array(fc.integer({ min: 90_000, max: 90_010 }), { minLength: n, maxLength: n }),
        grid: fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => String(i + 1)),
          { minLength: n, maxLength: n },
        ),
      })
      .map(({ statuses, lapsLed, bestLaps, grid }): RaceResult => ({
        race,
        grid,
        classification: statuses.map((status, i) =>
          car(String(i + 1), i + 1, { status, lapsLed: lapsLed[i], bestLapMs: bestLaps[i] }),
        ),
      })),
  );

const totalAwarded = (result: RaceResult) =>
  computeStandings(cup, season([result]))[0]!.standings.reduce((sum, row) => sum + row.points, 0);

const pointsOf = (result: RaceResult | RaceResult[], competitor: string) =>
  computeStandings(cup, season([result].flat()))[0]!.standings.find((row) => row.competitor === competitor)?.points;

describe('scoring properties', () => {
  it('awards the same total whatever the cars are numbered', () => {
    fc.assert(
      fc.property(raceArb(1), fc.integer({ min: 0, max: 1000 }), (result, offset) => {
        const renumber = (number: string) => String(Number(number) + offset);
        const renumbered: RaceResult = {
          ...result,
          grid: result.grid!.map(renumber),
          classification: result.classification.map((row) => ({
            ...row,
            number: renumber(row.number),
            drivers: [`Driver ${renumber(row.number)}`],
          })),
        };
        expect(totalAwarded(renumbered)).toBe(totalAwarded(result));
      }),
    );
  });

  it('gives the leader at least as many points as anyone', () => {
    fc.assert(
      fc.property(raceArb(1), raceArb(2), raceArb(3), (...results) => {
        const [leader, ...rest] = computeStandings(cup, season(results))[0]!.standings;
        for (const row of rest) expect(leader!.points).toBeGreaterThanOrEqual(row.points);
      }),
    );
  });

  it('changes nothing for the others when a car that did not start is removed', () => {
    fc.assert(
      fc.property(raceArb(1), (result) => {
        const dns = result.classification.find((row) => row.status === 'dns');
        fc.pre(dns !== undefined);
        const without = { ...result, classification: result.classification.filter((row) => row !== dns) };
        const others = (r: RaceResult) =>
          computeStandings(cup, season([r]))[0]!
            .standings.filter((row) => row.competitor !== dns!.drivers[0])
            .map((row) => [row.competitor, row.points]);
        expect(others(without)).toEqual(others(result));
      }),
    );
  });

  it('never lowers the points of a car moved up a place', () => {
    fc.assert(
      fc.property(raceArb(1), fc.nat(), (result, pick) => {
        const rows = result.classification;
        fc.pre(rows.length >= 2);
        const i = 1 + (pick % (rows.length - 1));
        const moved = rows[i]!;
        const swapped = rows.map((row, j) =>
          j === i
            ? { ...row, position: rows[i - 1]!.position }
            : j === i - 1
              ? { ...row, position: moved.position }
              : row,
        );
        const driver = moved.drivers[0]!;
        expect(pointsOf({ ...result, classification: swapped }, driver) ?? 0).toBeGreaterThanOrEqual(
          pointsOf(result, driver) ?? 0,
        );
      }),
    );
  });

  it('never raises a total by dropping results', () => {
    const dropping = series([{ ...withBonuses, drops: { count: 2, when: 'final-round' } }]);
    fc.assert(
      fc.property(fc.tuple(raceArb(1), raceArb(2), raceArb(3), raceArb(4), raceArb(5)), (results) => {
        const s = season(results);
        const plain = new Map(computeStandings(cup, s)[0]!.standings.map((row) => [row.competitor, row.points]));
        for (const row of computeStandings(dropping, s)[0]!.standings)
          expect(row.points).toBeLessThanOrEqual(plain.get(row.competitor)!);
      }),
    );
  });

  it('orders distinct records strictly by countback', () => {
    const record = fc
      .array(fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }), { minLength: 1, maxLength: 5 })
      .map((places): RaceScore[] =>
        places.map((position, i) => ({
          race: i + 1,
          position,
          points: 0,
          bonus: 0,
          dropped: false,
          status: position ? 'classified' : 'dns',
        })),
      );
    // A race not started is the same record as a race not entered.
    const key = (scores: RaceScore[]) =>
      scores
        .filter((s) => s.position !== undefined)
        .map((s) => `${s.race}:${s.position}`)
        .join();
    fc.assert(
      fc.property(record, record, record, (a, b, c) => {
        const cmp = (x: RaceScore[], y: RaceScore[]) =>
          Math.sign(compareStandings({ points: 0, scores: x }, { points: 0, scores: y }));
        if (key(a) !== key(b)) {
          expect(cmp(a, b)).not.toBe(0);
          expect(cmp(a, b)).toBe(-cmp(b, a));
        }
        if (cmp(a, b) < 0 && cmp(b, c) < 0) expect(cmp(a, c)).toBeLessThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('tie rule on random seasons with many ties', () => {
  const names = ['Ann Zeller', 'Bob Young', 'Cid Young', 'Dee Abbott', 'Eve Moss', 'Fay Moss IV', 'Gus Lee'];
  /** Flat or short points tables, so that many competitors end level on points. */
  const tables = [
    { points: [1], beyond: 1 },
    { points: [3, 2, 1], beyond: 0 },
    { points: [2, 2, 1], beyond: 1 },
  ];
  const seasonArb = fc.record({
    table: fc.constantFrom(...tables),
    races: fc.array(
      fc.record({
        order: fc.shuffledSubarray(names, { minLength: 1 }),
        dns: fc.subarray(names),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  });

  /** Countback, stated independently: sorted places compared in turn, the better place first; a longer list wins a tied prefix. */
  const countback = (a: number[], b: number[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return b.length - a.length;
  };

  it('ranks level competitors by countback, then by who first achieved the better result, then by family name', () => {
    fc.assert(
      fc.property(seasonArb, ({ table, races }) => {
        const results: RaceResult[] = races.map(({ order, dns }, i) => {
          const starters = order.filter((name) => !dns.includes(name));
          return {
            race: i + 1,
            classification: [
              ...starters.map((name, place) => car(name, place + 1, { drivers: [name] })),
              ...dns
                .filter((name) => order.includes(name))
                .map((name) => car(name, 0, { drivers: [name], position: undefined, status: 'dns' })),
            ],
          };
        });
        const definition = { ...series([championship({ id: 'drivers', pointsTable: 'flat' })]) };
        definition.pointsTables = { flat: table };
        const standings = computeStandings(definition, season(results, 3))[0]!.standings;
        expect(standings.map((row) => row.position)).toEqual(standings.map((_, i) => i + 1));
        const placeIn = (name: string, race: number) =>
          results[race - 1]!.classification.find((row) => row.drivers[0] === name)?.position;
        standings.forEach((ahead, i) => {
          const behind = standings[i + 1];
          if (!behind) return;
          expect(ahead.points).toBeGreaterThanOrEqual(behind.points);
          if (ahead.points > behind.points) return;
          const places = (name: string) =>
            results
              .map((r) => placeIn(name, r.race))
              .filter((p): p is number => p !== undefined)
              .sort((x, y) => x - y);
          const byCountback = countback(places(ahead.competitor), places(behind.competitor));
          expect(byCountback, `${ahead.competitor} before ${behind.competitor}`).toBeLessThanOrEqual(0);
          if (byCountback < 0) return;
          const differing = results.find(
            (r) => placeIn(ahead.competitor, r.race) !== placeIn(behind.competitor, r.race),
          );
          if (differing) {
            const mine = placeIn(ahead.competitor, differing.race);
            const theirs = placeIn(behind.competitor, differing.race);
            expect(mine, `${ahead.competitor} first achieved the better result, race ${differing.race}`).toBeDefined();
            if (theirs !== undefined) expect(mine!).toBeLessThan(theirs);
            return;
          }
          const family = (name: string) => name.split(' ')[1]!;
          expect(
            family(ahead.competitor).localeCompare(family(behind.competitor)) ||
              ahead.competitor.localeCompare(behind.competitor),
          ).toBeLessThan(0);
        });
      }),
      { numRuns: 500 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { computeStandings, countedResults } from './standings';
import { car, championship, race, season, series } from '../test-support/championships';

const drivers = championship({ id: 'drivers', bonuses: { pole: 2, fastestLap: 1, mostLapsLed: 3 } });

function table(standings: ReturnType<typeof computeStandings>, id: string) {
  const found = standings.find((c) => c.championshipId === id);
  if (!found) throw new Error(`no championship ${id}`);
  return found.standings.map((row) => [row.position, row.competitor, row.points]);
}

describe('computeStandings', () => {
  it('adds race points and bonuses over the counted races', () => {
    const s = season([
      race(
        1,
        [car('1', 1, { lapsLed: 10 }), car('2', 2, { bestLapMs: 90_000 }), car('3', 3, { bestLapMs: 91_000 })],
        ['3', '1', '2'],
      ),
      race(2, [car('2', 1), car('1', 2), car('3', 3, { status: 'retired' })]),
    ]);
    const standings = computeStandings(series([drivers]), s);
    // #1: 10 + 3 (laps led) + 8; #2: 8 + 1 (fastest lap) + 10; #3: 6 + 2 (pole) + 6 (retired, classified 3rd)
    expect(table(standings, 'drivers')).toEqual([
      [1, 'Driver 1', 21],
      [2, 'Driver 2', 19],
      [3, 'Driver 3', 14],
    ]);
    const first = standings[0]!.standings[0]!;
    expect(first.racePoints).toEqual([
      { race: 1, position: 1, points: 10, bonus: 3, dropped: false, status: 'classified' },
      { race: 2, position: 2, points: 8, bonus: 0, dropped: false, status: 'classified' },
    ]);
    expect(first.wins).toBe(1);
  });

  it('gives a car that did not start nothing, and no bonus even from pole', () => {
    const s = season([
      race(1, [car('1', 1), car('2', 2), car('3', 3, { status: 'dns', position: undefined })], ['3', '1', '2']),
    ]);
    const [result] = computeStandings(series([drivers]), s);
    expect(result!.standings.map((r) => [r.competitor, r.points, r.racePoints[0]!.status])).toEqual([
      ['Driver 1', 12, 'classified'],
      ['Driver 2', 8, 'classified'],
      ['Driver 3', 0, 'dns'],
    ]);
  });

  it('ranks within a class by overall position, and by class position when that is all there is', () => {
    const am = championship({ id: 'am', scope: { classId: 'am' } });
    const overall = race(1, [car('1', 1), car('2', 2, { classId: 'am' }), car('3', 3), car('4', 4, { classId: 'am' })]);
    expect(table(computeStandings(series([am]), season([overall])), 'am')).toEqual([
      [1, 'Driver 2', 10],
      [2, 'Driver 4', 8],
    ]);
    const classOnly = race(1, [
      car('4', 1, { classId: 'am', position: undefined, classPosition: 1 }),
      car('2', 1, { classId: 'am', position: undefined, classPosition: 2 }),
    ]);
    expect(table(computeStandings(series([am]), season([classOnly])), 'am')).toEqual([
      [1, 'Driver 4', 10],
      [2, 'Driver 2', 8],
    ]);
  });

  it('refuses class-order-only data for a championship across classes', () => {
    const classOnly = race(1, [car('1', 1, { position: undefined, classPosition: 1 })]);
    expect(() => computeStandings(series([drivers]), season([classOnly]))).toThrow(/no overall position/);
  });

  it('ranks drivers of an eligibility group among themselves', () => {
    const bronze = championship({ id: 'bronze', scope: { classId: 'pro', eligibility: 'bronze' } });
    const s = season(
      [race(1, [car('1', 1), car('2', 2, { drivers: ['Ann', 'Bob'] }), car('3', 3, { drivers: ['Cid'] })])],
      3,
      {
        drivers: [{ name: 'Bob', eligibility: ['bronze'] }, { name: 'Cid', eligibility: ['bronze'] }, { name: 'Ann' }],
      },
    );
    expect(table(computeStandings(series([bronze]), s), 'bronze')).toEqual([
      [1, 'Bob', 10],
      [2, 'Cid', 8],
    ]);
  });

  it('scores an entrant by its best car and moves everyone behind up', () => {
    const entrants = championship({ id: 'entrants', competitor: 'entrant' });
    const s = season([
      race(1, [car('1', 1, { team: 'Red' }), car('2', 2, { team: 'Red' }), car('3', 3, { team: 'Blue' })]),
    ]);
    expect(table(computeStandings(series([entrants]), s), 'entrants')).toEqual([
      [1, 'Red', 10],
      [2, 'Blue', 8],
    ]);
  });

  it('scores a manufacturer by the class position of its best car, nobody moving up', () => {
    const makes = championship({
      id: 'makes',
      competitor: 'manufacturer',
      scope: { classId: 'am' },
      positionBasis: 'class-position',
    });
    const cls = (n: string, p: number, manufacturer: string) =>
      car(n, p, { classId: 'am', position: undefined, classPosition: p, manufacturer });
    const s = season([race(1, [cls('1', 1, 'Toyota'), cls('2', 2, 'Toyota'), cls('3', 3, 'Honda')])]);
    expect(table(computeStandings(series([makes]), s), 'makes')).toEqual([
      [1, 'Toyota', 10],
      [2, 'Honda', 6],
    ]);
  });

  it('scores each car number as its own team', () => {
    const teams = championship({ id: 'teams', competitor: 'car' });
    const s = season([race(1, [car('7', 1, { drivers: ['A', 'B'] }), car('8', 2)])]);
    const [result] = computeStandings(series([teams]), s);
    expect(result!.standings.map((r) => [r.competitor, r.name, r.points])).toEqual([
      ['7', '#7 Team 7', 10],
      ['8', '#8 Team 8', 8],
    ]);
  });

  it('counts only races up to afterRace, and a live race in place of its stored result', () => {
    const s = season([race(1, [car('1', 1), car('2', 2)]), race(2, [car('1', 1), car('2', 2)])]);
    expect(table(computeStandings(series([drivers]), s, { afterRace: 1 }), 'drivers')).toEqual([
      [1, 'Driver 1', 10],
      [2, 'Driver 2', 8],
    ]);
    const live = race(2, [car('2', 1), car('1', 2)]);
    // Level on points and on countback: Driver 1 first achieved the better result (a win in race 1).
    expect(table(computeStandings(series([drivers]), s, { liveRace: live }), 'drivers')).toEqual([
      [1, 'Driver 1', 18],
      [2, 'Driver 2', 18],
    ]);
    // A series whose rule looks at the latest race puts the live winner ahead.
    const latest = {
      ...series([drivers]),
      tieBreak: { afterCountback: 'latest-race', identicalRecords: 'by-name' },
    } as const;
    expect(table(computeStandings(latest, s, { liveRace: live }), 'drivers')).toEqual([
      [1, 'Driver 2', 18],
      [2, 'Driver 1', 18],
    ]);
    expect(countedResults(s, { liveRace: live }).map((r) => r.race)).toEqual([1, 2]);
  });

  it('numbers identical records one place each in the stated order, or lets them share where the series says so', () => {
    const dns = (number: string, name: string) =>
      car(number, 0, { drivers: [name], position: undefined, status: 'dns' });
    const s = season([
      race(1, [
        car('1', 1),
        dns('78', 'Jonathan Woolridge'),
        dns('9', 'Nathan Martin'),
        dns('5', 'Elias De La Torre IV'),
      ]),
    ]);
    // By family name: Martin, Torre, Woolridge (a generation suffix is not a family name).
    expect(table(computeStandings(series([drivers]), s), 'drivers')).toEqual([
      [1, 'Driver 1', 10],
      [2, 'Nathan Martin', 0],
      [3, 'Elias De La Torre IV', 0],
      [4, 'Jonathan Woolridge', 0],
    ]);
    const cars = championship({ id: 'cars', competitor: 'car' });
    expect(
      table(computeStandings(series([cars]), s), 'cars').map(([position, competitor]) => [position, competitor]),
    ).toEqual([
      [1, '1'],
      [2, '5'],
      [3, '9'],
      [4, '78'],
    ]);
    const shared = {
      ...series([drivers]),
      tieBreak: { afterCountback: 'first-achieved', identicalRecords: 'shared' },
    } as const;
    expect(table(computeStandings(shared, s), 'drivers').map(([position]) => position)).toEqual([1, 2, 2, 2]);
  });

  it("replaces a stored race's bonuses with the live race's, so none counts twice", () => {
    const stored = race(1, [car('1', 1), car('2', 2)], ['1']);
    const s = season([{ ...stored, fastestLap: '1', mostLapsLed: '1' }]);
    expect(table(computeStandings(series([drivers]), s), 'drivers')).toEqual([
      [1, 'Driver 1', 16],
      [2, 'Driver 2', 8],
    ]);
    const live = race(1, [car('1', 1, { lapsLed: 3 }), car('2', 2, { bestLapMs: 90_000 })], ['2', '1']);
    // Driver 1: 10 + 3 (laps led); Driver 2: 8 + 2 (pole) + 1 (fastest lap).
    expect(table(computeStandings(series([drivers]), s, { liveRace: live }), 'drivers')).toEqual([
      [1, 'Driver 1', 13],
      [2, 'Driver 2', 11],
    ]);
  });

  it('applies adjustments from the season and from race control', () => {
    const s = season([race(1, [car('1', 1), car('2', 2)])], 3, {
      adjustments: [{ championship: 'drivers', competitor: 'Driver 1', points: -5, reason: 'avoidable contact' }],
    });
    const standings = computeStandings(series([drivers]), s, {
      adjustments: [{ championship: 'drivers', competitor: 'Driver 2', points: 1, reason: 'restored lap' }],
    });
    expect(table(standings, 'drivers')).toEqual([
      [1, 'Driver 2', 9],
      [2, 'Driver 1', 5],
    ]);
    expect(standings[0]!.standings[1]!.adjustments.map((a) => a.reason)).toEqual(['avoidable contact']);
  });

  it('rejects bad run-time input with a clear error', () => {
    const s = season([race(1, [car('1', 1)])]);
    const cup = series([drivers]);
    expect(() =>
      computeStandings(cup, s, {
        adjustments: [{ championship: 'nope', competitor: 'Driver 1', points: 1, reason: 'x' }],
      }),
    ).toThrow(/championship "nope"/);
    expect(() =>
      computeStandings(cup, s, {
        adjustments: [{ championship: 'drivers', competitor: 'Nobody', points: 1, reason: 'x' }],
      }),
    ).toThrow(/"Nobody", who has no race/);
    expect(() => computeStandings(cup, s, { liveRace: { race: 0, classification: [] } })).toThrow(
      /live race is invalid/,
    );
    expect(() => computeStandings(cup, s, { liveRace: race(9, []) })).toThrow(/not on the 2024 calendar/);
    expect(() => computeStandings(cup, season([race(1, [car('1', 1), car('2', 1)])]))).toThrow(/share place 1/);
  });
});

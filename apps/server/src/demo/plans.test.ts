import {
  applyFeedUpdate,
  type CarFeed,
  type ResultRow,
  type Season,
  type SeriesDefinition,
  type SessionState,
} from '@pitwall/shared';
import { describe, expect, it } from 'vitest';
import { currentSeason, loadCatalog } from '../catalog/catalog';
import { demoPlanFor } from './plans';
import { simulateRace } from './simulation';

const series: SeriesDefinition = {
  id: 'vp-sportscar-challenge',
  name: 'Test SportsCar Challenge',
  shortName: 'Test',
  classes: [
    { id: 'LMP3', name: 'LMP3' },
    { id: 'GSX', name: 'GSX' },
  ],
  pointsTables: { imsa: { points: [350, 320], beyond: 10 } },
  championships: [
    {
      id: 'drivers',
      name: 'Drivers',
      competitor: 'driver',
      scope: {},
      positionBasis: 'rank-in-scope',
      pointsTable: 'imsa',
    },
  ],
};

function row(
  number: string,
  classId: string,
  classPosition: number | undefined,
  status: ResultRow['status'] = 'classified',
): ResultRow {
  return {
    number,
    drivers: [`Driver ${number}`, `Co-driver ${number}`],
    team: `Team ${number}`,
    classId,
    status,
    ...(classPosition ? { classPosition } : {}),
  };
}

const atlanta = { event: 'Road Atlanta', circuit: 'Michelin Raceway Road Atlanta', code: 'ATL' };
const season: Season = {
  seriesId: 'vp-sportscar-challenge',
  year: 2024,
  races: [
    { race: 1, round: 1, ...atlanta },
    { race: 2, round: 1, ...atlanta },
    { race: 3, round: 2, ...atlanta },
    { race: 4, round: 2, event: 'Elsewhere', circuit: 'Nowhere Park', code: 'NOW' },
  ],
  drivers: [],
  entries: [
    { number: '7', team: 'Team 7', classId: 'LMP3', drivers: [{ name: 'Driver 7' }] },
    {
      number: '45',
      team: 'Team 45',
      classId: 'GSX',
      manufacturer: 'Porsche',
      drivers: [{ name: 'Only Race 3', races: [3] }, { name: 'Always' }],
    },
    { number: '46', team: 'Team 46', classId: 'GSX', drivers: [{ name: 'Only Race 3', races: [3] }] },
  ],
  results: [
    {
      race: 1,
      classification: [
        row('59', 'GSX', 2, 'retired'),
        row('77', 'LMP3', 2),
        row('72', 'GSX', 1),
        row('87', 'LMP3', 1),
        row('13', 'LMP3', 3, 'retired'),
        row('31', 'LMP3', undefined, 'dns'),
        row('32', 'LMP3', undefined, 'withdrawn'),
      ],
    },
    { race: 2, classification: [row('87', 'LMP3', 1), row('77', 'LMP3', 2)] },
  ],
  adjustments: [],
};

describe('demoPlanFor', () => {
  it('orders a class-only result by class position, faster class first, and retires the real retirements at the tail', () => {
    const plan = demoPlanFor(series, season, 1);
    expect(plan).toMatchObject({
      sessionId: 'demo-vp-sportscar-challenge-r1',
      seriesId: 'vp-sportscar-challenge',
      event: 'Michelin Raceway Road Atlanta',
      name: `${series.shortName} · Race 1`,
      round: 1,
      race: 1,
      durationMs: 45 * 60_000,
      baseLapMs: { LMP3: 77_500, GSX: 89_500 },
      fcy: { startMs: 22.5 * 60_000, durationMs: 4 * 60_000 },
      retirements: ['59'],
    });
    expect(plan.cars.map((car) => [car.number, car.finishPosition, car.dns ?? false])).toEqual([
      ['87', 1, false],
      ['77', 2, false],
      ['13', 3, false],
      ['72', 4, false],
      ['59', 5, false],
      ['31', 6, true],
    ]);
    expect(plan.cars[0]).toMatchObject({ driver: 'Driver 87 / Co-driver 87', team: 'Team 87', classId: 'LMP3' });
  });

  it('fills a class the result does not report from the entries for that race, behind the faster class', () => {
    const plan = demoPlanFor(series, season, 2);
    expect(plan.classes.map((c) => c.id)).toEqual(['LMP3', 'GSX']);
    expect(plan.cars.map((car) => car.number)).toEqual(['87', '77', '45']);
    expect(plan.cars.find((car) => car.number === '45')).toMatchObject({ driver: 'Always', manufacturer: 'Porsche' });
  });

  it('takes the entry list for that race when there is no result, and retires the last car', () => {
    const plan = demoPlanFor(series, season, 3);
    expect(plan.cars.map((car) => [car.number, car.driver])).toEqual([
      ['7', 'Driver 7'],
      ['45', 'Only Race 3 / Always'],
      ['46', 'Only Race 3'],
    ]);
    expect(plan.retirements).toEqual(['46']);
  });

  it("gives the result's pole, fastest lap and most laps led to their cars, and runs an excluded car to the flag", () => {
    const named: Season = {
      ...season,
      results: [
        {
          race: 1,
          grid: ['77'],
          fastestLap: '13',
          mostLapsLed: '77',
          classification: [
            { ...row('87', 'LMP3', 1), position: 1 },
            { ...row('77', 'LMP3', 2), position: 2 },
            row('7', 'LMP3', undefined, 'excluded'),
            { ...row('72', 'GSX', 1), position: 3 },
            { ...row('13', 'LMP3', 3, 'retired'), position: 4 },
          ],
        },
      ],
    };
    const plan = demoPlanFor(series, named, 1);
    expect(plan).toMatchObject({ grid: ['77'], fastestLap: '13', mostLapsLed: '77', retirements: ['13'] });
    // The excluded car runs to the flag last of the finishers, ahead of the retirement.
    expect(plan.cars.map((car) => [car.number, car.excluded ?? false])).toEqual([
      ['87', false],
      ['77', false],
      ['72', false],
      ['7', true],
      ['13', false],
    ]);
    // Without names, the lap times and laps led of the result decide.
    const timed = demoPlanFor(
      series,
      {
        ...season,
        results: [
          {
            race: 1,
            classification: [
              { ...row('87', 'LMP3', 1), bestLapMs: 78_000, lapsLed: 3 },
              { ...row('77', 'LMP3', 2), bestLapMs: 77_900, lapsLed: 20 },
            ],
          },
        ],
      },
      1,
    );
    expect(timed).toMatchObject({ fastestLap: '77', mostLapsLed: '77' });
  });

  it('explains what it cannot build', () => {
    expect(() => demoPlanFor(series, season, 9)).toThrow(/race 9: the season has no such race/);
    expect(() => demoPlanFor(series, season, 4)).toThrow(/no lap times for Nowhere Park/);
    expect(() => demoPlanFor({ ...series, id: 'unknown' }, season, 1)).toThrow(/race length is not known/);
  });
});

/** The project's own season files: the three demo races must end as they really did. */
describe('the demo races of the 2024 finales', () => {
  const catalog = loadCatalog();
  it.each([
    ['mx5-cup', 14],
    ['vp-sportscar-challenge', 12],
    ['carrera-cup-na', 16],
  ])('%s race %i finishes in the real order', (seriesId, race) => {
    const definition = catalog.series.get(seriesId) as SeriesDefinition;
    const seasonData = currentSeason(catalog, seriesId) as Season;
    const plan = demoPlanFor(definition, seasonData, race);
    let state: SessionState | undefined;
    for (const { update } of simulateRace(plan, 2024)) {
      const outcome = applyFeedUpdate(state, update);
      if (outcome.kind !== 'accepted') throw new Error(JSON.stringify(outcome));
      state = outcome.state;
    }
    const final = [...(state as SessionState).cars.values()].sort((a, b) => a.position - b.position);
    const rows = (seasonData.results.find((result) => result.race === race)?.classification ?? []).filter(
      (r) => r.status !== 'withdrawn',
    );
    const placed = rows
      .filter((r) => r.position !== undefined)
      .sort((a, b) => (a.position as number) - (b.position as number));
    expect(final.slice(0, placed.length).map((car) => car.number)).toEqual(placed.map((r) => r.number));
    for (const { id } of definition.classes) {
      const inClass = rows
        .filter((r) => r.classId === id && r.classPosition !== undefined)
        .sort((a, b) => (a.classPosition as number) - (b.classPosition as number));
      const simulated = final.filter((car: CarFeed) => inClass.some((r) => r.number === car.number));
      expect(simulated.map((car) => car.number)).toEqual(inClass.map((r) => r.number));
    }
    expect((state as SessionState).info).toMatchObject({ status: 'finished', flag: 'checkered', demo: true });
  });
});

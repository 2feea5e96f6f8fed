import { describe, expect, it } from 'vitest';
import type { CarState, CarStatus } from '../session/model';
import { mulberry32, type Random } from '../util/random';
import { liveChampionships } from './live';
import { liveRaceProjection } from './live-projection';
import { loadSeasonData } from '../test-support/season-data-checks';
import { car, championship, race, season, series } from '../test-support/championships';

/** The cars of a race as a feed would give them: the season's entries for it, shuffled by `random`. */
function runningOrder(entries: { number: string; classId: string; driver: string }[], random: Random): CarState[] {
  const order = [...entries].sort(() => random() - 0.5);
  const classPlaces = new Map<string, number>();
  return order.map((entry, i): CarState => {
    const classPosition = (classPlaces.get(entry.classId) ?? 0) + 1;
    classPlaces.set(entry.classId, classPosition);
    const status: CarStatus = random() < 0.05 ? 'retired' : random() < 0.03 ? 'pit' : 'running';
    return {
      number: entry.number,
      classId: entry.classId,
      driver: entry.driver,
      position: i + 1,
      classPosition,
      laps: 20,
      status,
      startPosition: entries.indexOf(entry) + 1,
      bestLapMs: 90_000 + Math.floor(random() * 3_000),
      ...(i === 0 ? { lapsLed: 5 } : {}),
    };
  });
}

describe('liveRaceProjection', () => {
  it('keeps the unchanged championships as the same objects and recomputes the one whose class moved', () => {
    const pro = championship({ id: 'pro', scope: { classId: 'pro' } });
    const am = championship({ id: 'am', scope: { classId: 'am' } });
    const twoClasses = season([race(1, [car('1', 1), car('2', 2), car('3', 3, { classId: 'am' })])], 2);
    const projection = liveRaceProjection(series([pro, am]), twoClasses, 2);
    const cars = (order: string[]): CarState[] =>
      order.map((number, i) => ({
        number,
        classId: number === '3' || number === '4' ? 'am' : 'pro',
        driver: `Driver ${number}`,
        team: `Team ${number}`,
        position: i + 1,
        classPosition: i < 2 ? i + 1 : i - 1,
        laps: 3,
        status: 'running',
      }));
    const first = projection.project(cars(['1', '2', '3', '4']));
    const gapsOnly = projection.project(cars(['1', '2', '3', '4']));
    expect(gapsOnly).toBe(first);
    const amSwapped = projection.project(cars(['1', '2', '4', '3']));
    expect(amSwapped[0]).toBe(first[0]);
    expect(amSwapped[1]!.order).toEqual(['Driver 3', 'Driver 4']);
    expect(amSwapped[1]!.rows['Driver 4']!.racePoints).toBe(10);
  });

  for (const [seriesId, label] of [
    ['carrera-cup-na', 'Carrera Cup NA'],
    ['mx5-cup', 'MX-5 Cup'],
    ['vp-sportscar-challenge', 'VP Racing SportsCar Challenge'],
  ] as const) {
    it(`gives the same championships as liveChampionships, update after update (${label} 2024 final race)`, () => {
      const { series: definition, season: year } = loadSeasonData(seriesId, 2024);
      const finalRace = Math.max(...year.races.map((r) => r.race));
      const entries = year.entries.map((entry) => ({
        number: entry.number,
        classId: entry.classId,
        driver: entry.drivers[0]!.name,
      }));
      const projection = liveRaceProjection(definition, year, finalRace);
      const random = mulberry32(7);
      let cars = runningOrder(entries, random);
      for (let update = 0; update < 25; update++) {
        // Mostly nothing that scores changes between updates, as in a real feed; sometimes a pass.
        if (random() < 0.3) cars = runningOrder(entries, random);
        expect(projection.project(cars)).toEqual(liveChampionships(definition, year, finalRace, cars));
      }
    });
  }
});

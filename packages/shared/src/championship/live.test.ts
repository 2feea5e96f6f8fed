import { describe, expect, it } from 'vitest';
import type { CarState } from '../session/model';
import { liveChampionshipBuilder, liveChampionships, racePhaseOf } from './live';
import { liveContention } from './contention';
import { projectStandings, raceResultFromCars } from './projection';
import { car, championship, race, season, series } from '../test-support/championships';

// Table: 10, 8, 6, 5, 4, then 1 for every place below. Two rounds of two races.
const drivers = championship({ id: 'drivers' });
// Before race 4: Driver 1 26, Driver 2 24, Driver 3 22 (see contention.test.ts).
const threeRaces = season(
  [
    race(1, [car('1', 1), car('2', 2), car('3', 3)]),
    race(2, [car('1', 3), car('2', 1), car('3', 2)]),
    race(3, [car('1', 1), car('2', 4), car('3', 2)]),
  ],
  2,
);

function running(order: string[]): CarState[] {
  return order.map((number, i) => ({
    number,
    classId: 'pro',
    driver: `Driver ${number}`,
    team: `Team ${number}`,
    position: i + 1,
    classPosition: i + 1,
    laps: 10,
    status: 'running',
  }));
}

describe('liveChampionships', () => {
  it('projects the final race and says what each contender needs from where it runs', () => {
    const [live] = liveChampionships(series([drivers]), threeRaces, 4, running(['2', '3', '1']));
    expect(live!.racesRemaining).toBe(0);
    expect(live!.phase).toBe('running');
    expect(live!.order).toEqual(['Driver 2', 'Driver 1', 'Driver 3']);
    expect(live!.rows['Driver 2']).toMatchObject({
      position: 1,
      points: 34,
      movement: 1,
      racePoints: 10,
      gapToLeader: 0,
      inContention: true,
    });
    expect(live!.rows['Driver 1']).toMatchObject({
      position: 2,
      points: 32,
      movement: -1,
      racePoints: 6,
      gapToLeader: 2,
      gapToNext: 2,
    });
    // Driver 1 runs third, where nothing is enough: one place up would do with Driver 2 behind, a win whatever.
    expect(live!.rows['Driver 1']!.needs).toBe('needs P2 and Driver 2 P3 or lower; champion if P1');
    expect(live!.rows['Driver 2']!.needs).toBe('needs P1 and Driver 1 P3 or lower');
    // The title is not won yet: it goes to Driver 2 only if it ends now.
    expect(live!.champion).toBeUndefined();
    expect(live!.championIfEndsNow).toBe('Driver 2');
  });

  it('moves with the order: the same race in another order gives other lines', () => {
    const [live] = liveChampionships(series([drivers]), threeRaces, 4, running(['1', '3', '2']));
    expect(live!.championIfEndsNow).toBe('Driver 1');
    expect(live!.rows['Driver 1']!.needs).toBe('champion if P1');
    // Third now, Driver 2 cannot do it from there or from second.
    expect(live!.rows['Driver 2']!.needs).toBe('needs P1 and Driver 1 P3 or lower');
  });

  it('names the champion after the flag, and never what it would be "if it ends now"', () => {
    const cars = running(['2', '3', '1']);
    const [provisional] = liveChampionships(series([drivers]), threeRaces, 4, cars, { phase: 'provisional' });
    expect(provisional!.phase).toBe('provisional');
    expect(provisional!.champion).toBe('Driver 2');
    expect(provisional!.championIfEndsNow).toBeUndefined();
    expect(Object.values(provisional!.rows).filter((row) => row.needs)).toEqual([]);
    const [official] = liveChampionships(series([drivers]), threeRaces, 4, cars, { phase: 'official' });
    expect(official!.phase).toBe('official');
    expect(official!.champion).toBe('Driver 2');
  });

  it('with races still to run: points still available and who is out, as the race stands', () => {
    // After race 3: Driver 1 30, Driver 2 24, Driver 3 6; race 4 runs, races 5 and 6 follow (20 points).
    const s = season(
      [
        race(1, [car('1', 1), car('2', 2), car('3', 3)]),
        race(2, [car('1', 1), car('2', 2)]),
        race(3, [car('1', 1), car('2', 2)]),
      ],
      3,
    );
    const [behind] = liveChampionships(series([drivers]), s, 4, running(['1', '2', '3']));
    expect(behind!.racesRemaining).toBe(2);
    expect(behind!.pointsStillAvailable).toBe(20);
    expect(behind!.champion).toBeUndefined();
    // Driver 3 would have 12 against Driver 1's 40: out, even winning both races left.
    expect(behind!.rows['Driver 3']!.inContention).toBe(false);
    expect(behind!.rows['Driver 2']!.inContention).toBe(true);
    const [ahead] = liveChampionships(series([drivers]), s, 4, running(['3', '2', '1']));
    // Leading the race, Driver 3 would have 16 against 36: 20 still to win keeps it in.
    expect(ahead!.rows['Driver 3']!.inContention).toBe(true);
  });

  it('reads the phase from the session', () => {
    expect(racePhaseOf({ status: 'running', flag: 'green' })).toBe('running');
    expect(racePhaseOf({ status: 'running', flag: 'checkered' })).toBe('provisional');
    expect(racePhaseOf({ status: 'finished', flag: 'none' })).toBe('provisional');
    expect(racePhaseOf({ status: 'finished', flag: 'checkered', resultStatus: 'official' })).toBe('official');
  });
});

describe('liveChampionshipBuilder', () => {
  const definition = series([drivers]);
  const answerFor = (build: ReturnType<typeof liveChampionshipBuilder>, order: string[]) => {
    const liveRace = raceResultFromCars(running(order), 4);
    const [projection] = projectStandings(definition, threeRaces, liveRace);
    const [title] = liveContention(definition, threeRaces, liveRace, 'running');
    return build(projection!, title!);
  };

  it('answers as liveChampionships does, keeping the last answer and its unchanged rows by identity', () => {
    const build = liveChampionshipBuilder();
    const first = answerFor(build, ['1', '2', '3']);
    expect(first).toEqual(liveChampionships(definition, threeRaces, 4, running(['1', '2', '3']))[0]);
    // Made again from equal inputs: the same answer.
    expect(answerFor(build, ['1', '2', '3'])).toBe(first);
    const swapped = answerFor(build, ['1', '3', '2']);
    expect(swapped).toEqual(liveChampionships(definition, threeRaces, 4, running(['1', '3', '2']))[0]);
    expect(swapped).not.toBe(first);
    // Driver 1 wins either way: the same points and needs, so the same row.
    expect(swapped.rows['Driver 1']).toBe(first.rows['Driver 1']);
    expect(swapped.rows['Driver 2']).not.toEqual(first.rows['Driver 2']);
  });
});

import type { CarState } from '../session/model';
import { liveChampionship, titleContention, type LiveChampionship } from './live';
import { pointsTableOf } from './points';
import { projectChampionship, raceResultFromCars } from './projection';
import { scoreRace } from './race-score';
import type { PointsAdjustment, Season, SeriesDefinition } from './schema';
import {
  adjustmentsInForce,
  championshipStandings,
  computeStandings,
  countedResults,
  eligibleDriversOf,
  type ScoredRaces,
} from './standings';

/**
 * The championships of one race while it runs, projected update after update with the same
 * answers as `liveChampionships`. What cannot change during the race is worked out once: the
 * standings before it, who can still win, the checks of the season and adjustments, the scores of
 * every stored race. Each update scores the live race alone for each championship; only a
 * championship whose live-race scores changed is ranked again, and the others keep their last
 * answer as the same object, so a diff of the view passes over them at once.
 */
export interface LiveRaceProjection {
  /** Every championship of the series for the cars in this order. Throws ChampionshipError as `liveChampionships` does. */
  project(cars: readonly CarState[]): LiveChampionship[];
}

export function liveRaceProjection(
  series: SeriesDefinition,
  season: Season,
  race: number,
  options: { adjustments?: PointsAdjustment[] } = {},
): LiveRaceProjection {
  const { adjustments = [] } = options;
  const before = computeStandings(series, season, { afterRace: race - 1, adjustments });
  const contention = titleContention(series, season, race, adjustments);
  // Checks the calendar and the adjustments against the series once, with the race still empty.
  computeStandings(series, season, { afterRace: race, liveRace: { race, classification: [] }, adjustments });
  const stored = countedResults(season, { afterRace: race - 1 });
  const inForce = adjustmentsInForce(season, { adjustments }, [...stored, { race, classification: [] }]);
  const scoredRaces: ScoredRaces = new WeakMap();
  const scoring = series.championships.map((championship) => ({
    championship,
    table: pointsTableOf(series, championship),
    eligibleDrivers: eligibleDriversOf(championship, season),
  }));
  let lastRace = '';
  let lastInputs: string[] = [];
  let last: LiveChampionship[] = [];
  return {
    project(cars) {
      // Built from session state that was validated on its way in, so it is not parsed again.
      const liveRace = raceResultFromCars(cars, race, season.entries);
      // Most updates move gaps and lap counts only, which no championship reads.
      const raceKey = JSON.stringify(liveRace);
      if (raceKey === lastRace) return last;
      const inputs = scoring.map(({ championship, table, eligibleDrivers }) =>
        JSON.stringify(scoreRace(championship, table, liveRace, eligibleDrivers)),
      );
      const results = [...stored, liveRace];
      const next = scoring.map(({ championship }, i) =>
        inputs[i] === lastInputs[i]
          ? last[i]!
          : liveChampionship(
              projectChampionship(
                before[i]!,
                championshipStandings(championship, series, season, results, inForce, scoredRaces),
                race,
              ),
              contention[i]!,
            ),
      );
      lastRace = raceKey;
      lastInputs = inputs;
      last = next.every((championship, i) => championship === last[i]) ? last : next;
      return last;
    },
  };
}

import type { CarState } from '../session/model';
import { liveContention, type LiveContention, type RacePhase } from './contention';
import { liveChampionship, type LiveChampionship } from './live';
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
  type ChampionshipStandings,
  type ScoredRaces,
} from './standings';

/**
 * The championships of one race while it runs, projected update after update with the same
 * answers as `liveChampionships`. What cannot change during the race is worked out once: the
 * standings before it, the checks of the season and adjustments, the scores of every stored race.
 * An update that changes nothing a championship reads (gaps, lap counts) answers at once. Otherwise
 * each championship's live race is scored alone; only a championship whose live-race scores changed
 * is ranked again, live contention (which moves with the order) is worked out from the standings so
 * ranked, and a championship whose standings and contention are both unchanged keeps its last answer
 * as the same object, so a diff of the view passes over it at once.
 */
export interface LiveRaceProjection {
  /**
   * Every championship of the series for the cars in this order, in this phase of the race.
   * Throws ChampionshipError as `liveChampionships` does.
   */
  project(cars: readonly CarState[], phase?: RacePhase): LiveChampionship[];
}

export function liveRaceProjection(
  series: SeriesDefinition,
  season: Season,
  race: number,
  options: { adjustments?: PointsAdjustment[] } = {},
): LiveRaceProjection {
  const { adjustments = [] } = options;
  const before = computeStandings(series, season, { afterRace: race - 1, adjustments });
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
  let lastPhase: RacePhase | undefined;
  let lastInputs: string[] = [];
  let lastStandings: ChampionshipStandings[] = [];
  let lastProjections: ReturnType<typeof projectChampionship>[] = [];
  let lastContention: string[] = [];
  let last: LiveChampionship[] = [];
  return {
    project(cars, phase = 'running') {
      // Built from session state that was validated on its way in, so it is not parsed again.
      const liveRace = raceResultFromCars(cars, race, season.entries);
      // Most updates move gaps and lap counts only, which no championship reads.
      const raceKey = JSON.stringify(liveRace);
      if (raceKey === lastRace && phase === lastPhase) return last;
      const inputs = scoring.map(({ championship, table, eligibleDrivers }) =>
        JSON.stringify(scoreRace(championship, table, liveRace, eligibleDrivers)),
      );
      const results = [...stored, liveRace];
      const standings = scoring.map(({ championship }, i) =>
        inputs[i] === lastInputs[i]
          ? lastStandings[i]!
          : championshipStandings(championship, series, season, results, inForce, scoredRaces),
      );
      const projections = standings.map((after, i) =>
        after === lastStandings[i] ? lastProjections[i]! : projectChampionship(before[i]!, after, race),
      );
      const titles: LiveContention[] = liveContention(series, season, liveRace, phase, {
        adjustments,
        projected: standings,
      });
      const contention = titles.map((title) => JSON.stringify(title));
      const next = projections.map((projection, i) =>
        projection === lastProjections[i] && contention[i] === lastContention[i]
          ? last[i]!
          : liveChampionship(projection, titles[i]!),
      );
      lastRace = raceKey;
      lastPhase = phase;
      lastInputs = inputs;
      lastStandings = standings;
      lastProjections = projections;
      lastContention = contention;
      last = next.every((championship, i) => championship === last[i]) ? last : next;
      return last;
    },
  };
}

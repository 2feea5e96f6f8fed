import type { CarState } from '../session/model';
import {
  championshipLiveContention,
  settledRace,
  settlesInThisRace,
  type RacePhase,
  type TotalsBeforeRace,
} from './contention';
import { liveChampionshipBuilder, type LiveChampionship } from './live';
import { liveStandings, type LiveStandings } from './live-standings';
import {
  championshipProjector,
  raceResultBuilder,
  sameRaceResultInputs,
  type ChampionshipProjection,
} from './projection';
import type {
  ChampionshipDefinition,
  PointsAdjustment,
  RaceResult,
  ResultRow,
  Season,
  SeriesDefinition,
} from './schema';
import {
  adjustmentsInForce,
  computeStandings,
  countedResults,
  type ChampionshipStandings,
  type ScoredRaces,
} from './standings';

/**
 * The championships of one race while it runs, projected update after update with the same
 * answers as `liveChampionships`. What cannot change during the race is worked out once: the
 * standings before it, the checks of the season and adjustments, each competitor's stored races
 * totalled and keyed for countback (see liveStandings). An update that changes nothing a
 * championship reads (gaps, lap counts) answers at once. Otherwise each championship re-ranks the
 * competitors whose live score changed; live contention (which moves with the order) is worked out
 * again only for a championship whose standings changed; and a championship, or a row of one,
 * that is unchanged keeps its last answer as the same object, so a diff of the view passes over it.
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
  const titles = series.championships.map((championship, i) => {
    const standingsOf = () => liveStandings(championship, series, season, stored, race, inForce, scoredRaces);
    return liveTitle(championship, series, season, championshipProjector(before[i]!, race), standingsOf);
  });
  const resultOf = raceResultBuilder(race, season.entries);
  // Live rows are kept while their car is unchanged (see raceResultBuilder): so are their settled rows.
  const settledRows = new WeakMap<ResultRow, ResultRow>();
  let lastCars: readonly CarState[] | undefined;
  let lastPhase: RacePhase | undefined;
  let last: LiveChampionship[] = [];
  return {
    project(cars, phase = 'running') {
      if (lastCars && phase === lastPhase && sameRaceResultInputs(lastCars, cars)) return last;
      // Built from session state that was validated on its way in, so it is not parsed again.
      const liveRace = resultOf(cars);
      let settled: RaceResult | undefined;
      const settledOf = settlesInThisRace(season, race, phase)
        ? () => (settled ??= settledRace(liveRace, settledRows))
        : undefined;
      const next = titles.map((title) => title(liveRace, settledOf, phase));
      lastCars = cars;
      lastPhase = phase;
      last = next.every((championship, i) => championship === last[i]) ? last : next;
      return last;
    },
  };
}

/**
 * One championship of a live race: its answer for each update, recomputing only what changed.
 * `settled` gives the live race's settledRace in the final race while it runs.
 */
function liveTitle(
  championship: ChampionshipDefinition,
  series: SeriesDefinition,
  season: Season,
  project: (after: ChampionshipStandings) => ChampionshipProjection,
  standingsOf: () => LiveStandings,
): (liveRace: RaceResult, settled: (() => RaceResult) | undefined, phase: RacePhase) => LiveChampionship {
  const projected = standingsOf();
  // Standings of the live race without its open bonuses, for contention in the final race.
  const settledStandings = standingsOf();
  const totalsBefore: TotalsBeforeRace = new Map();
  const answerOf = liveChampionshipBuilder();
  let last:
    | {
        standings: ChampionshipStandings;
        /** The settled standings the contention was worked out from, if it needed them. */
        settled?: ChampionshipStandings;
        phase: RacePhase;
        projection: ChampionshipProjection;
        answer: LiveChampionship;
      }
    | undefined;
  return (liveRace, settledOf, phase) => {
    const standings = projected.standingsFor(liveRace);
    const settledNow = () => settledStandings.standingsFor(settledOf!());
    if (
      last &&
      standings === last.standings &&
      phase === last.phase &&
      (last.settled === undefined || settledNow() === last.settled)
    )
      return last.answer;
    const read: { settled?: ChampionshipStandings } = {};
    const projection = standings === last?.standings ? last.projection : project(standings);
    const contention = championshipLiveContention(
      championship,
      series,
      season,
      liveRace,
      phase,
      { projected: standings, ...(settledOf ? { settled: () => (read.settled ??= settledNow()) } : {}) },
      totalsBefore,
    );
    const answer = answerOf(projection, contention);
    last = { standings, ...read, phase, projection, answer };
    return answer;
  };
}

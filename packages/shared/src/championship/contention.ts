import { applyDrops, droppableRaces, totalOf } from './drops';
import { maxRacePoints, pointsForPosition, pointsTableOf } from './points';
import type { RaceScore } from './race-score';
import type { ChampionshipDefinition, PointsTable, Season, SeriesDefinition } from './schema';
import { computeStandings, countedResults, type StandingRow, type StandingsOptions } from './standings';

/*
 * Method, kept exact rather than clever:
 * - A competitor's best possible final total gives it a win plus every bonus in each remaining
 *   race; its worst gives it nothing (a car that does not start scores nothing). Both re-choose
 *   drops over all races, so a 0 in a remaining earlier-round race is dropped like any other.
 *   More points in a race never lower a total, drops included, so these are the true extremes.
 * - In contention: best total >= every rival's worst total (a tie may still go its way on
 *   countback). Champion: worst total > every rival's best total, and > what a newcomer could
 *   still score. Both extremes are reachable together: the contender wins everything while the
 *   rivals do not start. (Co-drivers sharing the contender's car would score with it; they are
 *   not modelled, as entries for future races are not known for certain.)
 * - With one race left, each contender gets a sufficient condition, derived exactly from the
 *   points table: the worst place that wins the title whatever the others do (rivals taking
 *   every bonus), else P1 (without, then with every bonus) and, per rival, the best place that
 *   rival may take without beating it. Ties count as not enough, since countback may go either way.
 */

export interface Contender {
  competitor: string;
  name: string;
  points: number;
  /** Final total if it won every remaining race with every bonus. */
  maxPoints: number;
  /** Final total if it scored nothing more. */
  minPoints: number;
  /** With one race left: what it needs, e.g. "champion if P5 or better". */
  needs?: string;
}

export interface ChampionshipContention {
  championshipId: string;
  name: string;
  racesRemaining: number[];
  /** Set once the title is decided. */
  champion?: string;
  /** Competitors who can still win the title, in standings order. */
  contenders: Contender[];
}

/** A hypothetical result in a race not yet run: a scoring place (or none) and bonus points. */
interface Outcome {
  position?: number;
  bonus: number;
}

export function computeContention(
  series: SeriesDefinition,
  season: Season,
  options: StandingsOptions = {},
): ChampionshipContention[] {
  const counted = countedResults(season, options).map((result) => result.race);
  const lastCounted = Math.max(0, ...counted);
  const remaining = season.races.map((race) => race.race).filter((race) => race > lastCounted);
  const allRaces = [...counted, ...remaining];

  return computeStandings(series, season, options).map((standings, i) => {
    const championship = series.championships[i]!;
    const table = pointsTableOf(series, championship);
    const best: Outcome = { position: 1, bonus: maxRacePoints(table, championship) - pointsForPosition(table, 1) };
    const finalTotal = (row: Pick<StandingRow, 'racePoints' | 'adjustments'>, outcomes: readonly Outcome[]) =>
      totalWith(championship, season, table, row, remaining, outcomes, allRaces);
    const extremes = standings.standings.map((row) => ({
      row,
      max: finalTotal(
        row,
        remaining.map(() => best),
      ),
      min: finalTotal(
        row,
        remaining.map(() => ({ bonus: 0 })),
      ),
    }));
    const newcomerMax = finalTotal(
      { racePoints: [], adjustments: [] },
      remaining.map(() => best),
    );
    const bestRivalMin = (competitor: string) =>
      Math.max(0, ...extremes.filter((e) => e.row.competitor !== competitor).map((e) => e.min));
    const bestRivalMax = (competitor: string) =>
      Math.max(
        remaining.length > 0 ? newcomerMax : 0,
        ...extremes.filter((e) => e.row.competitor !== competitor).map((e) => e.max),
      );

    const champion = extremes.find((e) => e.min > bestRivalMax(e.row.competitor));
    const contenders = extremes
      .filter((e) => e.max >= bestRivalMin(e.row.competitor))
      .map(({ row, max, min }): Contender => ({
        competitor: row.competitor,
        name: row.name,
        points: row.points,
        maxPoints: max,
        minPoints: min,
      }));
    if (!champion && remaining.length === 1) {
      const rows = new Map(standings.standings.map((row) => [row.competitor, row]));
      for (const contender of contenders) {
        // Every other competitor is a rival here: one out of contention may still finish above a contender.
        contender.needs = lastRaceNeeds(
          table,
          best.bonus,
          (competitor, outcome) => finalTotal(rows.get(competitor)!, [outcome]),
          contender.competitor,
          standings.standings.filter((rival) => rival.competitor !== contender.competitor),
        );
      }
    }
    return {
      championshipId: standings.championshipId,
      name: standings.name,
      racesRemaining: remaining,
      ...(champion ? { champion: champion.row.competitor } : {}),
      contenders: champion ? [] : contenders,
    };
  });
}

/** A competitor's final total with the given outcomes in the remaining races, drops re-chosen. */
function totalWith(
  championship: ChampionshipDefinition,
  season: Season,
  table: PointsTable,
  row: Pick<StandingRow, 'racePoints' | 'adjustments'>,
  remaining: readonly number[],
  outcomes: readonly Outcome[],
  allRaces: readonly number[],
): number {
  const future = remaining.map((race, i): RaceScore => {
    const { position, bonus } = outcomes[i]!;
    return position === undefined
      ? { race, points: 0, bonus, dropped: false, status: 'dns' }
      : { race, position, points: pointsForPosition(table, position), bonus, dropped: false, status: 'classified' };
  });
  const scores = [...row.racePoints, ...future];
  const droppable = droppableRaces(championship, season.races, allRaces);
  const counted =
    championship.drops && droppable.length > 0 ? applyDrops(scores, droppable, championship.drops.count) : scores;
  return totalOf(counted) + row.adjustments.reduce((sum, adjustment) => sum + adjustment.points, 0);
}

/**
 * What `competitor` needs in the last race (see the method above). `total` gives a competitor's
 * final total for one outcome of that race; places run from P1 to the first place the table
 * pays only `beyond` for, as every place below scores the same.
 */
function lastRaceNeeds(
  table: PointsTable,
  allBonuses: number,
  total: (competitor: string, outcome: Outcome) => number,
  competitor: string,
  rivals: readonly { competitor: string; name: string }[],
): string {
  const lastPlace = table.points.length + 1;
  const places = Array.from({ length: lastPlace }, (_, i) => i + 1);
  const secured = places.filter((place) => {
    const mine = total(competitor, { position: place, bonus: 0 });
    return rivals.every(
      (rival) => total(rival.competitor, { position: place === 1 ? 2 : 1, bonus: allBonuses }) < mine,
    );
  });
  // Securing a place secures every better one, so the worst secured place is the answer.
  const worstSecured = secured.at(-1);
  if (worstSecured !== undefined && secured.length === worstSecured) {
    if (worstSecured === lastPlace) return 'champion if classified';
    return worstSecured === 1 ? 'champion if P1' : `champion if P${worstSecured} or better`;
  }
  for (const bonus of allBonuses > 0 ? [0, allBonuses] : [0]) {
    const mine = total(competitor, { position: 1, bonus });
    const rivalBonus = bonus === 0 ? allBonuses : 0;
    const conditions: string[] = [];
    const possible = rivals.every((rival) => {
      const beaten = (outcome: Outcome) => total(rival.competitor, outcome) < mine;
      const place = places.slice(1).find((p) => beaten({ position: p, bonus: rivalBonus }));
      if (place === 2) return true;
      if (place !== undefined) conditions.push(`${rival.name} P${place} or lower`);
      else if (beaten({ bonus: 0 })) conditions.push(`${rival.name} not to score`);
      else return false;
      return true;
    });
    if (possible) return ['needs P1' + (bonus > 0 ? ' with every bonus point' : ''), ...conditions].join(' and ');
  }
  return 'needs P1, every bonus point and a tie broken on countback';
}

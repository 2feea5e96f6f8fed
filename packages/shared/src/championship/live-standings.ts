import { countbackKey, countbackRaces } from './countback';
import { droppableRaces, totalOf } from './drops';
import { pointsTableOf } from './points';
import {
  sameScoringInputs,
  scoreInputs,
  scoringInputs,
  type CompetitorRaceScore,
  type RaceScore,
  type ScoringInputs,
} from './race-score';
import {
  DEFAULT_TIE_BREAK,
  type ChampionshipDefinition,
  type PointsAdjustment,
  type RaceResult,
  type Season,
  type SeriesDefinition,
} from './schema';
import {
  championshipStandings,
  eligibleDriversOf,
  rankEntries,
  scoreSeason,
  type ChampionshipStandings,
  type RankingEntry,
  type ScoredRaces,
  type StandingRow,
} from './standings';

/**
 * One championship's standings while a race runs, update after update, equal to
 * `championshipStandings` over the stored races and the live race as it stands.
 */
export interface LiveStandings {
  /**
   * The standings with the live race as given. The same object as last time when no row changed,
   * and every row that did not change keeps its identity, so callers pass over them by identity.
   */
  standingsFor(liveRace: RaceResult): ChampionshipStandings;
}

interface Entry extends RankingEntry {
  /** The live-race score the row includes (none: a competitor not in the live race). */
  live?: CompetitorRaceScore;
  /** The last row made of this entry with its position, kept while the position holds. */
  positioned?: StandingRow;
}

/**
 * What a race cannot change is worked out once: each competitor's stored races, with drops chosen
 * as they will be with the live race counted, totalled and keyed for countback. An update then
 * rebuilds only the competitors whose live score changed and sorts from the last order, which
 * is almost in order already. `stored` are the counted results before the live race and
 * `adjustments` those in force, both checked as `computeStandings` checks them.
 */
export function liveStandings(
  championship: ChampionshipDefinition,
  series: SeriesDefinition,
  season: Season,
  stored: readonly RaceResult[],
  race: number,
  adjustments: readonly PointsAdjustment[],
  scoredRaces?: ScoredRaces,
): LiveStandings {
  const counted = [...stored.map((result) => result.race), race];
  // Drops reach earlier rounds only, so the live race is never among them on a calendar whose
  // rounds follow the race numbers. Were it droppable, its score would change which other
  // results drop, and the whole season is ranked on every update instead.
  if (droppableRaces(championship, season.races, counted).includes(race)) {
    return {
      standingsFor: (liveRace) =>
        championshipStandings(championship, series, season, [...stored, liveRace], adjustments, scoredRaces),
    };
  }
  const table = pointsTableOf(series, championship);
  const eligibleDrivers = eligibleDriversOf(championship, season);
  const tieBreak = series.tieBreak ?? DEFAULT_TIE_BREAK;
  const races = countbackRaces(counted, tieBreak.afterCountback);
  const own = adjustments.filter((adjustment) => adjustment.championship === championship.id);

  const entryOf = (
    row: { competitor: string; name: string; classId: string; scores: RaceScore[]; adjustments: PointsAdjustment[] },
    appearance: number,
    live?: CompetitorRaceScore,
  ): Entry => ({
    row: {
      competitor: row.competitor,
      name: row.name,
      classId: row.classId,
      points: totalOf(row.scores) + row.adjustments.reduce((sum, adjustment) => sum + adjustment.points, 0),
      racePoints: row.scores,
      wins: row.scores.filter((score) => score.position === 1).length,
      adjustments: row.adjustments,
    },
    key: countbackKey(row.scores, races),
    appearance,
    ...(live ? { live } : {}),
  });

  // The live race scores nothing yet here, but counts for choosing drops.
  const competitors = scoreSeason(championship, series, season, [...stored, { race, classification: [] }], scoredRaces);
  const base = new Map<string, Entry>();
  for (const [competitor, { name, classId, scores }] of competitors) {
    const applied = own.filter((adjustment) => adjustment.competitor === competitor);
    base.set(competitor, entryOf({ competitor, name, classId, scores, adjustments: applied }, base.size));
  }
  // A competitor first seen in the live race comes after every stored one, in live-race order.
  const withLive = (live: CompetitorRaceScore, appearance: number): Entry => {
    const known = base.get(live.competitor)?.row;
    const row = {
      competitor: live.competitor,
      name: known?.name ?? live.name,
      classId: live.classId,
      scores: [...(known?.racePoints ?? []), live.score],
      adjustments: known?.adjustments ?? [],
    };
    return entryOf(row, appearance, live);
  };

  const entries = new Map(base);
  let order = [...base.values()];
  let lastInputs: ScoringInputs | undefined;
  /** Competitors with a live score in the last update, which may have left the live race since. */
  let lastLive: string[] = [];
  let last: ChampionshipStandings | undefined;
  return {
    standingsFor(liveRace) {
      const inputs = scoringInputs(championship, liveRace, eligibleDrivers);
      if (last && lastInputs && sameScoringInputs(lastInputs, inputs)) return last;
      lastInputs = undefined;
      const scores = scoreInputs(championship, table, inputs, eligibleDrivers);
      // The first update ranks everyone, whether or not the live race scores anyone yet.
      let changed = last === undefined;
      const inRace = new Set<string>();
      scores.forEach((live, i) => {
        inRace.add(live.competitor);
        const was = entries.get(live.competitor);
        // A stored competitor keeps its place of first appearance; one new to the season takes the next.
        const appearance =
          was !== undefined && was.appearance < base.size
            ? was.appearance
            : (base.get(live.competitor)?.appearance ?? base.size + i);
        if (was?.live && was.appearance === appearance && sameLiveScore(was.live, live)) return;
        entries.set(live.competitor, withLive(live, appearance));
        changed = true;
      });
      for (const competitor of lastLive) {
        if (inRace.has(competitor)) continue;
        const known = base.get(competitor);
        if (known) entries.set(competitor, known);
        else entries.delete(competitor);
        changed = true;
      }
      lastLive = [...inRace];
      if (changed) last = ranked(last);
      lastInputs = inputs;
      return last!;
    },
  };

  /** The standings of the entries as they are now; `last` itself when no row changed. */
  function ranked(last: ChampionshipStandings | undefined): ChampionshipStandings {
    const unranked = [
      ...order.filter((entry) => base.has(entry.row.competitor)).map((entry) => entries.get(entry.row.competitor)!),
      ...[...entries.values()].filter((entry) => !base.has(entry.row.competitor)),
    ];
    const { sorted, positions } = rankEntries(unranked, championship.competitor, tieBreak);
    const standings = sorted.map((entry, i): StandingRow => {
      const position = positions[i]!;
      if (entry.positioned?.position !== position) entry.positioned = { ...entry.row, position };
      return entry.positioned!;
    });
    order = sorted;
    const unchanged =
      last && standings.length === last.standings.length && standings.every((row, i) => row === last.standings[i]);
    return unchanged ? last! : { championshipId: championship.id, name: championship.name, standings };
  }
}

/** Two live-race scores that make the same row. */
function sameLiveScore(a: CompetitorRaceScore, b: CompetitorRaceScore): boolean {
  return (
    a.name === b.name &&
    a.classId === b.classId &&
    a.score.race === b.score.race &&
    a.score.position === b.score.position &&
    a.score.points === b.score.points &&
    a.score.bonus === b.score.bonus &&
    a.score.dropped === b.score.dropped &&
    a.score.status === b.score.status
  );
}

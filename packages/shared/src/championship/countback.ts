import type { RaceScore } from './race-score';
import { DEFAULT_TIE_BREAK, type CompetitorKind, type TieBreak } from './schema';

export interface CountbackRecord {
  points: number;
  scores: readonly RaceScore[];
}

/**
 * Orders two competitors: more points first; on equal points countback (more wins, then more
 * seconds, ... by scoring position, so it also separates competitors on 0 points, as the published
 * tables do); then the series' rule for the races (see TieBreak). 0 only for records identical
 * race by race. Dropped results still count for countback: they were achieved, only their points
 * are set aside.
 */
export function compareStandings(
  a: CountbackRecord,
  b: CountbackRecord,
  afterCountback: TieBreak['afterCountback'] = DEFAULT_TIE_BREAK.afterCountback,
): number {
  if (a.points !== b.points) return b.points - a.points;
  const races = countbackRaces(
    [...a.scores, ...b.scores].map((score) => score.race),
    afterCountback,
  );
  return compareCountback(countbackKey(a.scores, races), countbackKey(b.scores, races));
}

/**
 * What countback reads of one record, worked out once so that ranking a whole championship
 * compares arrays of numbers instead of counting places again for every pair.
 */
export interface CountbackKey {
  /** places[p]: how many times the competitor finished p-th (holes are 0). */
  places: readonly number[];
  /** Its place in each race countback reads, in that order (Infinity: no place). */
  racePlaces: readonly number[];
}

/** The races countback reads after the places, in the order it reads them (see TieBreak). */
export function countbackRaces(races: Iterable<number>, afterCountback: TieBreak['afterCountback']): number[] {
  return [...new Set(races)].sort((x, y) => (afterCountback === 'first-achieved' ? x - y : y - x));
}

/** A record's countback key over `races` (from countbackRaces): keys compared must share them. */
export function countbackKey(scores: readonly RaceScore[], races: readonly number[]): CountbackKey {
  const places: number[] = [];
  for (const { position } of scores) if (position !== undefined) places[position] = (places[position] ?? 0) + 1;
  return { places, racePlaces: races.map((race) => placeIn(scores, race)) };
}

/** compareStandings for two records on equal points, from their keys. */
export function compareCountback(a: CountbackKey, b: CountbackKey): number {
  const deepest = Math.max(a.places.length, b.places.length);
  for (let place = 1; place < deepest; place++) {
    const difference = (b.places[place] ?? 0) - (a.places[place] ?? 0);
    if (difference !== 0) return difference;
  }
  for (let i = 0; i < a.racePlaces.length; i++) {
    if (a.racePlaces[i] !== b.racePlaces[i]) return a.racePlaces[i]! - b.racePlaces[i]!;
  }
  return 0;
}

/**
 * The stated order of records identical race by race: drivers by family name (then the full
 * name), cars by number, entrants and manufacturers by name.
 */
export function compareIdenticalRecords(
  kind: CompetitorKind,
  a: { competitor: string; name: string },
  b: { competitor: string; name: string },
): number {
  switch (kind) {
    case 'driver':
      return byName.compare(familyName(a.name), familyName(b.name)) || byName.compare(a.name, b.name);
    case 'car':
      return byNumber.compare(a.competitor, b.competitor);
    default:
      return byName.compare(a.name, b.name);
  }
}

// localeCompare, made once: it orders as String.prototype.localeCompare does without building a
// collator for every comparison of a ranking.
const byName = new Intl.Collator();
const byNumber = new Intl.Collator(undefined, { numeric: true });

const GENERATION = /^(jr\.?|sr\.?|i{1,3}|iv|v)$/i;

/** "Nathan Martin" -> "Martin"; "Elias De La Torre IV" -> "Torre": the last word that is not a generation. */
function familyName(name: string): string {
  const words = name.trim().split(/\s+/);
  return words.findLast((word, i) => i === 0 || !GENERATION.test(word)) ?? name;
}

function placeIn(scores: readonly RaceScore[], race: number): number {
  return scores.find((score) => score.race === race)?.position ?? Number.POSITIVE_INFINITY;
}

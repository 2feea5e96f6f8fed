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
  const placesA = finishingPlaces(a.scores);
  const placesB = finishingPlaces(b.scores);
  const deepest = Math.max(0, ...placesA.keys(), ...placesB.keys());
  for (let place = 1; place <= deepest; place++) {
    const difference = (placesB.get(place) ?? 0) - (placesA.get(place) ?? 0);
    if (difference !== 0) return difference;
  }
  const races = [...new Set([...a.scores, ...b.scores].map((score) => score.race))].sort((x, y) =>
    afterCountback === 'first-achieved' ? x - y : y - x,
  );
  for (const race of races) {
    const placeA = placeIn(a.scores, race);
    const placeB = placeIn(b.scores, race);
    if (placeA !== placeB) return placeA - placeB;
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
      return familyName(a.name).localeCompare(familyName(b.name)) || a.name.localeCompare(b.name);
    case 'car':
      return a.competitor.localeCompare(b.competitor, undefined, { numeric: true });
    default:
      return a.name.localeCompare(b.name);
  }
}

const GENERATION = /^(jr\.?|sr\.?|i{1,3}|iv|v)$/i;

/** "Nathan Martin" -> "Martin"; "Elias De La Torre IV" -> "Torre": the last word that is not a generation. */
function familyName(name: string): string {
  const words = name.trim().split(/\s+/);
  return words.findLast((word, i) => i === 0 || !GENERATION.test(word)) ?? name;
}

function finishingPlaces(scores: readonly RaceScore[]): Map<number, number> {
  const count = new Map<number, number>();
  for (const { position } of scores) {
    if (position !== undefined) count.set(position, (count.get(position) ?? 0) + 1);
  }
  return count;
}

function placeIn(scores: readonly RaceScore[], race: number): number {
  return scores.find((score) => score.race === race)?.position ?? Number.POSITIVE_INFINITY;
}

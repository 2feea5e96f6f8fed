import type { RaceScore } from './race-score';

export interface CountbackRecord {
  points: number;
  scores: readonly RaceScore[];
}

/**
 * Orders two competitors: more points first; on equal points countback (more wins, then more
 * seconds, ... by scoring position, so it also separates competitors on 0 points, as the published
 * tables do); then the better result in the latest race where their results differ, a result
 * beating none. 0 only for identical records, which share a position. Dropped results still count
 * for countback: they were achieved, only their points are set aside.
 */
export function compareStandings(a: CountbackRecord, b: CountbackRecord): number {
  if (a.points !== b.points) return b.points - a.points;
  const placesA = finishingPlaces(a.scores);
  const placesB = finishingPlaces(b.scores);
  const deepest = Math.max(0, ...placesA.keys(), ...placesB.keys());
  for (let place = 1; place <= deepest; place++) {
    const difference = (placesB.get(place) ?? 0) - (placesA.get(place) ?? 0);
    if (difference !== 0) return difference;
  }
  const races = [...new Set([...a.scores, ...b.scores].map((score) => score.race))].sort((x, y) => y - x);
  for (const race of races) {
    const placeA = placeIn(a.scores, race);
    const placeB = placeIn(b.scores, race);
    if (placeA !== placeB) return placeA - placeB;
  }
  return 0;
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

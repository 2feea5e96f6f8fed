import type { RaceScore } from './race-score';
import type { ChampionshipDefinition, SeasonRace } from './schema';

/** The season's final round: its highest round number. */
export function finalRound(races: readonly SeasonRace[]): number {
  return Math.max(...races.map((race) => race.round));
}

/**
 * Races whose results may be dropped, given the races counted so far: none until a race of the
 * final round is among them, then every counted race of the earlier rounds.
 */
export function droppableRaces(
  championship: ChampionshipDefinition,
  calendar: readonly SeasonRace[],
  countedRaces: readonly number[],
): number[] {
  if (!championship.drops) return [];
  const last = finalRound(calendar);
  const roundOf = new Map(calendar.map((race) => [race.race, race.round]));
  if (!countedRaces.some((race) => roundOf.get(race) === last)) return [];
  return countedRaces.filter((race) => (roundOf.get(race) ?? last) < last);
}

/**
 * Marks a competitor's lowest race results among `droppable` as dropped (race points only: the
 * bonus of a dropped race still counts). A droppable race the competitor did not start or was
 * not entered for counts as a result of 0, so it is the first to go: the published Porsche
 * tables stop before the final round and cannot settle this, and the alternative would punish a
 * driver who missed a weekend twice (losing two real results on top of the missed ones).
 * Equal results drop the earlier race first; which one does not change the total.
 */
export function applyDrops(scores: readonly RaceScore[], droppable: readonly number[], count: number): RaceScore[] {
  // Points of each race the competitor has a place in (the first such score, should there be two),
  // looked up once rather than searched for at every comparison of the sort.
  const placed = new Map<number, number>();
  for (const score of scores)
    if (score.position !== undefined && !placed.has(score.race)) placed.set(score.race, score.points);
  const pointsIn = (race: number) => placed.get(race) ?? 0;
  const dropped = new Set([...droppable].sort((a, b) => pointsIn(a) - pointsIn(b) || a - b).slice(0, count));
  return scores.map((score) => ({ ...score, dropped: dropped.has(score.race) }));
}

/** Race points that count, plus every bonus. */
export function totalOf(scores: readonly RaceScore[]): number {
  return scores.reduce((sum, score) => sum + score.bonus + (score.dropped ? 0 : score.points), 0);
}

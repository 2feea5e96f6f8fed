import { ChampionshipError } from './errors';
import type { ChampionshipDefinition, PointsTable, SeriesDefinition } from './schema';

/** Points for a scoring position (1-based): the table's entry, or `beyond` below its end. */
export function pointsForPosition(table: PointsTable, position: number): number {
  if (!Number.isInteger(position) || position < 1) {
    throw new ChampionshipError(`scoring position must be a whole number from 1, got ${position}`);
  }
  return table.points[position - 1] ?? table.beyond;
}

export function pointsTableOf(series: SeriesDefinition, championship: ChampionshipDefinition): PointsTable {
  const table = series.pointsTables[championship.pointsTable];
  if (!table) {
    throw new ChampionshipError(
      `championship ${championship.id} uses points table "${championship.pointsTable}", which series ${series.id} does not define`,
    );
  }
  return table;
}

/** The most one competitor can score in one race: a win and every bonus. */
export function maxRacePoints(table: PointsTable, championship: ChampionshipDefinition): number {
  const { pole = 0, fastestLap = 0, mostLapsLed = 0 } = championship.bonuses ?? {};
  return pointsForPosition(table, 1) + pole + fastestLap + mostLapsLed;
}

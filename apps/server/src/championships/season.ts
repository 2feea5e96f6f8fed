import {
  computeStandings,
  type ChampionshipStandings,
  type ProgressionAnswer,
  type SeasonStandingsAnswer,
} from '@pitwall/shared';
import { currentSeason, type Catalog } from '../catalog/catalog';

/**
 * A season question that cannot be answered as asked: `unknown` names something not on file,
 * `invalid` a value out of range (`option` says which: `after` over HTTP, `--after` in the CLI).
 */
export class SeasonQueryError extends Error {
  constructor(
    readonly kind: 'unknown' | 'invalid',
    message: string,
    readonly option?: string,
  ) {
    super(message);
  }
}

/** The season standings of a series in the shape the CLI's --json prints. */
export function seasonStandings(catalog: Catalog, seriesId: string, afterRace?: number): SeasonStandingsAnswer {
  const series = catalog.series.get(seriesId);
  if (!series)
    throw new SeasonQueryError(
      'unknown',
      `unknown series "${seriesId}" (known: ${[...catalog.series.keys()].join(', ')})`,
    );
  const season = currentSeason(catalog, seriesId);
  if (!season) throw new SeasonQueryError('unknown', `no season on file for series "${seriesId}"`);
  const lastRace = Math.max(...season.races.map((r) => r.race));
  if (afterRace !== undefined && (!Number.isInteger(afterRace) || afterRace < 1 || afterRace > lastRace)) {
    throw new SeasonQueryError('invalid', `must be a race number from 1 to ${lastRace}`, 'after');
  }
  const completed = Math.max(0, ...season.results.map((r) => r.race));
  const after = afterRace ?? completed;
  return {
    seriesId,
    year: season.year,
    afterRace: after,
    championships: computeStandings(series, season, { afterRace: after }).map(toJson),
  };
}

function toJson(championship: ChampionshipStandings) {
  return {
    id: championship.championshipId,
    name: championship.name,
    standings: championship.standings.map((row) => ({
      position: row.position,
      name: row.name,
      competitor: row.competitor,
      ...(row.classId ? { classId: row.classId } : {}),
      points: row.points,
      wins: row.wins,
      races: row.racePoints,
      adjustments: row.adjustments,
    })),
  };
}

/**
 * Each competitor's total after every race up to `through`: the season so far, for the
 * points-over-the-season chart (the live projection is its last point, added by the viewer).
 */
export function seasonProgression(
  catalog: Catalog,
  seriesId: string,
  championshipId: string,
  through: number,
): ProgressionAnswer {
  const { afterRace, year } = seasonStandings(catalog, seriesId, through);
  const season = currentSeason(catalog, seriesId)!;
  const series = catalog.series.get(seriesId)!;
  const index = series.championships.findIndex((c) => c.id === championshipId);
  if (index < 0) throw new SeasonQueryError('unknown', `series "${seriesId}" has no championship "${championshipId}"`);
  const races = season.races.filter((race) => race.race <= afterRace);
  const totals = new Map<string, { competitor: string; name: string; points: (number | null)[] }>();
  races.forEach((race, i) => {
    for (const row of computeStandings(series, season, { afterRace: race.race })[index]!.standings) {
      const entry = totals.get(row.competitor) ?? {
        competitor: row.competitor,
        name: row.name,
        points: races.map(() => null),
      };
      entry.points[i] = row.points;
      totals.set(row.competitor, entry);
    }
  });
  return {
    seriesId,
    year,
    championshipId,
    races: races.map((r) => ({ race: r.race, code: r.code })),
    competitors: [...totals.values()],
  };
}

import {
  applyFeedUpdate,
  computeStandings,
  deriveClassification,
  projectStandings,
  raceResultFromCars,
  type Season,
  type SeriesDefinition,
  type SessionState,
} from '@pitwall/shared';
import { describe, expect, it } from 'vitest';
import { currentSeason, loadCatalog } from '../catalog/catalog';
import { demoPlanFor } from './plans';
import { simulateRace } from './simulation';

/**
 * The demo re-runs a real race: at the checkered flag its projected standings must be the stored
 * standings after that race, bonuses and exclusions included. The Porsche class championships
 * are the one exception the seed forces: it names the overall pole sitter and fastest lap only,
 * so the Pro-Am and Masters pole (+2) and fastest lap (+1) of the demo are its own.
 */
const catalog = loadCatalog();

function finalCars(series: SeriesDefinition, season: Season, race: number, seed: number) {
  let state: SessionState | undefined;
  for (const { update } of simulateRace(demoPlanFor(series, season, race), seed)) {
    const outcome = applyFeedUpdate(state, update);
    if (outcome.kind !== 'accepted') throw new Error(JSON.stringify(outcome));
    state = outcome.state;
  }
  const view = deriveClassification(state as SessionState);
  return view.order.map((number) => view.cars[number]!);
}

const rows = (standings: { competitor: string; position: number; points: number }[]) =>
  standings.map(({ competitor, position, points }) => ({ competitor, position, points }));

describe.each([
  ['mx5-cup', 14, ['drivers', 'entrants'], []],
  ['carrera-cup-na', 16, ['drivers'], ['pro-am-drivers', 'masters-drivers']],
  ['vp-sportscar-challenge', 12, ['lmp3-drivers', 'lmp3-bronze-drivers', 'lmp3-teams'], []],
] as const)('the %s demo of race %i', (seriesId, race, exact, classBonusesUnknown) => {
  const series = catalog.series.get(seriesId)!;
  const season = currentSeason(catalog, seriesId)!;
  const stored = computeStandings(series, season, { afterRace: race });
  const storedOf = (id: string) => stored.find((c) => c.championshipId === id)!.standings;

  it.each([2024, 7, 99])('ends on the stored standings after the race (seed %i)', (seed) => {
    const liveRace = raceResultFromCars(finalCars(series, season, race, seed), race, season.entries);
    const projected = projectStandings(series, season, liveRace);
    const projectedOf = (id: string) => projected.find((c) => c.championshipId === id)!.standings;
    for (const id of exact) expect(rows(projectedOf(id)), id).toEqual(rows(storedOf(id)));
    for (const id of classBonusesUnknown) {
      const bonusThisRace = (competitor: string) =>
        projectedOf(id)
          .find((row) => row.competitor === competitor)!
          .standing.racePoints.find((score) => score.race === race)?.bonus ?? 0;
      expect(
        storedOf(id).map(({ competitor, points }) => ({ competitor, points: points + bonusThisRace(competitor) })),
        id,
      ).toEqual(expect.arrayContaining(projectedOf(id).map(({ competitor, points }) => ({ competitor, points }))));
      expect(
        storedOf(id).reduce((sum, row) => sum + bonusThisRace(row.competitor), 0),
        id,
      ).toBe(3);
    }
  });
});

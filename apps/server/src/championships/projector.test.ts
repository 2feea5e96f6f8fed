import { deriveClassification, liveChampionships, racePhaseOf, type SessionView } from '@pitwall/shared';
import { describe, expect, it } from 'vitest';
import { currentSeason, loadCatalog } from '../catalog/catalog';
import { finalRoundPlans } from '../demo/final-rounds';
import { simulateRace } from '../demo/simulation';
import { silentLogger } from '../log/logger';
import { SessionHub } from '../sessions/hub';
import { championshipProjector } from './projector';

const catalog = loadCatalog();

describe('championshipProjector on the demo finals', () => {
  for (const plan of finalRoundPlans(catalog, silentLogger)) {
    it(`answers what deriveClassification and liveChampionships compute from scratch on every update (${plan.sessionId})`, () => {
      const project = championshipProjector(catalog, silentLogger);
      let compared = 0;
      let changed = 0;
      let last: SessionView['championships'];
      const hub = new SessionHub({
        project: (state, view, adjustments) => {
          // The hub derives each view from the one before: the same as derived from scratch.
          expect(JSON.stringify(view.cars)).toBe(JSON.stringify(deriveClassification(state).cars));
          const projected = project(state, view, adjustments);
          const { seriesId, race } = state.info;
          const expected = liveChampionships(
            catalog.series.get(seriesId)!,
            currentSeason(catalog, seriesId)!,
            race!,
            view.order.map((number) => view.cars[number]!),
            { phase: racePhaseOf({ ...state.info, resultStatus: view.raceControl?.resultStatus }) },
          );
          expect(projected.championships).toEqual(Object.fromEntries(expected.map((c) => [c.championshipId, c])));
          compared += 1;
          if (projected.championships !== last) changed += 1;
          last = projected.championships;
          return projected;
        },
      });
      const timeline = simulateRace(plan, 2024);
      for (const { update } of timeline) hub.ingest(update, 'demo');
      expect(compared).toBe(timeline.length);
      // Most updates move gaps only: the answer is then the last one itself.
      expect(changed).toBeGreaterThan(0);
      expect(changed).toBeLessThan(compared / 2);
    });
  }
});

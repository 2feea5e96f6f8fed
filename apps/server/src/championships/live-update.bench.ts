import { bench, describe } from 'vitest';
import { loadCatalog } from '../catalog/catalog';
import { finalRoundPlans } from '../demo/final-rounds';
import { simulateRace } from '../demo/simulation';
import { silentLogger } from '../log/logger';
import { SessionHub } from '../sessions/hub';
import { championshipProjector } from './projector';

/**
 * The whole path of one timing update as `npm start` runs it: validate, apply, derive the
 * classification, project every championship of the series, diff for viewers. Each bench plays
 * one demo final (real entry list and season) from the green flag to the checkered flag. Run with
 * `npx vitest bench --run --project server` (docs/performance.md); not part of the test run.
 */
const catalog = loadCatalog();
const RUN = { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 };

describe('one demo final, every update through the hub with live championships', () => {
  for (const plan of finalRoundPlans(catalog, silentLogger)) {
    const timeline = simulateRace(plan, 2024);
    bench(
      `${plan.sessionId}: ${timeline.length} updates, ${plan.cars.length} cars`,
      () => {
        const hub = new SessionHub({ project: championshipProjector(catalog, silentLogger) });
        for (const { update } of timeline) hub.ingest(update, 'demo');
      },
      RUN,
    );
  }
});

describe('the same without championships (order, gaps and deltas only)', () => {
  for (const plan of finalRoundPlans(catalog, silentLogger)) {
    const timeline = simulateRace(plan, 2024);
    bench(
      `${plan.sessionId}: ${timeline.length} updates`,
      () => {
        const hub = new SessionHub();
        for (const { update } of timeline) hub.ingest(update, 'demo');
      },
      RUN,
    );
  }
});

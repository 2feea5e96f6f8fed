/*
 * CPU time of one timing update, with and without championships, in the same process:
 *
 *   pnpm --filter @pitwall/server run bench:projection [--plays 10] [--warmup 5] [--session carrera]
 *
 * Plays a demo final (each whose session id contains --session; "" for all four) through a fresh
 * hub, as live-update.bench.ts does, alternating the hub with every championship projected and the
 * hub without, and prints the median process CPU time (user + system) per update of each, and the
 * fastest play of each. CPU time is steadier than wall time on a shared machine; the two are
 * measured in turn in one process, so both see the same load. `--warmup` plays of each come first,
 * unmeasured: the first plays run at two to five times the steady cost while the JIT compiles the
 * hot path, and a server is measured as it runs, not as it starts.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../src/catalog/catalog';
import { championshipProjector } from '../src/championships/projector';
import { finalRoundPlans } from '../src/demo/final-rounds';
import { simulateRace } from '../src/demo/simulation';
import { silentLogger } from '../src/log/logger';
import { SessionHub } from '../src/sessions/hub';

const { values } = parseArgs({
  options: {
    plays: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    session: { type: 'string', default: 'carrera' },
  },
});
const plays = Number(values.plays);
const catalog = loadCatalog();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const plan of finalRoundPlans(catalog, silentLogger).filter((p) => p.sessionId.includes(values.session))) {
  const updates = simulateRace(plan, 2024).map((timed) => timed.update);
  const play = (projected: boolean) => {
    const hub = new SessionHub(projected ? { project: championshipProjector(catalog, silentLogger) } : {});
    const before = process.cpuUsage();
    for (const update of updates) hub.ingest(update, 'demo');
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / updates.length;
  };
  for (let i = 0; i < Number(values.warmup); i++) {
    play(true);
    play(false);
  }
  const projected: number[] = [];
  const orderOnly: number[] = [];
  for (let i = 0; i < plays; i++) {
    projected.push(play(true));
    orderOnly.push(play(false));
  }
  console.log(
    `${plan.sessionId} (${updates.length} updates): ${median(projected).toFixed(3)} ms CPU per update projected, ` +
      `${median(orderOnly).toFixed(3)} ms order only (median of ${plays}; fastest ${Math.min(...projected).toFixed(3)} and ${Math.min(...orderOnly).toFixed(3)}), load ${loadavg()[0]!.toFixed(1)}`,
  );
}

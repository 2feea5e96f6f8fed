/*
 * Fan-out benchmark: Pitwall against a raw `ws` broadcast of the same bytes, in the same run.
 *
 *   pnpm --filter @pitwall/server run bench:fanout [-- --viewers 1000,5000,10000 --seconds 20 --busy]
 *
 * For each viewer count, two servers are started in turn, each in its own process on 127.0.0.1:
 * Pitwall (hub with every championship projected, Socket.IO viewers) and a plain `ws` server.
 * This process opens the viewers (raw WebSocket clients speaking the Engine.IO/Socket.IO framing,
 * so one process can hold 10,000 of them), then the Carrera Cup demo final is played at
 * 4 updates/s. Pitwall ingests the updates; the `ws` server sends, at the same moments, the exact
 * packets Pitwall sends for them. Latency is from the moment the server starts sending a delta
 * (Pitwall: just before the room broadcast) to each viewer receiving it; CPU is the server
 * process's user+system time over the broadcast phase divided by the deliveries. `--busy` adds a
 * process spinning on one core throughout. Prints a table; nothing is asserted.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import type { FeedUpdate, SessionDelta } from '@pitwall/shared';
import { startPitwall } from '../src/app';
import { loadCatalog } from '../src/catalog/catalog';
import { championshipProjector } from '../src/championships/projector';
import { finalRoundPlans } from '../src/demo/final-rounds';
import { simulateRace } from '../src/demo/simulation';
import { silentLogger } from '../src/log/logger';
import { SessionHub } from '../src/sessions/hub';

const now = () => performance.timeOrigin + performance.now();

/** The race: updates before `warmup` build the session before viewers join; the rest are played. */
function race(): { sessionId: string; updates: FeedUpdate[] } {
  const catalog = loadCatalog();
  const plan = finalRoundPlans(catalog, silentLogger).find((p) => p.sessionId.startsWith('demo-carrera'))!;
  return { sessionId: plan.sessionId, updates: simulateRace(plan, 2024).map((timed) => timed.update) };
}

interface Run {
  updates: number;
  warmup: number;
  everyMs: number;
}

type ServerReport = { sent: Map<number, number>; cpuUs: number; maxRssMb: number };

// ---- server processes ---------------------------------------------------------------------

async function pitwallServer(): Promise<void> {
  const catalog = loadCatalog();
  const { updates } = race();
  const pitwall = await startPitwall({
    port: 0,
    host: '127.0.0.1',
    feedToken: 'bench',
    webRoot: mkdtempSync(path.join(tmpdir(), 'pitwall-bench-web-')),
    log: silentLogger,
    project: championshipProjector(catalog, silentLogger),
  });
  const sent = new Map<number, number>();
  pitwall.hub.prependListener('delta', (delta: SessionDelta) => sent.set(delta.seq, now()));
  process.on('message', (message: { run: Run }) => {
    const { run } = message;
    for (const update of updates.slice(0, run.warmup)) pitwall.hub.ingest(update, 'demo');
    sent.clear();
    serve(run, (i) => pitwall.hub.ingest(updates[i]!, 'demo'), sent);
  });
  process.send!({ port: Number(new URL(pitwall.url).port) });
}

async function wsServer(): Promise<void> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise((resolve) => server.once('listening', resolve));
  const sent = new Map<number, number>();
  process.on('message', (message: { run: Run; packets: [number, number, string][] }) => {
    const byUpdate = new Map(message.packets.map(([update, seq, packet]) => [update, { seq, packet }]));
    serve(
      message.run,
      (i) => {
        const due = byUpdate.get(i);
        if (!due) return;
        sent.set(due.seq, now());
        // One buffer for everyone, as a broadcast does.
        const bytes = Buffer.from(due.packet);
        for (const client of server.clients) client.send(bytes);
      },
      sent,
    );
  });
  process.send!({ port: (server.address() as { port: number }).port });
}

/** Plays updates warmup.. at the rate, then reports what was sent when, CPU and peak memory. */
function serve(run: Run, play: (update: number) => void, sent: Map<number, number>): void {
  const cpuBefore = process.cpuUsage();
  const start = now();
  let next = run.warmup;
  const tick = () => {
    if (next >= run.warmup + run.updates) {
      const cpu = process.cpuUsage(cpuBefore);
      const report = { sent: [...sent], cpuUs: cpu.user + cpu.system, maxRssMb: process.resourceUsage().maxRSS / 1024 };
      process.send!(report);
      return;
    }
    play(next);
    next += 1;
    setTimeout(tick, Math.max(0, start + (next - run.warmup) * run.everyMs - now()));
  };
  tick();
}

function busy(): void {
  for (;;) Math.sqrt(Math.random());
}

// ---- viewers ------------------------------------------------------------------------------

interface Viewers {
  /** Receive time of each seq, per viewer. */
  received: Map<number, number>[];
  joinedInMs: number;
  close(): void;
}

const SEQ = /"seq":(\d+)/;

/** `count` raw WebSocket viewers; for Pitwall they speak Socket.IO and join the session. */
async function openViewers(port: number, count: number, pitwall: boolean, sessionId: string): Promise<Viewers> {
  const url = pitwall ? `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket` : `ws://127.0.0.1:${port}`;
  const received: Map<number, number>[] = [];
  const sockets: WebSocket[] = [];
  const start = now();
  let joined = 0;
  let failed = 0;
  const done = new Promise<void>((resolve, reject) => {
    const settle = () => {
      if (joined + failed < count) return;
      if (failed > 0) reject(new Error(`${failed} of ${count} viewers could not connect`));
      else resolve();
    };
    const open = (i: number, times = new Map<number, number>(), tries = 0) => {
      if (tries === 0) received.push(times);
      const socket = new WebSocket(url, { perMessageDeflate: false });
      sockets.push(socket);
      socket.on('error', () => {
        // A connection refused while the accept queue is full is tried again, a few times.
        if (socket.readyState !== WebSocket.OPEN && tries < 5) {
          setTimeout(() => open(i, times, tries + 1), 200 * (tries + 1));
          return;
        }
        failed += 1;
        settle();
      });
      socket.on('message', (data: Buffer) => {
        const head = data.toString('latin1', 0, Math.min(data.length, 128));
        if (head.startsWith('42["delta"')) {
          const seq = SEQ.exec(head)?.[1];
          if (seq !== undefined) times.set(Number(seq), now());
        } else if (!pitwall) {
          // The baseline's packets are Pitwall's: the same check above.
        } else if (head === '2') {
          socket.send('3');
        } else if (head.startsWith('0{')) {
          socket.send('40');
        } else if (head.startsWith('40')) {
          socket.send(`420${JSON.stringify(['join', { sessionId }])}`);
        } else if (head.startsWith('430[{"ok":true')) {
          joined += 1;
          settle();
        }
      });
      if (!pitwall) {
        socket.on('open', () => {
          joined += 1;
          settle();
        });
      }
      // Open in batches so the accept queue does not overflow.
      if (tries === 0 && i + 1 < count) (i % 200 === 199 ? setTimeout : setImmediate)(() => open(i + 1), 5);
    };
    open(0);
  });
  await Promise.race([
    done,
    new Promise((_, reject) => setTimeout(() => reject(new Error('viewers did not join within 120 s')), 120_000)),
  ]);
  return { received, joinedInMs: now() - start, close: () => sockets.forEach((socket) => socket.terminate()) };
}

// ---- the run ------------------------------------------------------------------------------

function startChild(role: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(process.argv[1]!, [role], { stdio: 'inherit' });
  return new Promise((resolve) => child.once('message', (m: { port: number }) => resolve({ child, port: m.port })));
}

interface Figures {
  p50: number;
  p99: number;
  cpuUsPerDelivery: number;
  joinedInMs: number;
  maxRssMb: number;
  deliveries: number;
  missing: number;
}

async function measure(
  kind: 'pitwall' | 'ws',
  count: number,
  run: Run,
  sessionId: string,
  packets: [number, number, string][],
): Promise<Figures> {
  const { child, port } = await startChild(kind === 'pitwall' ? 'pitwall-server' : 'ws-server');
  if (kind === 'pitwall') {
    // The session must exist before viewers join: warm up without the timed part.
    child.send({ run: { ...run, updates: 0 } });
    await new Promise((resolve) => child.once('message', resolve));
  }
  const viewers = await openViewers(port, count, kind === 'pitwall', sessionId);
  const report = await new Promise<ServerReport & { sent: [number, number][] }>((resolve) => {
    child.once('message', resolve);
    child.send(kind === 'pitwall' ? { run: { ...run, warmup: run.warmup } } : { run, packets });
  });
  // Let the last deltas arrive.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const sent = new Map(report.sent);
  const latencies: number[] = [];
  let missing = 0;
  for (const times of viewers.received) {
    for (const [seq, at] of sent) {
      const got = times.get(seq);
      if (got === undefined) missing += 1;
      else latencies.push(got - at);
    }
  }
  child.kill('SIGKILL');
  viewers.close();
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    p50: pick(0.5),
    p99: pick(0.99),
    cpuUsPerDelivery: report.cpuUs / Math.max(1, latencies.length),
    joinedInMs: viewers.joinedInMs,
    maxRssMb: report.maxRssMb,
    deliveries: latencies.length,
    missing,
  };
}

/** The packets Pitwall sends for the played updates, by update index, from a hub of its own. */
function pitwallPackets(updates: FeedUpdate[], run: Run): [number, number, string][] {
  const hub = new SessionHub({ project: championshipProjector(loadCatalog(), silentLogger) });
  const packets: [number, number, string][] = [];
  let current = -1;
  hub.on('delta', (delta: SessionDelta) => packets.push([current, delta.seq, `42${JSON.stringify(['delta', delta])}`]));
  updates.slice(0, run.warmup + run.updates).forEach((update, i) => {
    current = i;
    hub.ingest(update, 'demo');
  });
  return packets.filter(([i]) => i >= run.warmup);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1]! : fallback;
  };
  const counts = option('viewers', '1000,5000,10000').split(',').map(Number);
  const seconds = Number(option('seconds', '20'));
  const run: Run = { warmup: 40, everyMs: 250, updates: Math.round((seconds * 1000) / 250) };
  const { sessionId, updates } = race();
  const packets = pitwallPackets(updates, run);
  const burner = args.includes('--busy') ? fork(process.argv[1]!, ['busy']) : undefined;
  const load = () => loadavg()[0]!.toFixed(1);
  console.log(
    `fan-out: ${packets.length} deltas at 4 updates/s over ${seconds} s, mean ${Math.round(
      packets.reduce((sum, [, , p]) => sum + p.length, 0) / packets.length,
    )} bytes${burner ? ', with a busy process' : ''}; load average ${load()}`,
  );
  console.log('viewers | server  | p50 ms | p99 ms | CPU us/delivery | joined in ms | peak RSS MB | missing');
  for (const count of counts) {
    const rows: [string, Figures][] = [];
    for (const kind of ['ws', 'pitwall'] as const)
      rows.push([kind, await measure(kind, count, run, sessionId, packets)]);
    for (const [kind, f] of rows) {
      console.log(
        [
          String(count).padStart(7),
          kind.padEnd(7),
          f.p50.toFixed(1).padStart(6),
          f.p99.toFixed(1).padStart(6),
          f.cpuUsPerDelivery.toFixed(1).padStart(15),
          f.joinedInMs.toFixed(0).padStart(12),
          f.maxRssMb.toFixed(0).padStart(11),
          String(f.missing).padStart(7),
        ].join(' | '),
      );
    }
    const ws = rows[0]![1];
    const pw = rows[1]![1];
    console.log(
      `        ratio p99 ${(pw.p99 / ws.p99).toFixed(2)}x, CPU ${(pw.cpuUsPerDelivery / ws.cpuUsPerDelivery).toFixed(2)}x; load average ${load()}`,
    );
  }
  burner?.kill('SIGKILL');
}

const role = process.argv[2];
// A server or burner whose parent went away (stopped, timed out) goes with it.
if (role) process.on('disconnect', () => process.exit(0));
if (role === 'pitwall-server') void pitwallServer();
else if (role === 'ws-server') void wsServer();
else if (role === 'busy') busy();
else
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );

/*
 * Fan-out benchmark: Pitwall against a raw `ws` broadcast of the same bytes, in the same run.
 *
 *   pnpm --filter @pitwall/server run bench:fanout [-- --viewers 1000,5000,10000 --seconds 10
 *     --runs 3 --clients 4 --joining 125 --busy --cpu-prof <dir>]
 *
 * For each viewer count and run, two servers are started in turn, each in its own process on
 * 127.0.0.1: Pitwall (hub with every championship projected, Socket.IO viewers) and a plain `ws`
 * server. The viewers are raw WebSocket clients spread over `--clients` processes, so that one
 * client process is not what limits joins. Joining: a Pitwall viewer connects, does the
 * Engine.IO/Socket.IO handshake, joins the session and receives its snapshot; a `ws` viewer
 * connects and is sent, on connect, the same bytes Pitwall sends a joining viewer (the sessions
 * list and the join answer with the snapshot). `joined in` runs from the moment every client
 * process starts connecting to the last viewer holding its snapshot.
 * Then the Carrera Cup demo final is played at 4 updates/s: Pitwall ingests the updates; the `ws`
 * server sends, at the same moments, the exact packets Pitwall sends for them. Latency is from the
 * moment the server starts sending a delta (Pitwall: just before the room broadcast) to each
 * viewer receiving it; CPU is the server process's user+system time over the broadcast phase
 * divided by the deliveries (`of it ingest`: Pitwall taking the updates in, projections included,
 * up to each delta); peak RSS is the server process's, joins included. `--busy` adds a
 * process spinning on one core throughout; `--cpu-prof` writes each server's CPU profile there.
 * Prints a table per run and the medians; nothing is asserted.
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

/** What a server is told before its viewers connect; it answers `{ ready: true }`. */
type Prepare = { warmup: number } | { greeting: string[] };
type ServerReport = { sent: [number, number][]; cpuUs: number; ingestCpuUs: number; maxRssMb: number };

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
  // The CPU of taking an update in, up to its delta (projections included), apart from fan-out.
  let ingestCpuUs = 0;
  let ingestStart: NodeJS.CpuUsage | undefined;
  pitwall.hub.prependListener('delta', (delta: SessionDelta) => {
    sent.set(delta.seq, now());
    const cpu = ingestStart && process.cpuUsage(ingestStart);
    if (cpu) ingestCpuUs += cpu.user + cpu.system;
    ingestStart = undefined;
  });
  const play = (i: number) => {
    ingestStart = process.cpuUsage();
    pitwall.hub.ingest(updates[i]!, 'demo');
    ingestStart = undefined;
  };
  process.on('message', (message: Prepare | { run: Run }) => {
    if ('run' in message) {
      sent.clear();
      ingestCpuUs = 0;
      serve(message.run, play, sent, () => ingestCpuUs);
    } else if ('warmup' in message) {
      for (const update of updates.slice(0, message.warmup)) pitwall.hub.ingest(update, 'demo');
      process.send!({ ready: true });
    }
  });
  process.send!({ port: Number(new URL(pitwall.url).port) });
}

async function wsServer(): Promise<void> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise((resolve) => server.once('listening', resolve));
  const sent = new Map<number, number>();
  // What Pitwall sends a viewer that joins, sent here on connect: one buffer each for everyone.
  let greeting: Buffer[] = [];
  server.on('connection', (client) => greeting.forEach((bytes) => client.send(bytes)));
  process.on('message', (message: Prepare | { run: Run; packets: [number, number, string][] }) => {
    if ('greeting' in message) {
      greeting = message.greeting.map((packet) => Buffer.from(packet));
      process.send!({ ready: true });
      return;
    }
    if (!('run' in message)) return;
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
function serve(run: Run, play: (update: number) => void, sent: Map<number, number>, ingestCpuUs = () => 0): void {
  const cpuBefore = process.cpuUsage();
  const start = now();
  let next = run.warmup;
  const tick = () => {
    if (next >= run.warmup + run.updates) {
      const cpu = process.cpuUsage(cpuBefore);
      const report: ServerReport = {
        sent: [...sent],
        cpuUs: cpu.user + cpu.system,
        ingestCpuUs: ingestCpuUs(),
        maxRssMb: process.resourceUsage().maxRSS / 1024,
      };
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

// ---- viewer processes ---------------------------------------------------------------------

/** Told by the main process: open this many viewers now; later, when each seq was sent. */
type ViewerOrder =
  { open: { url: string; count: number; joining: number; sessionId: string } } | { sent: [number, number][] };

const SEQ = /"seq":(\d+)/;

/**
 * Holds a share of the viewers: opens them when told, answers `{ joined }` once each has its
 * snapshot, then the latencies of the deltas they received once told when each was sent.
 */
function viewerProcess(): void {
  const received: Map<number, number>[] = [];
  process.on('message', (order: ViewerOrder) => {
    if ('open' in order) {
      openViewers(order.open, received).then(
        () => process.send!({ joined: true }),
        (error: Error) => process.send!({ error: error.message }),
      );
      return;
    }
    const latencies: number[] = [];
    let missing = 0;
    for (const times of received) {
      for (const [seq, at] of order.sent) {
        const got = times.get(seq);
        if (got === undefined) missing += 1;
        else latencies.push(got - at);
      }
    }
    process.send!({ latencies, missing });
  });
  process.send!({ ready: true });
}

/**
 * `count` raw WebSocket viewers. Toward Pitwall they speak Engine.IO/Socket.IO and join the
 * session; the `ws` server greets them with the same packets unasked. Either way a viewer has
 * joined when the join answer (`43<id>[...]`) has arrived. Each process keeps `joining` viewers
 * between connecting and holding their snapshot, opening the next as one is done: a crowd that
 * asks as fast as it is served, without overflowing the server's accept queue (511 in Node; SYNs
 * dropped and sent again a second later would be measured instead of the server).
 */
function openViewers(
  { url, count, joining, sessionId }: { url: string; count: number; joining: number; sessionId: string },
  received: Map<number, number>[],
): Promise<void> {
  let opened = 0;
  let joined = 0;
  let failed = 0;
  return new Promise<void>((resolve, reject) => {
    const done = (ok: boolean) => {
      if (ok) joined += 1;
      else failed += 1;
      if (opened < count) open();
      if (joined + failed < count) return;
      if (failed > 0) reject(new Error(`${failed} of ${count} viewers could not join`));
      else resolve();
    };
    const open = () => {
      opened += 1;
      const times = new Map<number, number>();
      received.push(times);
      const socket = new WebSocket(url, { perMessageDeflate: false });
      socket.on('error', () => done(false));
      socket.on('message', (data: Buffer) => {
        const head = data.toString('latin1', 0, Math.min(data.length, 128));
        if (head.startsWith('42["delta"')) {
          const seq = SEQ.exec(head)?.[1];
          if (seq !== undefined) times.set(Number(seq), now());
        } else if (head.startsWith('430[')) {
          done(head.startsWith('430[{"ok":true'));
        } else if (head === '2') {
          socket.send('3');
        } else if (head.startsWith('0{')) {
          socket.send('40');
        } else if (head.startsWith('40')) {
          socket.send(`420${JSON.stringify(['join', { sessionId }])}`);
        }
      });
    };
    for (let i = 0; i < Math.min(count, joining); i += 1) open();
  });
}

// ---- the run ------------------------------------------------------------------------------

function startChild(role: string, execArgv = process.execArgv): ChildProcess {
  return fork(process.argv[1]!, [role], { stdio: 'inherit', execArgv });
}

function reply<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve) => child.once('message', (message) => resolve(message as T)));
}

/** Lets a child exit by itself (a CPU profile is written on exit), killing it if it does not. */
async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.disconnect();
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

interface Figures {
  p50: number;
  p99: number;
  cpuUsPerDelivery: number;
  /** The part of it spent taking updates in (projections included): not fan-out. */
  ingestUsPerDelivery: number;
  joinedInMs: number;
  maxRssMb: number;
  missing: number;
}

interface Setup {
  run: Run;
  sessionId: string;
  packets: [number, number, string][];
  greeting: string[];
  clients: number;
  /** Viewers joining at once, per client process. */
  joining: number;
  cpuProfileDir?: string;
}

async function measure(kind: 'pitwall' | 'ws', count: number, setup: Setup): Promise<Figures> {
  const profile = setup.cpuProfileDir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${setup.cpuProfileDir}`,
        `--cpu-prof-name=${kind}-${count}-${Date.now()}.cpuprofile`,
      ]
    : [];
  const server = startChild(`${kind}-server`, [...process.execArgv, ...profile]);
  const { port } = await reply<{ port: number }>(server);
  // The session must exist before viewers join: Pitwall plays the warm-up updates untimed.
  server.send(kind === 'pitwall' ? { warmup: setup.run.warmup } : { greeting: setup.greeting });
  await reply(server);
  const clients = Array.from({ length: Math.min(setup.clients, count) }, () => startChild('viewers'));
  await Promise.all(clients.map((client) => reply(client)));
  const url =
    kind === 'pitwall' ? `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket` : `ws://127.0.0.1:${port}`;
  const start = now();
  const joins = clients.map((client, i) => {
    const share = Math.floor(count / clients.length) + (i < count % clients.length ? 1 : 0);
    client.send({
      open: { url, count: share, joining: setup.joining, sessionId: setup.sessionId },
    } satisfies ViewerOrder);
    return reply<{ joined: true } | { error: string }>(client);
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('viewers did not join within 180 s')), 180_000).unref(),
  );
  for (const joined of await Promise.race([Promise.all(joins), timeout])) {
    if ('error' in joined) throw new Error(joined.error);
  }
  const joinedInMs = now() - start;
  server.send(kind === 'pitwall' ? { run: setup.run } : { run: setup.run, packets: setup.packets });
  const report = await reply<ServerReport>(server);
  // Let the last deltas arrive.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const answers = await Promise.all(
    clients.map((client) => {
      client.send({ sent: report.sent } satisfies ViewerOrder);
      return reply<{ latencies: number[]; missing: number }>(client);
    }),
  );
  await Promise.all([server, ...clients].map(stop));
  const latencies = answers.flatMap((answer) => answer.latencies).sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    p50: pick(0.5),
    p99: pick(0.99),
    cpuUsPerDelivery: report.cpuUs / Math.max(1, latencies.length),
    ingestUsPerDelivery: report.ingestCpuUs / Math.max(1, latencies.length),
    joinedInMs,
    maxRssMb: report.maxRssMb,
    missing: answers.reduce((sum, answer) => sum + answer.missing, 0),
  };
}

/**
 * From a hub of its own: the packets Pitwall sends for the played updates, by update index, and
 * what it sends a viewer joining after the warm-up (the session list, the join answer).
 */
function pitwallPackets(updates: FeedUpdate[], run: Run, sessionId: string) {
  const hub = new SessionHub({ project: championshipProjector(loadCatalog(), silentLogger) });
  const packets: [number, number, string][] = [];
  let current = -1;
  let greeting: string[] = [];
  hub.on('delta', (delta: SessionDelta) => packets.push([current, delta.seq, `42${JSON.stringify(['delta', delta])}`]));
  updates.slice(0, run.warmup + run.updates).forEach((update, i) => {
    if (i === run.warmup) {
      greeting = [
        `42${JSON.stringify(['sessionList', { seq: 1, sessions: hub.list() }])}`,
        `430${JSON.stringify([{ ok: true, snapshot: hub.snapshot(sessionId) }])}`,
      ];
    }
    current = i;
    hub.ingest(update, 'demo');
  });
  return { packets: packets.filter(([i]) => i >= run.warmup), greeting };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function row(count: number, label: string, f: Figures): string {
  return [
    String(count).padStart(7),
    label.padEnd(14),
    f.p50.toFixed(1).padStart(7),
    f.p99.toFixed(1).padStart(7),
    f.cpuUsPerDelivery.toFixed(1).padStart(15),
    f.ingestUsPerDelivery.toFixed(1).padStart(12),
    f.joinedInMs.toFixed(0).padStart(12),
    f.maxRssMb.toFixed(0).padStart(11),
    String(f.missing).padStart(7),
  ].join(' | ');
}

/** Pitwall's figures over the baseline's. */
const ratiosOf = (pw: Figures, ws: Figures) => ({
  p99: pw.p99 / ws.p99,
  cpu: pw.cpuUsPerDelivery / ws.cpuUsPerDelivery,
  cpuWithoutIngest: (pw.cpuUsPerDelivery - pw.ingestUsPerDelivery) / ws.cpuUsPerDelivery,
  joins: pw.joinedInMs / ws.joinedInMs,
});
type Ratios = ReturnType<typeof ratiosOf>;

const ratioText = (r: Ratios) =>
  `p99 ${r.p99.toFixed(2)}x, CPU ${r.cpu.toFixed(2)}x (without ingest ${r.cpuWithoutIngest.toFixed(2)}x), joins ${r.joins.toFixed(2)}x`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1]! : fallback;
  };
  const counts = option('viewers', '1000,5000,10000').split(',').map(Number);
  const seconds = Number(option('seconds', '20'));
  const runs = Number(option('runs', '1'));
  const run: Run = { warmup: 40, everyMs: 250, updates: Math.round((seconds * 1000) / 250) };
  const { sessionId, updates } = race();
  const setup: Setup = {
    run,
    sessionId,
    ...pitwallPackets(updates, run, sessionId),
    clients: Number(option('clients', '4')),
    // 4 x 125: the most that stays under Node's accept queue of 511.
    joining: Number(option('joining', '125')),
    ...(args.includes('--cpu-prof') && { cpuProfileDir: path.resolve(option('cpu-prof', '.')) }),
  };
  const burner = args.includes('--busy') ? startChild('busy') : undefined;
  const load = () => loadavg()[0]!.toFixed(1);
  const { packets, greeting } = setup;
  console.log(
    `fan-out: ${packets.length} deltas at 4 updates/s over ${seconds} s, mean ${Math.round(
      packets.reduce((sum, [, , p]) => sum + p.length, 0) / packets.length,
    )} bytes; join answer ${greeting[1]!.length} bytes; viewers over ${setup.clients} client processes, ${
      setup.joining
    } joining at once in each${burner ? '; with a busy process' : ''}; load average ${load()}`,
  );
  console.log(
    'viewers | server         |  p50 ms |  p99 ms | CPU us/delivery | of it ingest | joined in ms | peak RSS MB | missing',
  );
  for (const count of counts) {
    const measured: { ws: Figures; pitwall: Figures }[] = [];
    for (let i = 1; i <= runs; i += 1) {
      const ws = await measure('ws', count, setup);
      const pitwall = await measure('pitwall', count, setup);
      measured.push({ ws, pitwall });
      console.log(row(count, `ws #${i}`, ws));
      console.log(row(count, `pitwall #${i}`, pitwall));
      console.log(`        ${ratioText(ratiosOf(pitwall, ws))}; load average ${load()}`);
    }
    if (runs > 1) {
      const medians = (kind: 'ws' | 'pitwall'): Figures => {
        const of = (key: keyof Figures) => median(measured.map((m) => m[kind][key]));
        return {
          p50: of('p50'),
          p99: of('p99'),
          cpuUsPerDelivery: of('cpuUsPerDelivery'),
          ingestUsPerDelivery: of('ingestUsPerDelivery'),
          joinedInMs: of('joinedInMs'),
          maxRssMb: of('maxRssMb'),
          missing: of('missing'),
        };
      };
      console.log(row(count, 'ws median', medians('ws')));
      console.log(row(count, 'pitwall median', medians('pitwall')));
      console.log(`        ratio of the medians: ${ratioText(ratiosOf(medians('pitwall'), medians('ws')))}`);
      // Each run's ratio compares two servers measured a minute apart, under much the same load.
      const perRun = measured.map((m) => ratiosOf(m.pitwall, m.ws));
      const ofRuns = (key: keyof Ratios) => median(perRun.map((r) => r[key]));
      const medianRatios = {
        p99: ofRuns('p99'),
        cpu: ofRuns('cpu'),
        cpuWithoutIngest: ofRuns('cpuWithoutIngest'),
        joins: ofRuns('joins'),
      };
      console.log(`        median of the runs' ratios: ${ratioText(medianRatios)}`);
    }
  }
  // It never reads its messages.
  burner?.kill('SIGKILL');
}

const role = process.argv[2];
// A server, viewer process or burner whose parent went away (done, stopped, timed out) goes with it.
if (role) process.on('disconnect', () => process.exit(0));
if (role === 'pitwall-server') void pitwallServer();
else if (role === 'ws-server') void wsServer();
else if (role === 'viewers') viewerProcess();
else if (role === 'busy') busy();
else
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );

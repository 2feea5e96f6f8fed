/*
 * Fan-out benchmark: Pitwall against a raw `ws` broadcast of the same bytes, in the same run.
 *
 *   pnpm --filter @pitwall/server run bench:fanout [-- --viewers 1000,5000,10000 --seconds 10
 *     --runs 3 --clients 4 --joining 125 --busy --cpu-prof <dir>]
 *
 * For each viewer count and run, two servers are started in turn, each in its own process on
 * 127.0.0.1: Pitwall (hub with every championship projected, Socket.IO viewers) and a plain `ws`
 * server. The viewers are spread over `--clients` processes and each is a raw TCP socket speaking
 * WebSocket itself (a fixed upgrade request, masked frames out, only the kind and first bytes of
 * each frame read in): the same cheap client for both servers, so that the clients are not what
 * limits joins. Joining: a Pitwall viewer connects, does the Engine.IO/Socket.IO handshake, joins
 * the session and receives its snapshot; a `ws` viewer connects and is sent, on connect, the same
 * bytes Pitwall sends a joining viewer (the session list and the `snapshot` event).
 * `joined in` runs from the moment every client process starts connecting to the last viewer
 * holding its snapshot; `join CPU` is the server process's CPU over the joins per viewer.
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
import { createHash, randomFillSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { FeedUpdate, SessionDelta } from '@pitwall/shared';
import { LISTEN_BACKLOG, startPitwall } from '../src/app';
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
type ServerReport = {
  sent: [number, number][];
  cpuUs: number;
  ingestCpuUs: number;
  joinCpuUs: number;
  maxRssMb: number;
};

// ---- server processes ---------------------------------------------------------------------

// The server's CPU from when it is ready for viewers to the first update played: its viewers
// joining (it is idle before they connect), a figure a shared machine's load hardly moves.
let readyCpu: NodeJS.CpuUsage | undefined;
function ready(): void {
  readyCpu = process.cpuUsage();
  process.send!({ ready: true });
}

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
      ready();
    }
  });
  process.send!({ port: Number(new URL(pitwall.url).port) });
}

async function wsServer(): Promise<void> {
  // Pitwall's accept queue, so that neither drops connections the other would hold.
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, backlog: LISTEN_BACKLOG });
  await new Promise((resolve) => server.once('listening', resolve));
  const sent = new Map<number, number>();
  // What Pitwall sends a viewer that joins, sent here on connect: one buffer each for everyone.
  // Text frames, as Pitwall's: the frames on the wire are the same bytes.
  let greeting: Buffer[] = [];
  server.on('connection', (client) => greeting.forEach((bytes) => client.send(bytes, { binary: false })));
  process.on('message', (message: Prepare | { run: Run; packets: [number, number, string][] }) => {
    if ('greeting' in message) {
      greeting = message.greeting.map((packet) => Buffer.from(packet));
      ready();
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
        for (const client of server.clients) client.send(bytes, { binary: false });
      },
      sent,
    );
  });
  process.send!({ port: (server.address() as { port: number }).port });
}

/** Plays updates warmup.. at the rate, then reports what was sent when, CPU and peak memory. */
function serve(run: Run, play: (update: number) => void, sent: Map<number, number>, ingestCpuUs = () => 0): void {
  const joinCpu = process.cpuUsage(readyCpu);
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
        joinCpuUs: joinCpu.user + joinCpu.system,
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

// A viewer reads no more of a message than this: enough for its kind, a delta's seq or a ping.
const HEAD = 128;

/**
 * Reads the frames a server sends (RFC 6455 5.2: unmasked) off a socket's chunks, keeping of each
 * only its opcode and first bytes: what a viewer here needs, so that parsing 10,000 viewers'
 * 40 KB snapshots costs the client processes next to nothing. Both servers send each message
 * as one final frame; a fragmented or masked one is an error rather than miscounted.
 */
class FrameHeads {
  /** The start of a frame header that the last chunk cut off. */
  private cut: Buffer | undefined;
  private inFrame = false;
  private opcode = 0;
  /** Payload bytes of the current frame still to come. */
  private left = 0;
  private readonly head = Buffer.allocUnsafe(HEAD);
  private headLength = 0;
  private headWanted = 0;

  constructor(private readonly onFrame: (opcode: number, head: string) => void) {}

  push(chunk: Buffer): void {
    const data = this.cut ? Buffer.concat([this.cut, chunk]) : chunk;
    this.cut = undefined;
    let at = 0;
    while (at < data.length) {
      if (!this.inFrame) {
        if (data.length - at < 2) break;
        const short = data[at + 1]! & 0x7f;
        const headerLength = short === 126 ? 4 : short === 127 ? 10 : 2;
        if (data.length - at < headerLength) break;
        if ((data[at]! & 0x80) === 0 || (data[at + 1]! & 0x80) !== 0) throw new Error('fragmented or masked frame');
        this.opcode = data[at]! & 0x0f;
        this.left =
          short === 126 ? data.readUInt16BE(at + 2) : short === 127 ? Number(data.readBigUInt64BE(at + 2)) : short;
        this.headWanted = Math.min(this.left, HEAD);
        this.headLength = 0;
        this.inFrame = true;
        at += headerLength;
      }
      const take = Math.min(this.left, data.length - at);
      const copy = Math.min(take, this.headWanted - this.headLength);
      if (copy > 0) this.headLength += data.copy(this.head, this.headLength, at, at + copy);
      at += take;
      this.left -= take;
      if (this.left > 0) break;
      this.inFrame = false;
      this.onFrame(this.opcode, this.head.toString('latin1', 0, this.headLength));
    }
    if (at < data.length) this.cut = Buffer.from(data.subarray(at));
  }
}

/** A client frame: final, masked with a fresh key as RFC 6455 5.3 requires of every client frame. */
function maskedFrame(opcode: number, payload: Buffer): Buffer {
  if (payload.length >= 65_536) throw new Error('a viewer sends only short frames');
  const extended = payload.length < 126 ? 0 : 2;
  const frame = Buffer.allocUnsafe(2 + extended + 4 + payload.length);
  frame[0] = 0x80 | opcode;
  frame[1] = 0x80 | (extended ? 126 : payload.length);
  if (extended) frame.writeUInt16BE(payload.length, 2);
  const mask = 2 + extended;
  randomFillSync(frame, mask, 4);
  for (let i = 0; i < payload.length; i += 1) frame[mask + 4 + i] = payload[i]! ^ frame[mask + (i & 3)]!;
  return frame;
}

// One key for every viewer: a server only hashes it into the accept value (RFC 6455 4.2.2), so it
// cannot tell, and each viewer checks the accept value with a string comparison.
const KEY = Buffer.from('pitwall fan-out!').toString('base64');
const ACCEPT = createHash('sha1').update(`${KEY}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');

/**
 * `count` viewers on raw TCP sockets, each speaking WebSocket itself: a fixed upgrade request,
 * masked frames out, only each frame's kind and first bytes read in (`FrameHeads`), so that the
 * client processes are not what limits joins (with the `ws` client library, an HTTP request per
 * connection and every 40 KB snapshot reassembled, they were). The same code talks to both
 * servers. Toward Pitwall they speak Engine.IO/Socket.IO and join the session on connect, as the
 * web app does (named in the handshake's auth); the `ws` server greets them with the same packets
 * unasked. Either way a viewer has joined when the `snapshot` event has arrived whole. Each
 * process keeps `joining` viewers between connecting and holding their snapshot, opening the next
 * as one is done: a crowd that asks as fast as it is served.
 */
function openViewers(
  { url, count, joining, sessionId }: { url: string; count: number; joining: number; sessionId: string },
  received: Map<number, number>[],
): Promise<void> {
  const { hostname, port, pathname, search } = new URL(url);
  const upgrade =
    `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\n` +
    `Connection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`;
  const text = (payload: string) => maskedFrame(0x1, Buffer.from(payload));
  // Socket.IO CONNECT to the default namespace with the ViewerAuth that joins the session.
  const connect = text(`40${JSON.stringify({ sessionId, health: false })}`);
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
      // A viewer counts once: as joined, or as failed if it errs or closes before its answer.
      let settled = false;
      const settle = (ok: boolean) => {
        if (settled) return;
        settled = true;
        done(ok);
      };
      const socket = netConnect({ host: hostname, port: Number(port), noDelay: true });
      const frames = new FrameHeads((opcode, head) => {
        if (opcode === 0x9) socket.write(maskedFrame(0xa, Buffer.from(head, 'latin1')));
        if (opcode === 0x8) socket.end();
        if (opcode !== 0x1) return;
        if (head.startsWith('42["delta"')) {
          const seq = SEQ.exec(head)?.[1];
          if (seq !== undefined) times.set(Number(seq), now());
        } else if (head.startsWith('42["snapshot"')) {
          settle(head.startsWith('42["snapshot",{"ok":true'));
        } else if (head === '2') {
          socket.write(text('3'));
        } else if (head.startsWith('0{')) {
          socket.write(connect);
        }
      });
      let response = '';
      let upgraded = false;
      socket.on('data', (chunk: Buffer) => {
        try {
          if (upgraded) return frames.push(chunk);
          response += chunk.toString('latin1');
          const end = response.indexOf('\r\n\r\n');
          if (end < 0) return;
          const head = response.slice(0, end);
          if (!head.startsWith('HTTP/1.1 101 ') || !head.includes(`\r\nSec-WebSocket-Accept: ${ACCEPT}`)) {
            throw new Error(`upgrade refused: ${head.split('\r\n')[0]}`);
          }
          upgraded = true;
          // What came after the response in the same chunk is the first frames.
          const rest = Buffer.from(response.slice(end + 4), 'latin1');
          response = '';
          if (rest.length > 0) frames.push(rest);
        } catch {
          socket.destroy();
          settle(false);
        }
      });
      socket.on('error', () => settle(false));
      socket.on('close', () => settle(false));
      socket.write(upgrade);
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
  /** The server's CPU per viewer joining. */
  joinCpuUs: number;
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
    joinCpuUs: report.joinCpuUs / count,
    maxRssMb: report.maxRssMb,
    missing: answers.reduce((sum, answer) => sum + answer.missing, 0),
  };
}

/**
 * From a hub of its own: the packets Pitwall sends for the played updates, by update index, and
 * what it sends a viewer joining after the warm-up (the session list, the `snapshot` event).
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
        `42${JSON.stringify(['snapshot', { ok: true, snapshot: hub.snapshot(sessionId) }])}`,
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
    f.joinCpuUs.toFixed(0).padStart(11),
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
  joinCpu: pw.joinCpuUs / ws.joinCpuUs,
});
type Ratios = ReturnType<typeof ratiosOf>;

const ratioText = (r: Ratios) =>
  `p99 ${r.p99.toFixed(2)}x, CPU ${r.cpu.toFixed(2)}x (without ingest ${r.cpuWithoutIngest.toFixed(2)}x), joins ${r.joins.toFixed(2)}x (CPU ${r.joinCpu.toFixed(
    2,
  )}x)`;

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
    // 4 x 125 keep the server busy (250 or 500 a process joined no faster), well under its accept
    // queue (LISTEN_BACKLOG; with Node's 511, 1,000 at once overflowed it and took twice as long).
    joining: Number(option('joining', '125')),
    ...(args.includes('--cpu-prof') && { cpuProfileDir: path.resolve(option('cpu-prof', '.')) }),
  };
  const burner = args.includes('--busy') ? startChild('busy') : undefined;
  const load = () => loadavg()[0]!.toFixed(1);
  const { packets, greeting } = setup;
  console.log(
    `fan-out: ${packets.length} deltas at 4 updates/s over ${seconds} s, mean ${Math.round(
      packets.reduce((sum, [, , p]) => sum + p.length, 0) / packets.length,
    )} bytes; snapshot event ${greeting[1]!.length} bytes; viewers over ${setup.clients} client processes, ${
      setup.joining
    } joining at once in each${burner ? '; with a busy process' : ''}; load average ${load()}`,
  );
  console.log(
    'viewers | server         |  p50 ms |  p99 ms | CPU us/delivery | of it ingest | joined in ms | join CPU us | peak RSS MB | missing',
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
          joinCpuUs: of('joinCpuUs'),
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
        joinCpu: ofRuns('joinCpu'),
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

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import {
  applyFeedUpdate,
  copyFromSnapshot,
  deriveClassification,
  receiveDelta,
  type FeedUpdate,
  type IngestResult,
  type SessionState,
  type ViewerCopy,
  type ViewerClientEvents,
  type ViewerServerEvents,
} from '@pitwall/shared';
import { raceUpdates } from './test-support/race';

/**
 * kill -9 in the middle of a race weekend, then a restart on the same data directory. Runs the
 * built server (`npm test` builds before testing): a crash is only real in a separate process.
 */
const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/cli.cjs');
const built = existsSync(CLI);
if (!built && !process.env.CI) console.warn(`crash test skipped: ${CLI} is missing; run \`pnpm run build\` first`);

const TOKEN = 'crash-test-token';
const RACE_CONTROL_TOKEN = 'crash-test-race-control-token';
const SESSIONS = ['mx5-r1', 'vp-r1', 'pccna-r1', 'pccna-r2'];
const UPDATES_PER_SESSION = 150;
/** Acknowledged updates (over all sessions) after which the server is killed at the next chance. */
const KILL_AFTER = 300;

interface RunningServer {
  child: ChildProcess;
  url: string;
  port: number;
  /** What it printed up to "pitwall is up". */
  output: string;
}

/**
 * Small enough that every session has a state snapshot before the kill and updates after it:
 * the restart restores from both (docs/storage.md).
 */
const SNAPSHOT_EVERY = 20;

/** Every server process this test started and that has not exited, for the clean-up. */
const running = new Set<ChildProcess>();

function startServer(dataDir: string, port: number): Promise<RunningServer> {
  const child = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--port',
      String(port),
      '--no-demo',
      '--data-dir',
      dataDir,
      '--feed-token',
      TOKEN,
      '--race-control-token',
      RACE_CONTROL_TOKEN,
      '--snapshot-every',
      String(SNAPSHOT_EVERY),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const up = /"url":"([^"]+)"[^\n]*"msg":"pitwall is up"/.exec(output);
      if (!up) return;
      child.stdout!.off('data', onData);
      resolve({ child, url: up[1]!, port: Number(new URL(up[1]!).port), output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was up:\n${output}`)));
  });
}

async function post(url: string, update: FeedUpdate): Promise<IngestResult> {
  const response = await fetch(`${url}/api/feed`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(update),
  });
  return (await response.json()) as IngestResult;
}

/** What the classification must be after exactly `updates`, computed in-process by the core. */
function referenceState(updates: readonly FeedUpdate[]): SessionState {
  let state: SessionState | undefined;
  for (const update of updates) {
    const outcome = applyFeedUpdate(state, update);
    if (outcome.kind !== 'accepted') throw new Error(`reference refused ${update.sessionId}#${update.seq}`);
    state = outcome.state;
  }
  return state!;
}

function classificationOf(state: SessionState) {
  const view = deriveClassification(state);
  return { session: view.info, classes: view.classes, cars: view.order.map((number) => view.cars[number]) };
}

/** A viewer as the web client behaves: snapshot on join, deltas in order, re-join on every (re)connect. */
function watch(url: string, sessionIds: readonly string[]) {
  const copies = new Map<string, ViewerCopy | undefined>();
  const socket: Socket<ViewerServerEvents, ViewerClientEvents> = connect(url, {
    transports: ['websocket'],
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  const join = async (sessionId: string, event: 'join' | 'resync') => {
    const reply = await socket.emitWithAck(event, { sessionId });
    if (reply.ok) copies.set(sessionId, copyFromSnapshot(reply.snapshot));
  };
  socket.on('connect', () => sessionIds.forEach((id) => void join(id, 'join')));
  socket.on('delta', (delta) => {
    const received = receiveDelta(copies.get(delta.sessionId), delta);
    copies.set(delta.sessionId, received.copy);
    if (received.resync) void join(delta.sessionId, 'resync');
  });
  const shown = (sessionId: string) => {
    const copy = copies.get(sessionId);
    if (!copy) return undefined;
    const { view } = copy;
    return {
      seq: copy.seq,
      session: view.info,
      classes: view.classes,
      cars: view.order.map((number) => view.cars[number]),
    };
  };
  return { socket, shown };
}

describe.skipIf(!built && !process.env.CI)('kill -9 mid-race and restart', () => {
  let dataDir: string | undefined;
  let viewer: ReturnType<typeof watch> | undefined;
  afterAll(() => {
    viewer?.socket.close();
    for (const child of running) child.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings back every acknowledged update and the viewers with it', async () => {
    expect(existsSync(CLI), `${CLI} is missing: build before testing (npm test does)`).toBe(true);
    dataDir = mkdtempSync(path.join(tmpdir(), 'pitwall-crash-'));
    const races = new Map(SESSIONS.map((id, i) => [id, raceUpdates(id, UPDATES_PER_SESSION, 1 + i)]));
    const first = await startServer(dataDir, 0);
    const acknowledged = new Map(SESSIONS.map((id) => [id, 0]));
    const lost = new Map<string, number>();
    let acks = 0;
    let unanswered = 0;
    let watchedAtKill = 0;

    // Each session's feed sends in order and waits for the answer; the sessions run side by side,
    // and the kill comes on an answer while another session's update is still unanswered.
    await Promise.all(
      SESSIONS.map(async (id) => {
        for (const update of races.get(id)!) {
          if (first.child.killed) return;
          let result: IngestResult;
          unanswered++;
          try {
            result = await post(first.url, update);
          } catch {
            lost.set(id, update.seq);
            return;
          } finally {
            unanswered--;
          }
          expect(result).toEqual({ status: 'accepted', seq: update.seq });
          acknowledged.set(id, update.seq);
          if (!viewer && [...acknowledged.values()].every((seq) => seq > 0)) viewer = watch(first.url, SESSIONS);
          if (++acks >= KILL_AFTER && unanswered > 0 && !first.child.killed) {
            watchedAtKill = SESSIONS.filter((sessionId) => viewer?.shown(sessionId)).length;
            first.child.kill('SIGKILL');
          }
        }
      }),
    );
    await new Promise((resolve) =>
      first.child.exitCode !== null || first.child.signalCode !== null
        ? resolve(null)
        : first.child.once('exit', resolve),
    );
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(watchedAtKill, 'the viewer was not watching every session before the kill').toBe(SESSIONS.length);

    const second = await startServer(dataDir, first.port);
    const restored = /"fromSnapshots":(\d+)[^\n]*"msg":"sessions restored"/.exec(second.output);
    expect(Number(restored?.[1]), 'sessions restored from their snapshots').toBe(SESSIONS.length);
    for (const id of SESSIONS) {
      const updates = races.get(id)!;
      // Sending the opening update again changes nothing and tells how far the session got.
      const probe = await post(second.url, updates[0]!);
      expect(probe.status).toBe('ignored');
      const lastSeq = (probe as { lastSeq: number }).lastSeq;
      const acked = acknowledged.get(id)!;
      expect(
        lastSeq === acked || (lastSeq === acked + 1 && lost.get(id) === lastSeq),
        `${id}: restored to #${lastSeq}, acknowledged #${acked}`,
      ).toBe(true);
      const response = await fetch(`${second.url}/api/sessions/${id}`);
      const { seq: _viewerSeq, ...served } = (await response.json()) as Record<string, unknown>;
      expect(served).toEqual(classificationOf(referenceState(updates.slice(0, lastSeq))));

      // The restored session carries on: the rest of the race is accepted where it left off.
      for (const update of updates.slice(lastSeq, lastSeq + 5))
        expect(await post(second.url, update)).toEqual({ status: 'accepted', seq: update.seq });
      const latest = (await (await fetch(`${second.url}/api/sessions/${id}`)).json()) as Record<string, unknown>;
      const { seq: _latestSeq, ...latestServed } = latest;
      expect(latestServed).toEqual(classificationOf(referenceState(updates.slice(0, lastSeq + 5))));
      await expect.poll(() => viewer!.shown(id), { timeout: 10_000 }).toEqual(latest);
    }
  });
});

describe.skipIf(!built && !process.env.CI)('kill -9 right after a race-control decision', () => {
  let dataDir: string | undefined;
  afterAll(() => {
    for (const child of running) child.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the decision answered 201 is there after the restart, with the order it made', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'pitwall-crash-decision-'));
    const updates = raceUpdates('decided-race', 40, 7);
    const first = await startServer(dataDir, 0);
    for (const update of updates) expect((await post(first.url, update)).status).toBe('accepted');
    const decided = await fetch(`${first.url}/api/sessions/decided-race/decisions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${RACE_CONTROL_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        author: 'Chief Steward',
        reason: 'jump start',
        decision: { kind: 'exclusion', car: '10' },
      }),
    });
    // Killed the moment the answer is in: no orderly shutdown, no later write.
    first.child.kill('SIGKILL');
    expect(decided.status).toBe(201);
    const shownBefore = ((await decided.json()) as { entry: { changes: unknown[] } }).entry.changes;
    await new Promise((resolve) => (first.child.exitCode !== null ? resolve(null) : first.child.once('exit', resolve)));

    const second = await startServer(dataDir, first.port);
    const audit = (await (await fetch(`${second.url}/api/sessions/decided-race/audit`)).json()) as {
      entries: { id: number; action: unknown; changes: unknown[] }[];
    };
    expect(audit.entries).toEqual([
      expect.objectContaining({ id: 1, action: { kind: 'exclusion', car: '10' }, changes: shownBefore }),
    ]);
    const session = (await (await fetch(`${second.url}/api/sessions/decided-race`)).json()) as {
      cars: { number: string; status: string }[];
    };
    expect(session.cars.at(-1)).toMatchObject({ number: '10', status: 'excluded' });
  });
});

import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  feedUpdateSchema,
  type CarFeed,
  type ClassInfo,
  type FeedUpdate,
  type IngestResult,
  type SessionMeta,
} from '@pitwall/shared';

/** The project's `../shared` material, five folders up from this one. */
const CAPTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..', '../shared/data/rmonitor');

export const ORBITS_MOCK = 'Orbits_Mock_Session.txt';
export const SEBRING_2009 = '2009_Sebring_ALMS_Session_4.txt';

/**
 * Whether the real captures are here. A fresh clone may not have ../shared: tests then skip and
 * say why; CI always has it, so there a missing folder fails the run instead.
 */
export function capturesAvailable(): boolean {
  if (existsSync(CAPTURES)) return true;
  if (process.env.CI) throw new Error(`RMonitor captures are required in CI but ${CAPTURES} does not exist`);
  console.warn(`Skipping RMonitor capture tests: ${CAPTURES} not found (../shared is absent)`);
  return false;
}

export function readCapture(name: string): string {
  return readFileSync(path.join(CAPTURES, name), 'utf8');
}

export interface MapSession {
  session: SessionMeta;
  classes: ClassInfo[];
  cars: Map<string, CarFeed>;
  lastSeq: number;
}

/**
 * A stand-in for the session store, independent of the builder: validates each update with the
 * schema, requires seq to grow, applies full/patch to a plain map and refuses any result whose
 * positions are not 1..N unique or whose cars are in an undeclared class.
 */
export function createMapIngest() {
  const sessions = new Map<string, MapSession>();
  const accepted: FeedUpdate[] = [];
  const ingest = (input: FeedUpdate): IngestResult => {
    const parsed = feedUpdateSchema.safeParse(input);
    if (!parsed.success) return { status: 'rejected', error: parsed.error.message };
    const update = parsed.data;
    const current = sessions.get(update.sessionId);
    if (current && update.seq <= current.lastSeq) {
      return {
        status: 'ignored',
        reason: update.seq === current.lastSeq ? 'duplicate' : 'out-of-order',
        lastSeq: current.lastSeq,
      };
    }
    let next: MapSession;
    if (update.type === 'full') {
      next = {
        session: update.session,
        classes: update.classes ?? [],
        cars: new Map(update.cars.map((car) => [car.number, car])),
        lastSeq: update.seq,
      };
    } else {
      if (!current) return { status: 'rejected', error: 'patch before full' };
      const cars = new Map(current.cars);
      for (const number of update.removed ?? []) cars.delete(number);
      for (const patch of update.cars ?? []) {
        const before = cars.get(patch.number);
        if (
          !before &&
          (patch.classId === undefined ||
            patch.driver === undefined ||
            patch.position === undefined ||
            patch.laps === undefined)
        ) {
          return { status: 'rejected', error: `new car #${patch.number} is incomplete` };
        }
        cars.set(patch.number, { ...before, ...patch } as CarFeed);
      }
      next = {
        session: { ...current.session, ...update.session },
        classes: update.classes ?? current.classes,
        cars,
        lastSeq: update.seq,
      };
    }
    const positions = [...next.cars.values()].map((car) => car.position).sort((a, b) => a - b);
    if (positions.some((position, index) => position !== index + 1)) {
      return { status: 'rejected', error: `positions are not 1..N: ${positions.join(',')}` };
    }
    const classIds = new Set(next.classes.map((c) => c.id));
    const stray = [...next.cars.values()].find((car) => !classIds.has(car.classId));
    if (stray) return { status: 'rejected', error: `#${stray.number} is in undeclared class ${stray.classId}` };
    sessions.set(update.sessionId, next);
    accepted.push(update);
    return { status: 'accepted', seq: update.seq };
  };
  return { ingest, sessions, accepted };
}

/** Car numbers in running order, overall and per class. */
export function orderByClass(cars: Iterable<CarFeed>): Map<string, string[]> {
  const byClass = new Map<string, string[]>();
  for (const car of [...cars].sort((a, b) => a.position - b.position)) {
    byClass.set(car.classId, [...(byClass.get(car.classId) ?? []), car.number]);
  }
  return byClass;
}

/**
 * A few seconds of a three-car MX-5 race as a timing system sends it; the closing $F heartbeat
 * makes a session builder emit, so a client fed this holds the session with all three cars.
 */
export const SHORT_RACE = [
  '$B,5,"Race 1"',
  '$C,1,"MX-5"',
  '$COMP,"7","7",1,"Joel","Feinberg","",""',
  '$COMP,"8","8",1,"Anthony","Nicolosi","","Primetime Race Group"',
  '$A,"9","9",8353891,"Jarrett","Boon","",1',
  '$G,1,"8",3,"00:06:10.100"',
  '$G,2,"7",3,"00:06:11.200"',
  '$G,3,"9",2,"00:04:05.000"',
  '$F,9999,"00:00:00","14:00:00","00:10:00","Green "',
]
  .map((line) => `${line}\r\n`)
  .join('');

/**
 * A fake timing system on 127.0.0.1: streams `text` in small chunks that cut lines anywhere,
 * then keeps the connection open as a live feed does. With `dropAfterBytes`, the first
 * connection is dropped partway through a line there and the next one resumes from the start of
 * that line, as a live feed carries on after a reconnect.
 */
export async function fakeTimingServer(text: string, dropAfterBytes?: number) {
  const bytes = Buffer.from(text, 'utf8');
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const drops = dropAfterBytes !== undefined && connections === 1;
    const resumeAt = dropAfterBytes !== undefined && connections > 1 ? bytes.lastIndexOf(0x0a, dropAfterBytes) + 1 : 0;
    const end = drops ? dropAfterBytes : bytes.length;
    let at = resumeAt;
    const pump = () => {
      if (socket.destroyed) return;
      if (at >= end) {
        if (drops) socket.destroy();
        return;
      }
      const next = Math.min(end, at + 777);
      socket.write(bytes.subarray(at, next), pump);
      at = next;
    };
    socket.on('error', () => undefined);
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    connections: () => connections,
    /** Connections open now: a closed client's is gone. */
    openConnections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

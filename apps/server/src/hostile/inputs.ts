import { LIMITS, mulberry32, type Random } from '@pitwall/shared';

/**
 * Hostile inputs for the three feed paths, from a seed: what the probes of issue 8 sent, and
 * random mixtures of it with valid updates, so one seed always replays the same attack.
 */

/** Names every JavaScript object answers to: a plain object used as a map treats them as present. */
export const BUILT_IN_NAMES = [
  'toString',
  'valueOf',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'toLocaleString',
];

const HOSTILE_STRINGS = [
  ...BUILT_IN_NAMES,
  '\u202eevil',
  'a\u0000b',
  '\u200b',
  '<img src=x onerror=alert(1)>',
  '../../etc/passwd',
  'x'.repeat(5_000),
  '',
  ' ',
  '\ud800',
  'url(//attacker.example/x)',
];
const HOSTILE_NUMBERS = [
  999_999_999,
  Number.MAX_SAFE_INTEGER,
  LIMITS.laps,
  LIMITS.laps + 1,
  LIMITS.raceTimeMs,
  -1,
  0,
  0.5,
  1e308,
  LIMITS.seq,
];
const HOSTILE_VALUES: unknown[] = [null, true, [], {}, [1, 2], { valueOf: 1 }, ...HOSTILE_STRINGS, ...HOSTILE_NUMBERS];
const CAR_FIELDS = [
  'number',
  'classId',
  'driver',
  'team',
  'position',
  'laps',
  'totalTimeMs',
  'lastLapMs',
  'bestLapMs',
  'bestLapNumber',
  'inPit',
  'pitStops',
  'status',
  'startPosition',
  'lapsLed',
  'pad',
];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** The cars a fuzzed session starts with: valid, so later updates have something to break. */
function grid(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    number: String(i + 1),
    classId: i % 2 ? 'GSX' : 'LMP3',
    driver: `Driver ${i + 1}`,
    position: i + 1,
    laps: 0,
  }));
}

export function startOf(sessionId: string) {
  return {
    type: 'full',
    sessionId,
    seq: 1,
    session: { seriesId: 'fuzz', event: 'Fuzz', name: sessionId, status: 'running', flag: 'green' },
    cars: grid(8),
  };
}

/**
 * An endless stream of updates for `sessionId`: about half valid laps (so the session moves and
 * the checks have a state to hold), the rest hostile in one or several places.
 */
export function* hostileUpdates(sessionId: string, seed: number): Generator<unknown> {
  const random = mulberry32(seed);
  yield startOf(sessionId);
  let seq = 2;
  let laps = 0;
  for (;;) {
    const roll = random();
    if (roll < 0.45) {
      laps += 1;
      yield {
        type: 'patch',
        sessionId,
        seq: seq++,
        cars: [{ number: String(1 + Math.floor(random() * 8)), laps, totalTimeMs: laps * 90_000 }],
      };
      continue;
    }
    if (roll < 0.55) {
      yield {
        type: 'patch',
        sessionId,
        seq: seq++,
        cars: [{ number: pick(random, BUILT_IN_NAMES.slice(0, 2)), classId: 'GSX', driver: 'X', position: 9, laps: 1 }],
      };
      yield { type: 'patch', sessionId, seq: seq++, removed: [pick(random, BUILT_IN_NAMES)] };
      continue;
    }
    const update: Record<string, unknown> = {
      type: 'patch',
      sessionId,
      seq: random() < 0.1 ? pick(random, HOSTILE_NUMBERS) : seq++,
    };
    const car: Record<string, unknown> = { number: String(1 + Math.floor(random() * 8)) };
    for (let fields = 1 + Math.floor(random() * 3); fields > 0; fields--)
      car[pick(random, CAR_FIELDS)] = pick(random, HOSTILE_VALUES);
    update.cars = [car];
    if (random() < 0.2)
      update.classes = [{ id: pick(random, HOSTILE_STRINGS), name: 'C', color: pick(random, HOSTILE_STRINGS) }];
    if (random() < 0.1)
      update.session = { name: pick(random, HOSTILE_STRINGS), elapsedMs: pick(random, HOSTILE_NUMBERS) };
    if (random() < 0.05) update.type = pick(random, ['full', 'delete', '__proto__']);
    if (random() < 0.05) yield pick(random, HOSTILE_VALUES);
    else yield update;
  }
}

const VALID_LINES = [
  '$F,9999,"00:00:00","13:34:23","00:09:47","Green "',
  '$A,"12","12",52474,"John","Johnson","USA",5',
  '$COMP,"12","12",5,"John","Johnson","USA",""',
  '$C,5,"Formula 300"',
  '$B,5,"Friday free practice"',
  '$G,3,"12",14,"01:12:47.872"',
  '$H,2,"12",3,"00:02:17.872"',
  '$J,"12","00:02:03.826","01:42:17.672"',
];

/** RMonitor lines: valid ones, damaged ones, built-in command names, huge numbers, endless lines. */
export function* hostileLines(seed: number): Generator<string> {
  const random = mulberry32(seed);
  for (;;) {
    const roll = random();
    const line = pick(random, VALID_LINES);
    if (roll < 0.5) yield line;
    else if (roll < 0.6) yield `$${pick(random, BUILT_IN_NAMES)},${pick(random, ['1', '"x"', ''])}`;
    else if (roll < 0.7) yield line.replace(/\d+/, String(pick(random, HOSTILE_NUMBERS)));
    else if (roll < 0.8) yield line.replace(/"[^"]*"/, `"${pick(random, HOSTILE_STRINGS).replace(/"/g, '')}"`);
    else if (roll < 0.85) yield `$G,1,"${pick(random, BUILT_IN_NAMES)}",999999999,"99999:00:00"`;
    else if (roll < 0.88) yield '$G,1,"12",'.padEnd(20_000 + Math.floor(random() * 20_000), '9');
    else yield line.slice(0, Math.floor(random() * line.length));
  }
}

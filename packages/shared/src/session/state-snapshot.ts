import { z } from 'zod';
import { describeIssues } from '../validation/describe-issues';
import { raceControlActionSchema } from '../race-control/decision';
import { MAX_RACE_CONTROL_ENTRIES } from '../race-control/decision';
import type { AuditEntry, RaceControlState } from '../race-control/race-control';
import { runningOrderProblem, type SessionState } from './apply';
import type { LineCrossings } from './crossings';
import { MAX_LAPS_PER_CAR, type CarLapHistory, type LapHistory, type LapRecord } from './lap-history';
import { boundedInt, LIMITS } from './limits';
import {
  carFeedSchema,
  classInfoSchema,
  FLAGS,
  MAX_SECTORS,
  SESSION_STATUSES,
  sessionIdSchema,
  sessionMetaSchema,
  type CarFeed,
  type Flag,
  type Gap,
} from './model';

/**
 * A state snapshot: everything a restore needs to carry on with a session without replaying the
 * updates before it (the feed's facts, line crossings, lap history, race control's audit trail).
 * It is an optimisation, never the source of truth: the event log is. So a snapshot that does not
 * decode, or was written by another version of this format, is refused, and the caller replays
 * the session's whole log instead.
 *
 * Lap history is most of a long session (one record per lap per car: 50,000 for a 24-hour race of
 * 40 cars), so it is stored by column (one array per field, a car's drivers by index), which keeps
 * the text small and quick to parse and to check.
 */
export interface SessionRecord {
  state: SessionState;
  raceControl: RaceControlState;
}

/** Bumped whenever the encoding changes; a snapshot of another version is ignored. */
export const STATE_SNAPSHOT_VERSION = 1;

/** A car's laps by column: entry i of every array belongs to the same lap. `null` is "absent". */
interface LapColumns {
  lap: number[];
  lapMs: (number | null)[];
  sectorsMs: (number[] | null)[];
  raceTimeMs: (number | null)[];
  position: number[];
  classPosition: number[];
  gapMs: (number | null)[];
  gapLaps: (number | null)[];
  /** Bit 1: in lap, bit 2: out lap. */
  pit: number[];
  pitLaneMs: (number | null)[];
  /** Index into FLAGS. */
  flag: number[];
  /** Index into the car's `drivers`. */
  driver: number[];
}

const PIT_IN = 1;
const PIT_OUT = 2;

/**
 * A column of whole numbers, checked in one plain loop: zod's per-element checks would cost
 * more than everything else a restore does, on the million values a long session holds.
 */
function column<T>(fits: (value: unknown) => boolean, message: string) {
  // A car has at most one crossing per lap; its lap history is shorter still (checked on decode).
  return z.custom<T[]>((value) => Array.isArray(value) && value.length <= LIMITS.laps && value.every(fits), {
    message,
  });
}
const whole = (min: number, max: number) => (value: unknown) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const intColumn = (min: number, max: number) =>
  column<number>(whole(min, max), `must be a list of whole numbers from ${min} to ${max}`);
const optionalIntColumn = (min: number, max: number) => {
  const fits = whole(min, max);
  return column<number | null>(
    (value) => value === null || fits(value),
    `must be a list of whole numbers from ${min} to ${max}, or null`,
  );
};

const lapTimeMs = boundedInt(1, LIMITS.lapTimeMs);
const lapColumnsSchema = z.strictObject({
  lap: intColumn(1, LIMITS.laps),
  lapMs: optionalIntColumn(1, LIMITS.lapTimeMs),
  sectorsMs: z.array(z.array(lapTimeMs).min(1).max(MAX_SECTORS).nullable()).max(LIMITS.laps),
  raceTimeMs: optionalIntColumn(0, LIMITS.raceTimeMs),
  position: intColumn(1, LIMITS.cars),
  classPosition: intColumn(1, LIMITS.cars),
  gapMs: optionalIntColumn(-LIMITS.raceTimeMs, LIMITS.raceTimeMs),
  gapLaps: optionalIntColumn(1, LIMITS.laps),
  pit: intColumn(0, PIT_IN | PIT_OUT),
  pitLaneMs: optionalIntColumn(0, LIMITS.raceTimeMs),
  flag: intColumn(0, FLAGS.length - 1),
  driver: intColumn(0, MAX_LAPS_PER_CAR - 1),
});

const raceTimeMs = boundedInt(0, LIMITS.raceTimeMs);
const carNumber = carFeedSchema.shape.number;

const carLapsSchema = z.strictObject({
  number: carNumber,
  pitSinceLine: z.boolean(),
  inPit: z.boolean(),
  pitEnteredAtMs: raceTimeMs.optional(),
  pitLaneMs: raceTimeMs.optional(),
  drivers: z.array(carFeedSchema.shape.driver).max(MAX_LAPS_PER_CAR),
  laps: lapColumnsSchema,
});

const crossingsSchema = z.strictObject({
  number: carNumber,
  laps: intColumn(1, LIMITS.laps),
  atMs: intColumn(0, LIMITS.raceTimeMs),
});

const place = z.strictObject({ position: boundedInt(1, LIMITS.cars), classPosition: boundedInt(1, LIMITS.cars) });
const auditEntrySchema = z.strictObject({
  id: boundedInt(1, MAX_RACE_CONTROL_ENTRIES),
  atMs: z.number().int().nonnegative(),
  author: z.string().min(1).max(80),
  reason: z.string().max(500),
  action: raceControlActionSchema,
  changes: z
    .array(
      z.strictObject({ number: carNumber, classId: carFeedSchema.shape.classId, from: place.optional(), to: place }),
    )
    .max(LIMITS.cars),
  rescindedBy: boundedInt(1, MAX_RACE_CONTROL_ENTRIES).optional(),
});

const stateSnapshotSchema = z.strictObject({
  version: z.literal(STATE_SNAPSHOT_VERSION),
  info: sessionMetaSchema.extend({
    id: sessionIdSchema,
    status: z.enum(SESSION_STATUSES),
    flag: z.enum(FLAGS),
  }),
  classes: z.array(classInfoSchema).max(LIMITS.classes),
  cars: z.array(carFeedSchema).max(LIMITS.cars),
  lastSeq: boundedInt(0, LIMITS.seq),
  crossings: z.array(crossingsSchema).max(LIMITS.cars),
  lapHistory: z.array(carLapsSchema).max(LIMITS.cars),
  raceControl: z.array(auditEntrySchema).max(MAX_RACE_CONTROL_ENTRIES),
});
type EncodedSnapshot = z.input<typeof stateSnapshotSchema>;

/** The session as snapshot text (JSON). */
export function encodeStateSnapshot({ state, raceControl }: SessionRecord): string {
  const encoded: EncodedSnapshot = {
    version: STATE_SNAPSHOT_VERSION,
    info: state.info,
    classes: state.classes,
    cars: [...state.cars.values()],
    lastSeq: state.lastSeq,
    crossings: [...state.crossings].map(([number, crossings]) => ({
      number,
      laps: crossings.laps.slice(0, crossings.count),
      atMs: crossings.atMs.slice(0, crossings.count),
    })),
    lapHistory: [...state.lapHistory].map(([number, history]) => encodeCarLaps(number, history)),
    raceControl: raceControl.entries as AuditEntry[],
  };
  return JSON.stringify(encoded);
}

function encodeCarLaps(number: string, history: CarLapHistory): EncodedSnapshot['lapHistory'][number] {
  const drivers: string[] = [];
  const driverIndex = new Map<string, number>();
  const columns: LapColumns = {
    lap: [],
    lapMs: [],
    sectorsMs: [],
    raceTimeMs: [],
    position: [],
    classPosition: [],
    gapMs: [],
    gapLaps: [],
    pit: [],
    pitLaneMs: [],
    flag: [],
    driver: [],
  };
  for (const record of history.laps) {
    let driver = driverIndex.get(record.driver);
    if (driver === undefined) {
      driver = drivers.push(record.driver) - 1;
      driverIndex.set(record.driver, driver);
    }
    const gap = record.gapToLeader;
    columns.lap.push(record.lap);
    columns.lapMs.push(record.lapMs ?? null);
    columns.sectorsMs.push(record.sectorsMs ?? null);
    columns.raceTimeMs.push(record.raceTimeMs ?? null);
    columns.position.push(record.position);
    columns.classPosition.push(record.classPosition);
    columns.gapMs.push(gap && 'ms' in gap ? gap.ms : null);
    columns.gapLaps.push(gap && 'laps' in gap ? gap.laps : null);
    columns.pit.push((record.pitIn ? PIT_IN : 0) | (record.pitOut ? PIT_OUT : 0));
    columns.pitLaneMs.push(record.pitLaneMs ?? null);
    columns.flag.push(FLAGS.indexOf(record.flag));
    columns.driver.push(driver);
  }
  return {
    number,
    pitSinceLine: history.pitSinceLine,
    inPit: history.inPit,
    ...(history.pitEnteredAtMs !== undefined && { pitEnteredAtMs: history.pitEnteredAtMs }),
    ...(history.pitLaneMs !== undefined && { pitLaneMs: history.pitLaneMs }),
    drivers,
    laps: columns,
  };
}

export type DecodedStateSnapshot = { ok: true; record: SessionRecord } | { ok: false; error: string };

/**
 * The session a snapshot holds, checked with the same bounds as live updates and for the
 * consistency the core relies on (positions 1..N, laps and crossings of cars in the session,
 * rising laps, columns of one length). Any problem refuses the whole snapshot.
 */
export function decodeStateSnapshot(text: string): DecodedStateSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (version !== STATE_SNAPSHOT_VERSION) {
    return { ok: false, error: `version ${JSON.stringify(version)}, this Pitwall reads ${STATE_SNAPSHOT_VERSION}` };
  }
  const parsed = stateSnapshotSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error.issues) };
  const snapshot = parsed.data;
  const cars = new Map<string, CarFeed>();
  for (const car of snapshot.cars) {
    if (cars.has(car.number)) return { ok: false, error: `car #${car.number} appears twice` };
    cars.set(car.number, car);
  }
  const problem =
    runningOrderProblem(cars) ??
    strayCarProblem('crossings', snapshot.crossings, cars) ??
    strayCarProblem('lap history', snapshot.lapHistory, cars);
  if (problem) return { ok: false, error: problem };
  const crossings = new Map<string, LineCrossings>();
  for (const car of snapshot.crossings) {
    const decoded = decodeCrossings(car);
    if (typeof decoded === 'string') return { ok: false, error: `crossings of car #${car.number}: ${decoded}` };
    crossings.set(car.number, decoded);
  }
  const lapHistory = new Map<string, CarLapHistory>();
  for (const car of snapshot.lapHistory) {
    const decoded = decodeCarLaps(car);
    if (typeof decoded === 'string') return { ok: false, error: `lap history of car #${car.number}: ${decoded}` };
    lapHistory.set(car.number, decoded);
  }
  const { info, classes, lastSeq } = snapshot;
  return {
    ok: true,
    record: {
      state: { info, classes, cars, crossings, lapHistory: lapHistory as LapHistory, lastSeq },
      raceControl: { entries: snapshot.raceControl },
    },
  };
}

function strayCarProblem(
  what: string,
  entries: readonly { number: string }[],
  cars: ReadonlyMap<string, CarFeed>,
): string | undefined {
  const seen = new Set<string>();
  for (const { number } of entries) {
    if (!cars.has(number)) return `${what} of car #${number}, which is not in the session`;
    if (seen.has(number)) return `${what} of car #${number} appears twice`;
    seen.add(number);
  }
  return undefined;
}

const rising = (values: readonly number[]) => values.every((value, i) => i === 0 || value > values[i - 1]!);

function decodeCrossings({ laps, atMs }: { laps: number[]; atMs: number[] }): LineCrossings | string {
  if (laps.length !== atMs.length) return 'laps and times differ in length';
  if (!rising(laps) || !rising(atMs)) return 'laps and times must rise';
  return { laps, atMs, count: laps.length };
}

function decodeCarLaps(car: z.output<typeof carLapsSchema>): CarLapHistory | string {
  const columns: LapColumns = car.laps;
  const count = columns.lap.length;
  const uneven = Object.entries(columns).find(([, values]) => values.length !== count);
  if (uneven) return `column ${uneven[0]} has ${uneven[1].length} entries for ${count} laps`;
  if (count > MAX_LAPS_PER_CAR) return `${count} laps, more than the ${MAX_LAPS_PER_CAR} kept`;
  if (!rising(columns.lap)) return 'laps must rise';
  const laps: LapRecord[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const driver = car.drivers[columns.driver[i]!];
    if (driver === undefined)
      return `lap ${columns.lap[i]} names driver ${columns.driver[i]}, of ${car.drivers.length}`;
    laps[i] = lapRecord(columns, i, driver);
  }
  return {
    ...(car.pitEnteredAtMs !== undefined && { pitEnteredAtMs: car.pitEnteredAtMs }),
    ...(car.pitLaneMs !== undefined && { pitLaneMs: car.pitLaneMs }),
    laps,
    pitSinceLine: car.pitSinceLine,
    inPit: car.inPit,
  };
}

/**
 * Fields in the order the lap history writes them, so a restored record prints the same. Set one
 * by one rather than spread: this runs for every lap of every car a snapshot holds.
 */
function lapRecord(columns: LapColumns, i: number, driver: string): LapRecord {
  const record = { lap: columns.lap[i]! } as LapRecord;
  const lapMs = columns.lapMs[i]!;
  if (lapMs !== null) record.lapMs = lapMs;
  const sectorsMs = columns.sectorsMs[i]!;
  if (sectorsMs !== null) record.sectorsMs = sectorsMs;
  const raceTimeMs = columns.raceTimeMs[i]!;
  if (raceTimeMs !== null) record.raceTimeMs = raceTimeMs;
  record.position = columns.position[i]!;
  record.classPosition = columns.classPosition[i]!;
  const gap = gapOf(columns.gapMs[i]!, columns.gapLaps[i]!);
  if (gap) record.gapToLeader = gap;
  record.pitIn = (columns.pit[i]! & PIT_IN) !== 0;
  record.pitOut = (columns.pit[i]! & PIT_OUT) !== 0;
  const pitLaneMs = columns.pitLaneMs[i]!;
  if (pitLaneMs !== null) record.pitLaneMs = pitLaneMs;
  record.flag = FLAGS[columns.flag[i]!] as Flag;
  record.driver = driver;
  return record;
}

function gapOf(ms: number | null, laps: number | null): Gap | undefined {
  if (ms !== null) return { ms };
  return laps === null ? undefined : { laps };
}

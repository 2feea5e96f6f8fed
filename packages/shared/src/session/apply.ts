import type { CarFeed, ClassInfo, SessionInfo } from './model';
import type { CarPatch, FeedUpdate, FullUpdate, PatchUpdate } from '../feed/update';
import { crossingsUpTo, NO_CROSSINGS, recordCrossing, type LineCrossings } from './crossings';
import { recordLaps, type LapHistory } from './lap-history';

/** What the core keeps of a session: the feed's facts only; everything shown is derived from it. */
export interface SessionState {
  info: SessionInfo;
  classes: ClassInfo[];
  /** By car number: a Map, since any text is a car number (`toString` too). */
  cars: ReadonlyMap<string, CarFeed>;
  /**
   * Each car's race time at the end of the laps it was seen to complete, so gaps can be taken at
   * the line, like a timing screen does, rather than from laps alone.
   */
  crossings: ReadonlyMap<string, LineCrossings>;
  /** Every car's laps as they were completed (lap-history.ts). */
  lapHistory: LapHistory;
  /** The highest feed `seq` accepted so far. */
  lastSeq: number;
}

export type ApplyOutcome =
  | { kind: 'accepted'; state: SessionState }
  | { kind: 'ignored'; reason: 'duplicate' | 'out-of-order'; lastSeq: number }
  | { kind: 'rejected'; error: string };

const reject = (error: string): ApplyOutcome => ({ kind: 'rejected', error });

/**
 * Applies one schema-valid feed update to a session (undefined when the session is new).
 * Never partially applies: the outcome is a whole new state or an untouched one.
 */
export function applyFeedUpdate(state: SessionState | undefined, update: FeedUpdate): ApplyOutcome {
  if (state && update.seq <= state.lastSeq) {
    return {
      kind: 'ignored',
      reason: update.seq === state.lastSeq ? 'duplicate' : 'out-of-order',
      lastSeq: state.lastSeq,
    };
  }
  const next = update.type === 'full' ? applyFull(state, update) : applyPatch(state, update);
  if (typeof next === 'string') return reject(next);
  const problem = runningOrderProblem(next.cars) ?? unknownClassProblem(next);
  return problem ? reject(problem) : { kind: 'accepted', state: next };
}

function applyFull(state: SessionState | undefined, update: FullUpdate): SessionState | string {
  const cars = new Map<string, CarFeed>();
  for (const car of update.cars) {
    if (cars.has(car.number)) return `car #${car.number} appears twice`;
    cars.set(car.number, car);
  }
  const info: SessionInfo = { status: 'scheduled', flag: 'none', ...update.session, id: update.sessionId };
  const crossings = recordCrossings(state?.crossings ?? new Map(), update.cars, true);
  return {
    info,
    classes: update.classes ?? mergeClasses(state?.classes ?? [], update.cars),
    cars,
    crossings,
    lapHistory: recordLaps(state?.lapHistory ?? new Map(), {
      cars,
      sent: new Map(update.cars.map((car) => [car.number, car])),
      crossings,
      flag: info.flag,
      ...(info.elapsedMs !== undefined && { elapsedMs: info.elapsedMs }),
      replaceAll: true,
    }),
    lastSeq: update.seq,
  };
}

function applyPatch(state: SessionState | undefined, update: PatchUpdate): SessionState | string {
  if (!state) return `unknown session "${update.sessionId}": send a full update first`;
  const cars = new Map(state.cars);
  for (const number of update.removed ?? []) {
    if (!cars.delete(number)) return `cannot remove car #${number}: it is not in the session`;
  }
  const seenInPatch = new Set<string>();
  for (const patch of update.cars ?? []) {
    if (seenInPatch.has(patch.number)) return `car #${patch.number} appears twice`;
    seenInPatch.add(patch.number);
    const merged = mergeCar(cars.get(patch.number), patch);
    if (typeof merged === 'string') return merged;
    cars.set(patch.number, merged);
  }
  const classes = update.classes ?? mergeClasses(state.classes, [...cars.values()]);
  const crossings = recordCrossings(
    state.crossings,
    (update.cars ?? []).map((patch) => cars.get(patch.number)!),
    false,
  );
  for (const number of update.removed ?? []) crossings.delete(number);
  const info: SessionInfo = { ...state.info, ...update.session };
  return {
    info,
    classes,
    cars,
    crossings,
    lapHistory: recordLaps(state.lapHistory, {
      cars,
      sent: new Map((update.cars ?? []).map((patch) => [patch.number, patch])),
      crossings,
      flag: info.flag,
      ...(info.elapsedMs !== undefined && { elapsedMs: info.elapsedMs }),
      replaceAll: false,
    }),
    lastSeq: update.seq,
  };
}

function mergeCar(existing: CarFeed | undefined, patch: CarPatch): CarFeed | string {
  if (existing) return { ...existing, ...patch };
  const missing = (['classId', 'driver', 'position', 'laps'] as const).filter((field) => patch[field] === undefined);
  if (missing.length > 0) return `car #${patch.number} is new to the session and needs ${missing.join(', ')}`;
  return patch as CarFeed;
}

/**
 * Notes each car's time at the line for the lap it now shows. A car whose laps went down (a
 * restarted session) loses the laps it no longer has; a full update forgets cars it omits.
 */
function recordCrossings(
  previous: ReadonlyMap<string, LineCrossings>,
  cars: readonly CarFeed[],
  replaceAll: boolean,
): Map<string, LineCrossings> {
  const crossings = replaceAll ? new Map<string, LineCrossings>() : new Map(previous);
  for (const car of cars) {
    const before = crossingsUpTo(previous.get(car.number) ?? NO_CROSSINGS, car.laps);
    const crossed = car.totalTimeMs !== undefined && car.laps > 0;
    crossings.set(car.number, crossed ? recordCrossing(before, car.laps, car.totalTimeMs!) : before);
  }
  return crossings;
}

/** Positions must run 1..N with no gap or repeat, so the order a viewer sees is never ambiguous. */
export function runningOrderProblem(cars: ReadonlyMap<string, CarFeed>): string | undefined {
  const holders = new Map<number, string>();
  for (const car of cars.values()) {
    const other = holders.get(car.position);
    if (other !== undefined) return `position ${car.position} is given to both #${other} and #${car.number}`;
    holders.set(car.position, car.number);
  }
  for (let position = 1; position <= cars.size; position++) {
    if (!holders.has(position)) {
      return `positions must run 1..${cars.size} without gaps: position ${position} is missing`;
    }
  }
  return undefined;
}

function unknownClassProblem(state: SessionState): string | undefined {
  const known = new Set(state.classes.map((c) => c.id));
  const stray = [...state.cars.values()].find((car) => !known.has(car.classId));
  return stray ? `car #${stray.number} is in class "${stray.classId}", which the session does not declare` : undefined;
}

function classesSeenIn(cars: readonly Pick<CarFeed, 'classId'>[]): ClassInfo[] {
  return [...new Set(cars.map((car) => car.classId))].map((id) => ({ id, name: id }));
}

/**
 * Classes declared in an update are binding; otherwise a class is added as it first appears, so
 * a feed that never declares classes (RMonitor without $C) still gets class splits.
 */
function mergeClasses(classes: ClassInfo[], cars: readonly CarFeed[]): ClassInfo[] {
  const known = new Set(classes.map((c) => c.id));
  const added = classesSeenIn(cars).filter((c) => !known.has(c.id));
  return added.length === 0 ? classes : [...classes, ...added];
}

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
  // A state was whole before this update; only what the update changed can have broken it. Feeds
  // often resend a car whole, so a field sent with the value it had is no change.
  const full = update.type === 'full';
  const changed = (field: 'position' | 'classId') =>
    update.cars?.some((car) => car[field] !== undefined && car[field] !== state?.cars.get(car.number)?.[field]);
  const moved = full || (update.removed?.length ?? 0) > 0 || changed('position');
  const reclassed = full || update.classes !== undefined || changed('classId');
  const problem =
    (moved ? runningOrderProblem(next.cars) : undefined) ??
    (reclassed ? unknownClassProblem(next.cars, next.classes) : undefined);
  if (problem) return reject(problem);
  // Crossings and laps last, once the update is known to be accepted: crossings extend shared buffers.
  const crossings = full
    ? recordCrossings(state?.crossings ?? new Map(), update.cars, true)
    : recordCrossings(
        state!.crossings,
        (update.cars ?? []).map((patch) => next.cars.get(patch.number)!),
        false,
        update.removed,
      );
  const lapHistory = recordLaps(full ? (state?.lapHistory ?? new Map()) : state!.lapHistory, {
    cars: next.cars,
    sent: new Map((update.cars ?? []).map((car) => [car.number, car])),
    crossings,
    flag: next.info.flag,
    ...(next.info.elapsedMs !== undefined && { elapsedMs: next.info.elapsedMs }),
    replaceAll: full,
    ...(update.type === 'patch' && update.removed && { removed: update.removed }),
  });
  return { kind: 'accepted', state: { ...next, crossings, lapHistory } };
}

type StateWithoutLaps = Omit<SessionState, 'crossings' | 'lapHistory'>;

function applyFull(state: SessionState | undefined, update: FullUpdate): StateWithoutLaps | string {
  const cars = new Map<string, CarFeed>();
  for (const car of update.cars) {
    if (cars.has(car.number)) return `car #${car.number} appears twice`;
    cars.set(car.number, withoutLapSectors(car));
  }
  return {
    info: { status: 'scheduled', flag: 'none', ...update.session, id: update.sessionId },
    classes: update.classes ?? mergeClasses(state?.classes ?? [], update.cars),
    cars,
    lastSeq: update.seq,
  };
}

function applyPatch(state: SessionState | undefined, update: PatchUpdate): StateWithoutLaps | string {
  if (!state) return `unknown session "${update.sessionId}": send a full update first`;
  const cars = new Map(state.cars);
  for (const number of update.removed ?? []) {
    if (!cars.delete(number)) return `cannot remove car #${number}: it is not in the session`;
  }
  const patched: CarFeed[] = [];
  const seenInPatch = new Set<string>();
  for (const patch of update.cars ?? []) {
    if (seenInPatch.has(patch.number)) return `car #${patch.number} appears twice`;
    seenInPatch.add(patch.number);
    const merged = mergeCar(cars.get(patch.number), patch);
    if (typeof merged === 'string') return merged;
    cars.set(patch.number, merged);
    patched.push(merged);
  }
  return {
    info: update.session ? { ...state.info, ...update.session } : state.info,
    // Cars the patch did not touch are in the class list already.
    classes: update.classes ?? mergeClasses(state.classes, patched),
    cars,
    lastSeq: update.seq,
  };
}

function mergeCar(existing: CarFeed | undefined, patch: CarPatch): CarFeed | string {
  if (existing) return withoutLapSectors({ ...existing, ...patch });
  const missing = (['classId', 'driver', 'position', 'laps'] as const).filter((field) => patch[field] === undefined);
  if (missing.length > 0) return `car #${patch.number} is new to the session and needs ${missing.join(', ')}`;
  return withoutLapSectors(patch as CarFeed);
}

/**
 * Sector times belong to the lap just completed, and the lap history keeps them with it (from the
 * update as sent). A car that kept them would show them against its later laps, and dropping them
 * here, once per car sent, spares deriving the view from stripping every car on every update.
 */
function withoutLapSectors(car: CarFeed): CarFeed {
  if (car.lastLapSectorsMs === undefined) return car;
  const { lastLapSectorsMs: _keptInLapHistory, ...kept } = car;
  return kept;
}

/**
 * Notes each car's time at the line for the lap it now shows. A car whose laps went down (a
 * restarted session) loses the laps it no longer has; a full update forgets cars it omits.
 */
function recordCrossings(
  previous: ReadonlyMap<string, LineCrossings>,
  cars: readonly CarFeed[],
  replaceAll: boolean,
  removed: readonly string[] = [],
): Map<string, LineCrossings> {
  const crossings = replaceAll ? new Map<string, LineCrossings>() : new Map(previous);
  for (const number of removed) crossings.delete(number);
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

function unknownClassProblem(cars: ReadonlyMap<string, CarFeed>, classes: readonly ClassInfo[]): string | undefined {
  const known = new Set(classes.map((c) => c.id));
  const stray = [...cars.values()].find((car) => !known.has(car.classId));
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

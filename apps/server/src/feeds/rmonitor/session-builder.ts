import type { z } from 'zod';
import {
  describeIssues,
  LIMITS,
  carFeedSchema,
  changedFields,
  classInfoSchema,
  sessionMetaSchema,
  type CarFeed,
  type CarPatch,
  type ClassInfo,
  type FeedUpdate,
  type PatchUpdate,
  type Flag,
  type SessionMeta,
  type SessionStatus,
} from '@pitwall/shared';
import { withDefined } from './defined';
import type { CompetitorRecord, HeartbeatRecord, RMonitorRecord } from './parser';

/** Which session the feed fills: given by configuration, the feed only refines the name ($B). */
export interface SessionBuilderOptions {
  sessionId: string;
  seriesId: string;
  event: string;
  name: string;
  round?: number;
  race?: number;
}

/**
 * Turns RMonitor records into FeedUpdates for one session. Pure state machine: no I/O, no timers.
 * `push` applies a record and, on each $F heartbeat (once a second), returns the update that
 * brings the session store from the last emission to now; `flush` does the same on demand (end
 * of a capture, a quiet line). Emitting per heartbeat rather than per record lets a burst of
 * $G lines settle, and the diff against the last emission makes the 30 s refresh (which repeats
 * everything) produce no update at all.
 */
export interface SessionBuilder {
  /** Applies a record. `problem` explains a record that was refused (and changed nothing). */
  push(record: RMonitorRecord): { update?: FeedUpdate; problem?: string };
  flush(): FeedUpdate | undefined;
  /**
   * Makes the next emission a full update numbered after `lastSeq` (when given): used when the
   * session store refused an update or already holds a later one, so both sides agree again.
   */
  resync(lastSeq?: number): void;
}

interface Entrant {
  number: string;
  classNumber: number;
  driver: string;
  team?: string;
  status?: 'retired' | 'excluded';
  /** Order of first registration: the order of cars that have no $G yet. */
  registeredOrder: number;
}

/** Everything the feed has said about one registration number, whichever record came first. */
interface CarFacts {
  entrant?: Entrant;
  /** From $G. `reportedAt` orders claims on the same position (see `runningOrder`). */
  standing?: { position: number; reportedAt: number };
  laps?: number;
  totalTimeMs?: number;
  lastLapMs?: number;
  bestLapMs?: number;
  bestLapNumber?: number;
  inPit?: boolean;
}

interface Clocks {
  flag: Flag;
  status?: SessionStatus;
  timeRemainingMs?: number;
  lapsRemaining?: number;
  elapsedMs?: number;
  /** Seen a time to go above zero: only then is "00:00:00" a real "time is up". */
  timed: boolean;
  /** Seen laps to go between 1 and 9998: before that 0 and 9999 mean "no lap count". */
  lapLimited: boolean;
}

interface Emitted {
  session: SessionMeta;
  classes: ClassInfo[];
  cars: Map<string, CarFeed>;
}

/** Orbits sends 9999 laps to go when the race is not run to a lap count. */
const NO_LAP_LIMIT = 9999;
/** The most cars and classes one update may carry (fullUpdateSchema / patchUpdateSchema). */
const MAX_CARS = LIMITS.cars;
const MAX_CLASSES = LIMITS.classes;
/**
 * Registration numbers followed at once, registered or not: timing lines may name cars before
 * their $A/$COMP, but a feed naming ever more of them must not grow the builder without bound.
 */
const MAX_TRACKED = 2 * MAX_CARS;

export function createSessionBuilder(options: SessionBuilderOptions): SessionBuilder {
  let cars = new Map<string, CarFacts>();
  let classNames = new Map<number, string>();
  let runName: string | undefined;
  let clocks: Clocks = { flag: 'none', timed: false, lapLimited: false };
  let reports = 0;
  let registrations = 0;
  let seq = 0;
  let emitted: Emitted | undefined;

  const facts = (registration: string): CarFacts | undefined => {
    let car = cars.get(registration);
    if (!car && cars.size < MAX_TRACKED) {
      car = {};
      cars.set(registration, car);
    }
    return car;
  };
  const untracked = (registration: string) =>
    `more than ${MAX_TRACKED} registration numbers seen: "${registration}" not followed`;

  /** $L names a car by number; registration and number are usually the same, but not always. */
  const registrationOfNumber = (number: string): string =>
    [...cars].find(([, car]) => car.entrant?.number === number)?.[0] ?? number;

  function register(record: CompetitorRecord): string | undefined {
    const number = record.number || record.registration;
    const driver =
      [record.firstName, record.lastName].filter(Boolean).join(' ').replace(/\s+/g, ' ') || `Car ${number}`;
    const numberProblem = schemaProblem(carFeedSchema.shape.number, number, `car number "${number}"`);
    const driverProblem = schemaProblem(carFeedSchema.shape.driver, driver, `driver of #${number}`);
    const teamProblem = schemaProblem(carFeedSchema.shape.team, record.additionalData, `team of #${number}`);
    if (numberProblem ?? driverProblem ?? teamProblem) return numberProblem ?? driverProblem ?? teamProblem;
    const holder = [...cars].find(
      ([registration, car]) => car.entrant?.number === number && registration !== record.registration,
    );
    if (holder) return `car number ${number} is already registered to "${holder[0]}"`;
    const known = cars.get(record.registration)?.entrant;
    if (!known && registrations >= MAX_CARS) return `more than ${MAX_CARS} cars: "${record.registration}" not added`;
    const classProblem = classLimitProblem(record.classNumber);
    if (classProblem) return classProblem;

    const car = facts(record.registration);
    if (!car) return untracked(record.registration);
    const entrant: Entrant = {
      number,
      classNumber: record.classNumber,
      driver,
      registeredOrder: car.entrant?.registeredOrder ?? registrations++,
    };
    // $A has no team or status: a $A repeating a $COMP must not wipe what the $COMP said.
    const team = record.source === 'COMP' ? record.additionalData : car.entrant?.team;
    if (team) entrant.team = team;
    const status = record.source === 'COMP' ? record.status : car.entrant?.status;
    if (status) entrant.status = status;
    car.entrant = entrant;
    return undefined;
  }

  function classId(classNumber: number): string {
    return classNames.get(classNumber) ?? String(classNumber);
  }

  function classNumbersInUse(): number[] {
    return [...cars.values()].flatMap((car) => (car.entrant ? [car.entrant.classNumber] : []));
  }

  function classLimitProblem(classNumber: number): string | undefined {
    const numbers = new Set([...classNames.keys(), ...classNumbersInUse(), classNumber]);
    return numbers.size > MAX_CLASSES ? `more than ${MAX_CLASSES} classes: class ${classNumber} not added` : undefined;
  }

  function applyHeartbeat(record: HeartbeatRecord): void {
    const started = clocks.status !== undefined || record.flag !== 'none';
    const timed = clocks.timed || record.timeToGoMs > 0;
    const lapLimited = clocks.lapLimited || (record.lapsToGo > 0 && record.lapsToGo < NO_LAP_LIMIT);
    clocks = {
      flag: record.flag,
      status: sessionStatus(clocks.status, record.flag),
      timed,
      lapLimited,
      // Before the first flag the race time is a placeholder (Orbits sends 00:59:59 then).
      elapsedMs: started ? record.raceTimeMs : undefined,
      timeRemainingMs: timed ? record.timeToGoMs : undefined,
      // Orbits runs a timed race with 9999 and counts 1 on the last lap once time is up.
      lapsRemaining: lapLimited && record.lapsToGo < NO_LAP_LIMIT ? record.lapsToGo : undefined,
    };
  }

  function clear(): void {
    cars = new Map();
    classNames = new Map();
    runName = undefined;
    clocks = { flag: 'none', timed: false, lapLimited: false };
    reports = 0;
    registrations = 0;
    emitted = undefined;
  }

  /** Applies one record to the state; returns why it was refused, if it was. */
  function apply(record: RMonitorRecord): string | undefined {
    switch (record.kind) {
      case 'heartbeat':
        applyHeartbeat(record);
        return undefined;
      case 'competitor':
        return register(record);
      case 'run': {
        if (!record.description) return undefined;
        const problem = schemaProblem(sessionMetaSchema.shape.name, record.description, 'run description');
        if (!problem) runName = record.description;
        return problem;
      }
      case 'class': {
        if (!record.description) return undefined;
        const problem =
          schemaProblem(classInfoSchema.shape.id, record.description, `class ${record.classNumber} name`) ??
          classLimitProblem(record.classNumber);
        if (!problem) classNames.set(record.classNumber, record.description);
        return problem;
      }
      case 'race': {
        const car = facts(record.registration);
        if (!car) return untracked(record.registration);
        car.standing = { position: record.position, reportedAt: ++reports };
        car.laps = record.laps ?? 0;
        if (record.totalTimeMs !== undefined) car.totalTimeMs = record.totalTimeMs;
        return undefined;
      }
      case 'practice': {
        const car = facts(record.registration);
        if (!car) return untracked(record.registration);
        if (record.bestLapMs !== undefined) car.bestLapMs = record.bestLapMs;
        if (record.bestLapNumber !== undefined) car.bestLapNumber = record.bestLapNumber;
        return undefined;
      }
      case 'passing': {
        if (record.lapTimeMs === undefined) return undefined;
        const car = facts(record.registration);
        if (!car) return untracked(record.registration);
        car.lastLapMs = record.lapTimeMs;
        return undefined;
      }
      case 'correction': {
        const car = facts(record.registration);
        if (!car) return untracked(record.registration);
        car.laps = record.laps;
        car.totalTimeMs = record.totalTimeMs;
        return undefined;
      }
      case 'line-crossing': {
        const registration = registrationOfNumber(record.carNumber);
        const car = facts(registration);
        if (!car) return untracked(registration);
        car.inPit = record.inPitLane;
        return undefined;
      }
      case 'init':
        clear();
        return undefined;
      case 'setting':
      case 'track':
      case 'unknown':
        return undefined;
    }
  }

  function snapshot(): Emitted {
    const session: SessionMeta = withDefined({
      seriesId: options.seriesId,
      event: options.event,
      name: runName ?? options.name,
      round: options.round,
      race: options.race,
      status: clocks.status,
      flag: clocks.flag,
      timeRemainingMs: clocks.timeRemainingMs,
      lapsRemaining: clocks.lapsRemaining,
      elapsedMs: clocks.elapsedMs,
    });
    const order = runningOrder(cars);
    const feedCars = new Map<string, CarFeed>();
    order.forEach(([, car, entrant], index) => {
      feedCars.set(
        entrant.number,
        withDefined({
          number: entrant.number,
          classId: classId(entrant.classNumber),
          driver: entrant.driver,
          team: entrant.team,
          position: index + 1,
          laps: car.laps ?? 0,
          totalTimeMs: car.totalTimeMs,
          lastLapMs: car.lastLapMs,
          bestLapMs: car.bestLapMs,
          bestLapNumber: car.bestLapNumber,
          inPit: car.inPit,
          status: entrant.status ?? (car.inPit ? 'pit' : 'running'),
        }),
      );
    });
    return { session, classes: declaredClasses(), cars: feedCars };
  }

  /**
   * Named classes plus any class a car is in before its $C arrives (the 2009 capture names a
   * class 50 minutes after its cars appear), in class number order. The list is binding for the
   * session store, so it always covers every car.
   */
  function declaredClasses(): ClassInfo[] {
    const numbers = [...new Set([...classNames.keys(), ...classNumbersInUse()])].sort((a, b) => a - b);
    const byId = new Map<string, ClassInfo>();
    for (const number of numbers) {
      const name = classNames.get(number);
      const id = classId(number);
      if (!byId.has(id)) byId.set(id, { id, name: name ?? `Class ${number}` });
    }
    return [...byId.values()];
  }

  function flush(): FeedUpdate | undefined {
    const now = snapshot();
    const changes = emitted ? changesBetween(emitted, now) : 'resend';
    if (changes === undefined) return undefined;
    emitted = now;
    seq += 1;
    const header = { sessionId: options.sessionId, seq };
    return changes === 'resend'
      ? { type: 'full', ...header, session: now.session, classes: now.classes, cars: [...now.cars.values()] }
      : { type: 'patch', ...header, ...changes };
  }

  return {
    push(record) {
      const problem = apply(record);
      if (problem) return { problem };
      return record.kind === 'heartbeat' ? withDefined({ update: flush() }) : {};
    },
    flush,
    resync(lastSeq) {
      emitted = undefined;
      if (lastSeq !== undefined) seq = Math.max(seq, lastSeq);
    },
  };
}

/**
 * The running order as positions 1..N over the registered cars. $G positions are trusted, but
 * the feed sends one $G per car, so in the middle of a burst two cars can claim the same place
 * (the car that just crossed the line took it; the one it passed has not been re-sent yet).
 * Sorting by claimed position, newest claim first on a tie, gives exactly that reading and
 * converges to the feed's own order as soon as the burst completes. Gaps (a position held by a
 * car we cannot show yet) close up. Cars without any $G go last, in registration order, since
 * the timing system has not placed them at all.
 */
function runningOrder(cars: Map<string, CarFacts>): [string, CarFacts, Entrant][] {
  const registered = [...cars].flatMap(([registration, car]) =>
    car.entrant ? [[registration, car, car.entrant] as [string, CarFacts, Entrant]] : [],
  );
  return registered.sort(([, a, aEntrant], [, b, bEntrant]) => {
    if (a.standing && b.standing) {
      return a.standing.position - b.standing.position || b.standing.reportedAt - a.standing.reportedAt;
    }
    if (a.standing || b.standing) return a.standing ? -1 : 1;
    return aEntrant.registeredOrder - bEntrant.registeredOrder;
  });
}

function sessionStatus(previous: SessionStatus | undefined, flag: Flag): SessionStatus | undefined {
  if (flag === 'checkered') return 'finished';
  if (flag === 'none') return previous;
  return 'running';
}

type PatchBody = Pick<PatchUpdate, 'session' | 'classes' | 'cars'>;

/**
 * Only what changed: changed session fields, changed fields of changed cars, the class list when
 * it changed (it is binding, so it goes whole). A patch cannot take a field or a car away, so
 * then the whole session is sent again ('resend'). Undefined when nothing changed.
 */
function changesBetween(before: Emitted, after: Emitted): PatchBody | 'resend' | undefined {
  const session = changedFields(before.session, after.session);
  if (session === 'removed' || [...before.cars.keys()].some((number) => !after.cars.has(number))) return 'resend';
  const cars: CarPatch[] = [];
  for (const [number, car] of after.cars) {
    const previous = before.cars.get(number);
    const changes = previous ? changedFields(previous, car) : car;
    if (changes === 'removed') return 'resend';
    if (changes) cars.push({ ...changes, number });
  }
  const classesChanged = JSON.stringify(before.classes) !== JSON.stringify(after.classes);
  if (!session && cars.length === 0 && !classesChanged) return undefined;
  return withDefined({
    session,
    classes: classesChanged ? after.classes : undefined,
    cars: cars.length > 0 ? cars : undefined,
  });
}

/** Checks a feed value against the session model's own limits, so an update never fails them. */
function schemaProblem(schema: z.ZodType, value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  return result.success ? undefined : describeIssues(result.error.issues, what);
}

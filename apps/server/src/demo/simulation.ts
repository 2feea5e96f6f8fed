import type {
  CarFeed,
  CarPatch,
  ClassInfo,
  FeedUpdate,
  Flag,
  LineCrossing,
  PatchUpdate,
  TimedFeedUpdate,
} from '@pitwall/shared';
import { jitter, mulberry32, TimingBuilder, type Random } from '@pitwall/shared';

/** A car entered in a demo race, with the place it must finish in. */
export interface DemoCar {
  number: string;
  classId: string;
  driver: string;
  team?: string;
  manufacturer?: string;
  /** Overall finishing position the simulated race ends with: 1..N over the plan's cars, DNS cars last. */
  finishPosition: number;
  /** Did not start: the car keeps its slot at the back of the grid and never turns a lap. */
  dns?: boolean;
  /** Excluded from the result: the car runs to the flag in its slot and is excluded once the race is over. */
  excluded?: boolean;
}

/** Everything a simulated race needs; `plans.ts` builds one from a season's real result. */
export interface DemoPlan {
  sessionId: string;
  seriesId: string;
  event: string;
  name: string;
  round: number;
  race: number;
  classes: ClassInfo[];
  cars: DemoCar[];
  /**
   * The head of the grid (or all of it), starters in order; the other starters follow in the
   * finishing order, shuffled a little.
   */
  grid?: string[];
  /** The starter that sets the race's fastest lap. */
  fastestLap?: string;
  /** The starter that leads the most laps: it sets the pace until the restart after the yellow. */
  mostLapsLed?: string;
  /** A timed race: the checkered flag falls on the leader's first crossing once this has run. */
  durationMs: number;
  /** Typical green-flag race lap of each class on this circuit. */
  baseLapMs: Record<string, number>;
  /** Called at `startMs`; the restart is the leader's first crossing once `durationMs` has passed. */
  fcy: { startMs: number; durationMs: number };
  /** Cars that retire: exactly the last starters of the finishing order, since a retired car ranks by laps. */
  retirements: string[];
}

/** How far the last car of a class is off its winner's green-flag pace. */
const CLASS_PACE_SPREAD = 0.015;
/** How far a car's pace before the yellow strays from its true pace: this is what makes mid-race passes. */
const EARLY_FORM_SPREAD = 0.006;
const LAP_SCATTER = 0.003;
/** Rolling start: the first lap is slower and the field takes the green in file. */
const FIRST_LAP_FACTOR = 1.05;
const GRID_SPACING_MS = 350;
/** How many places a car's grid slot may differ from its finish when no real grid is known. */
const GRID_SHUFFLE = 6;
/** The safety car's lap against the fastest class's green lap. */
const SAFETY_CAR_LAP_FACTOR = 1.6;
/** Cars not yet in the queue run this much quicker than the safety car until they close up. */
const CATCH_UP_FACTOR = 0.8;
const QUEUE_GAP_MS = 1_100;
/** A stop under the yellow: time lost to the queue, and time spent in the pit lane. */
const YELLOW_STOP_LOSS_MS = 22_000;
const YELLOW_STOP_LANE_MS = 40_000;
/** Share of finishers who stop under the yellow; they come from the back half of their class. */
const YELLOW_STOPPER_SHARE = 0.12;
/** The last finisher loses this many laps in the garage before the yellow: the race has a lapped car. */
const REPAIR_STOP_LAPS = 1.7;
/** Share of the time before the yellow at which the repair stop and the first retirement happen. */
const REPAIR_AT = 0.3;
const FIRST_RETIREMENT_AT = 0.35;
const LAST_RETIREMENT_AT = 0.85;
/** A car that retires stops on track this far into its next lap. */
const STOP_ON_TRACK_LAP_SHARE = 0.4;
/** How much quicker than anyone else's early form the car that leads the most laps runs before the yellow. */
const LAPS_LED_EDGE = 0.004;
/** How far under everyone else's best lap the fastest lap falls, at most. */
const FASTEST_LAP_EDGE_MS = 250;
/** Gap to the car ahead on the same lap at the flag. */
const MIN_FINISH_GAP_MS = 250;
const MAX_FINISH_GAP_MS = 2_500;
/** The yellow must leave this many laps of the slowest class to settle the order. */
const LAPS_AFTER_RESTART = 4;
/** Laps of the slowest class that must be run before the yellow, for the repair stop and retirements. */
const LAPS_BEFORE_YELLOW = 8;
/** Share of a lap each of the three timing sectors takes, and how far a sector strays from it lap to lap. */
const SECTOR_SHARES = [0.34, 0.37, 0.29] as const;
const SECTOR_SCATTER = 0.006;

interface Stop {
  lap: number;
  inMs: number;
  outMs: number;
}

/** One car through the simulation: its plan, its pace and the line crossings decided so far. */
interface Racer {
  car: DemoCar;
  startPosition: number;
  /** Green-flag lap the car ends the race on. */
  paceMs: number;
  /** Green-flag lap before the yellow. */
  earlyPaceMs: number;
  /** Race time of each completed lap, lap 1 first. */
  crossings: number[];
  nextMs?: number;
  stops: Stop[];
  retiredMs?: number;
  /** The first crossing after the restart: from here the car runs to its planned finish. */
  restart?: { laps: number; atMs: number };
}

/**
 * Simulates a timed race as a feed would report it: a full update with the grid, then one update
 * for every moment something changes (a line crossing, a flag, a pit exit, a retirement).
 * Deterministic for a seed. The race finishes in the plan's finishing order: cars run free up to
 * the full-course yellow's restart, then each car's last laps are planned to reach its slot.
 */
export function simulateRace(plan: DemoPlan, seed: number): TimedFeedUpdate[] {
  const finishingOrder = checkPlan(plan);
  const random = mulberry32(seed);
  const racers = buildField(plan, finishingOrder, random);
  const restartMs = runToRestart(plan, racers, random);
  const checkeredMs = runToFlag(plan, racers, random);
  if (plan.fastestLap) setFastestLap(plan, racers, plan.fastestLap, random);
  // Sector splits draw last, so every lap time above is the same with or without them.
  return timeline(plan, racers, { fcyMs: plan.fcy.startMs, restartMs, checkeredMs }, random);
}

/** Rejects a plan the simulation cannot honour; returns its cars in finishing order. */
function checkPlan(plan: DemoPlan): DemoCar[] {
  const fail = (problem: string): never => {
    throw new Error(`demo plan ${plan.sessionId}: ${problem}`);
  };
  const order = [...plan.cars].sort((a, b) => a.finishPosition - b.finishPosition);
  if (new Set(plan.cars.map((car) => car.number)).size !== plan.cars.length) fail('a car number appears twice');
  order.forEach((car, index) => {
    if (car.finishPosition !== index + 1)
      fail(`finish positions must run 1..${order.length}; #${car.number} has ${car.finishPosition}`);
    if (!car.dns && order[index - 1]?.dns) fail(`#${car.number} starts but finishes behind a car that did not start`);
  });
  const classes = new Set(plan.classes.map((c) => c.id));
  for (const car of plan.cars) {
    if (!classes.has(car.classId)) fail(`#${car.number} is in class "${car.classId}", which the plan does not declare`);
    if (!((plan.baseLapMs[car.classId] ?? 0) > 0)) fail(`no base lap time for class "${car.classId}"`);
  }
  const starters = order.filter((car) => !car.dns);
  if (starters.length === 0) fail('no car starts');
  const retiring = new Set(plan.retirements);
  const lastStarters = starters.slice(starters.length - retiring.size).map((car) => car.number);
  if (retiring.size >= starters.length || lastStarters.some((number) => !retiring.has(number))) {
    fail('retirements must be the last starters of the finishing order, and someone must finish');
  }
  const startersSet = new Set(starters.map((car) => car.number));
  if (
    plan.grid &&
    (new Set(plan.grid).size !== plan.grid.length || plan.grid.some((number) => !startersSet.has(number)))
  ) {
    fail('the grid must list starters, each once');
  }
  for (const [bonus, number] of [
    ['fastest lap', plan.fastestLap],
    ['most laps led', plan.mostLapsLed],
  ] as const) {
    if (number !== undefined && !startersSet.has(number)) fail(`the ${bonus} must go to a starter, not #${number}`);
  }
  const excludedRetiring = plan.cars.find((car) => car.excluded && (car.dns || retiring.has(car.number)));
  if (excludedRetiring) fail(`#${excludedRetiring.number} is excluded, so it must start and run to the flag`);
  const lapsMs = starters.map((car) => plan.baseLapMs[car.classId] ?? 0);
  const slowestLapMs = Math.max(...lapsMs);
  const { startMs, durationMs } = plan.fcy;
  if (startMs < LAPS_BEFORE_YELLOW * slowestLapMs || durationMs <= 0) {
    fail(`the yellow must come after ${LAPS_BEFORE_YELLOW} laps of the slowest class`);
  }
  // The restart waits for the leader's next pass behind the safety car.
  const restartBy = startMs + durationMs + Math.min(...lapsMs) * SAFETY_CAR_LAP_FACTOR;
  if (restartBy + LAPS_AFTER_RESTART * slowestLapMs > plan.durationMs) {
    fail(`the yellow must end at least ${LAPS_AFTER_RESTART} laps of the slowest class before the flag`);
  }
  return order;
}

/** Pace and grid slot of every car, from its finishing position. */
function buildField(plan: DemoPlan, order: DemoCar[], random: Random): Racer[] {
  const classSize = new Map<string, number>();
  for (const car of order) if (!car.dns) classSize.set(car.classId, (classSize.get(car.classId) ?? 0) + 1);
  const classRank = new Map<string, number>();
  let slowestAhead = 0;
  const paced = order.map((car) => {
    const rank = classRank.get(car.classId) ?? 0;
    classRank.set(car.classId, rank + 1);
    const depth = rank / Math.max(1, (classSize.get(car.classId) ?? 1) - 1);
    // Never quicker than a car that beats it: the run to the flag then only has to fine-tune gaps.
    const paceMs = Math.max(slowestAhead, (plan.baseLapMs[car.classId] ?? 0) * (1 + CLASS_PACE_SPREAD * depth));
    slowestAhead = paceMs;
    return { car, paceMs, earlyPaceMs: paceMs * (1 + jitter(random, EARLY_FORM_SPREAD)) };
  });
  // The car that leads the most laps is the quickest until the yellow, and leads from then to the
  // restart: more than half the race, which nobody can match after the restart.
  const leader = paced.find((racer) => racer.car.number === plan.mostLapsLed);
  if (leader) {
    const quickest = Math.min(...paced.filter((racer) => racer !== leader).map((racer) => racer.earlyPaceMs));
    leader.earlyPaceMs = Math.min(leader.earlyPaceMs, quickest * (1 - LAPS_LED_EDGE));
  }
  const gridOrder = startingGrid(plan, order, random);
  return paced.map((racer) => ({
    ...racer,
    startPosition: gridOrder.indexOf(racer.car.number) + 1,
    crossings: [],
    stops: [],
  }));
}

/**
 * Car numbers in grid order: the plan's grid, then the other starters in finishing order shuffled
 * a little, then the cars that did not start.
 */
function startingGrid(plan: DemoPlan, order: DemoCar[], random: Random): string[] {
  const known = plan.grid ?? [];
  const rest = order
    .filter((car) => !car.dns && !known.includes(car.number))
    .map((car, index) => ({ number: car.number, slot: index + random() * GRID_SHUFFLE }))
    .sort((a, b) => a.slot - b.slot)
    .map((entry) => entry.number);
  return [...known, ...rest, ...order.filter((car) => car.dns).map((car) => car.number)];
}

/**
 * Runs the race crossing by crossing from the start to the restart after the yellow: green laps
 * at each car's early form, a repair stop that costs the last finisher laps, retirements, and the
 * yellow, where the field queues behind the leader and some cars stop. Returns the restart time.
 */
function runToRestart(plan: DemoPlan, racers: Racer[], random: Random): number {
  const starters = racers.filter((racer) => !racer.car.dns);
  const safetyCarLapMs =
    Math.min(...starters.map((racer) => plan.baseLapMs[racer.car.classId] ?? 0)) * SAFETY_CAR_LAP_FACTOR;
  const yellowEndMs = plan.fcy.startMs + plan.fcy.durationMs;
  const retiring = retirementSchedule(plan, racers);
  const finishers = starters.filter((racer) => !retiring.has(racer));
  const repaired = finishers.at(-1);
  const yellowStoppers = pickYellowStoppers(
    finishers.filter((racer) => racer !== repaired),
    random,
  );

  for (const racer of starters) {
    racer.nextMs = Math.round(racer.earlyPaceMs * FIRST_LAP_FACTOR) + (racer.startPosition - 1) * GRID_SPACING_MS;
  }
  let yellow = false;
  let restartMs: number | undefined;
  /** Next crossing of the last car that joined the queue under the yellow: the next car follows it. */
  let queueTailMs = 0;
  for (let racer = nextToCross(starters); racer; racer = nextToCross(starters)) {
    const atMs = racer.nextMs as number;
    if (!yellow && restartMs === undefined && atMs >= plan.fcy.startMs) {
      slowForYellow(starters, plan.fcy.startMs, safetyCarLapMs);
      yellow = true;
      continue;
    }
    racer.crossings.push(atMs);
    racer.nextMs = undefined;
    const laps = racer.crossings.length;
    const leading = starters.every((other) => other === racer || other.crossings.length < laps);
    if (yellow && leading && atMs >= yellowEndMs) {
      yellow = false;
      restartMs = atMs;
    }
    const retirement = retiring.get(racer);
    if (retirement) {
      if (
        atMs >= retirement.atMs &&
        retirement.after.every((worse) => worse.retiredMs !== undefined && worse.crossings.length < laps)
      ) {
        racer.retiredMs = atMs + Math.round(racer.paceMs * STOP_ON_TRACK_LAP_SHARE);
        continue;
      }
    } else if (restartMs !== undefined) {
      racer.restart = { laps, atMs };
      continue;
    }
    if (yellow) {
      const queuedMs = leading
        ? atMs + safetyCarLapMs
        : Math.max(atMs + safetyCarLapMs * CATCH_UP_FACTOR, queueTailMs + QUEUE_GAP_MS);
      if (yellowStoppers.has(racer) && atMs >= plan.fcy.startMs + safetyCarLapMs / 2) {
        yellowStoppers.delete(racer);
        racer.stops.push({ lap: laps, inMs: atMs, outMs: atMs + YELLOW_STOP_LANE_MS });
        racer.nextMs = Math.round(queuedMs + YELLOW_STOP_LOSS_MS);
      } else {
        racer.nextMs = Math.round(queuedMs);
        queueTailMs = racer.nextMs;
      }
      continue;
    }
    let lapMs = racer.earlyPaceMs * (1 + jitter(random, LAP_SCATTER));
    if (racer === repaired && racer.stops.length === 0 && atMs >= plan.fcy.startMs * REPAIR_AT) {
      const repairMs = Math.round(racer.paceMs * REPAIR_STOP_LAPS);
      racer.stops.push({ lap: laps, inMs: atMs, outMs: atMs + repairMs });
      lapMs += repairMs;
    }
    racer.nextMs = atMs + Math.round(lapMs);
  }
  if (restartMs === undefined)
    throw new Error(`demo plan ${plan.sessionId}: the race never restarted after the yellow`);
  return restartMs;
}

function nextToCross(racers: Racer[]): Racer | undefined {
  let earliest: Racer | undefined;
  for (const racer of racers) {
    if (racer.nextMs !== undefined && (earliest === undefined || racer.nextMs < (earliest.nextMs as number)))
      earliest = racer;
  }
  return earliest;
}

/** When the yellow flies every car covers the rest of its lap at the safety car's speed. */
function slowForYellow(racers: Racer[], yellowMs: number, safetyCarLapMs: number): void {
  for (const racer of racers) {
    if (racer.nextMs === undefined) continue;
    const lapStartMs = racer.crossings.at(-1) ?? 0;
    const lapLeft = (racer.nextMs - yellowMs) / (racer.nextMs - lapStartMs);
    racer.nextMs = yellowMs + Math.round(lapLeft * safetyCarLapMs);
  }
}

/**
 * When each retiring car stops: the worst placed first, spread over the time before the yellow.
 * A car only retires once everyone behind it has, and with more laps, so the order by laps holds.
 */
function retirementSchedule(plan: DemoPlan, racers: Racer[]): Map<Racer, { atMs: number; after: Racer[] }> {
  const retiring = racers.filter((racer) => plan.retirements.includes(racer.car.number)).reverse();
  const span = LAST_RETIREMENT_AT - FIRST_RETIREMENT_AT;
  return new Map(
    retiring.map((racer, index) => {
      const share = FIRST_RETIREMENT_AT + (retiring.length > 1 ? (span * index) / (retiring.length - 1) : 0);
      return [racer, { atMs: plan.fcy.startMs * share, after: retiring.slice(0, index) }];
    }),
  );
}

function pickYellowStoppers(finishers: Racer[], random: Random): Set<Racer> {
  const byClass = new Map<string, Racer[]>();
  for (const racer of finishers) byClass.set(racer.car.classId, [...(byClass.get(racer.car.classId) ?? []), racer]);
  const backHalf = [...byClass.values()].flatMap((cars) => cars.slice(Math.ceil(cars.length / 2)));
  const count = Math.min(backHalf.length, Math.max(1, Math.round(finishers.length * YELLOW_STOPPER_SHARE)));
  const stoppers = new Set<Racer>();
  while (stoppers.size < count) stoppers.add(backHalf[Math.floor(random() * backHalf.length)] as Racer);
  return stoppers;
}

/**
 * Plans each finisher's laps from the restart to the flag, in finishing order, so that each ends
 * behind the car ahead of it: fewer laps, or the same laps and a later crossing. Of the lap counts
 * that allow that, each car takes the one closest to its own pace. Returns the checkered time.
 */
function runToFlag(plan: DemoPlan, racers: Racer[], random: Random): number {
  const finishers = racers.filter((racer) => racer.restart);
  const retiredLaps = Math.max(
    0,
    ...racers.filter((racer) => racer.retiredMs !== undefined).map((racer) => racer.crossings.length),
  );
  let ahead: { laps: number; finishMs: number } | undefined;
  let checkeredMs = plan.durationMs;
  for (const racer of finishers) {
    const start = racer.restart as { laps: number; atMs: number };
    // The winner's last lap is its first crossing once time is up; everyone else's, once the flag is out.
    const flagMs = ahead ? checkeredMs : plan.durationMs;
    const gapMs = MIN_FINISH_GAP_MS + random() * (MAX_FINISH_GAP_MS - MIN_FINISH_GAP_MS);
    const formMs = racer.paceMs * (1 + jitter(random, LAP_SCATTER));
    const mostLaps = ahead ? ahead.laps - start.laps : Math.ceil((flagMs - start.atMs) / formMs) + 1;
    let best: { laps: number; finishMs: number; strain: number } | undefined;
    for (let laps = Math.max(1, retiredLaps + 1 - start.laps); laps <= mostLaps; laps++) {
      const sameLapAsAhead = ahead !== undefined && start.laps + laps === ahead.laps;
      const earliest = Math.ceil(Math.max(flagMs, sameLapAsAhead && ahead ? ahead.finishMs + gapMs : 0));
      // The lap before the last must end before the flag, or the car would have finished then.
      const latest = laps === 1 ? Infinity : Math.ceil((laps * flagMs - start.atMs) / (laps - 1)) - 1;
      if (earliest > latest) continue;
      const finishMs = Math.min(latest, Math.max(earliest, Math.round(start.atMs + laps * formMs)));
      const strain = Math.abs((finishMs - start.atMs) / (laps * formMs) - 1);
      if (!best || strain < best.strain) best = { laps, finishMs, strain };
    }
    if (!best) {
      throw new Error(
        `demo plan ${plan.sessionId}: #${racer.car.number} cannot finish P${racer.car.finishPosition} from where it restarted`,
      );
    }
    racer.crossings.push(...crossingsTo(start.atMs, best.finishMs, best.laps, random));
    if (!ahead) checkeredMs = best.finishMs;
    ahead = { laps: start.laps + best.laps, finishMs: best.finishMs };
  }
  return checkeredMs;
}

/**
 * Gives `number` the race's fastest lap: one of its green laps before the yellow, past the first,
 * is cut to just under everyone else's best, its next lap taking up the difference, so every other
 * crossing stays where it was.
 */
function setFastestLap(plan: DemoPlan, racers: Racer[], number: string, random: Random): void {
  const lapsOf = (racer: Racer) => racer.crossings.map((atMs, i) => atMs - (racer.crossings[i - 1] ?? 0));
  const setter = racers.find((racer) => racer.car.number === number) as Racer;
  const othersBest = Math.min(...racers.filter((racer) => racer !== setter).flatMap(lapsOf));
  // Lap `index + 1` ends at crossings[index]; it and the next must be green laps without a stop.
  const candidates = setter.crossings
    .map((atMs, index) => ({ atMs, index }))
    .filter(
      ({ atMs, index }) =>
        index >= 1 &&
        (setter.crossings[index + 1] ?? Infinity) < plan.fcy.startMs &&
        atMs < plan.fcy.startMs &&
        !setter.stops.some((stop) => stop.lap === index + 1 || stop.lap === index + 2),
    );
  const pick = candidates[Math.floor(random() * candidates.length)];
  if (!pick) throw new Error(`demo plan ${plan.sessionId}: #${number} runs no green lap to set the fastest lap on`);
  const lapMs = pick.atMs - (setter.crossings[pick.index - 1] as number);
  const targetMs = Math.min(lapMs, othersBest - 1 - Math.floor(random() * FASTEST_LAP_EDGE_MS));
  setter.crossings[pick.index] = pick.atMs - (lapMs - targetMs);
}

/**
 * Crossings of `laps` laps from `fromMs` to exactly `finishMs`, scattered lap to lap. The lap
 * before the last is left where an even split puts it, which the finish planning relies on.
 */
function crossingsTo(fromMs: number, finishMs: number, laps: number, random: Random): number[] {
  const lapMs = (finishMs - fromMs) / laps;
  const drift = [0];
  for (let lap = 1; lap < laps; lap++) drift.push((drift[lap - 1] as number) + jitter(random, LAP_SCATTER * lapMs));
  const closing = drift[laps - 1] as number;
  return Array.from({ length: laps }, (_, index) => {
    const lap = index + 1;
    if (lap === laps) return finishMs;
    return fromMs + Math.floor(lap * lapMs) + Math.round((drift[lap] as number) - (closing * lap) / (laps - 1));
  });
}

type RaceEvent =
  | { atMs: number; kind: 'crossing'; racer: Racer }
  | { atMs: number; kind: 'pit-out'; racer: Racer }
  | { atMs: number; kind: 'retired'; racer: Racer }
  | { atMs: number; kind: 'flag'; flag: Flag }
  | { atMs: number; kind: 'finished' };

/** Turns the planned race into feed updates: what a timing system would send, moment by moment. */
function timeline(
  plan: DemoPlan,
  racers: Racer[],
  moments: { fcyMs: number; restartMs: number; checkeredMs: number },
  random: Random,
): TimedFeedUpdate[] {
  const events: RaceEvent[] = [
    { atMs: moments.fcyMs, kind: 'flag', flag: 'fcy' },
    { atMs: moments.restartMs, kind: 'flag', flag: 'green' },
    { atMs: moments.checkeredMs, kind: 'flag', flag: 'checkered' },
    { atMs: Math.max(...racers.flatMap((racer) => racer.crossings)), kind: 'finished' },
  ];
  for (const racer of racers) {
    for (const atMs of racer.crossings) events.push({ atMs, kind: 'crossing', racer });
    for (const stop of racer.stops) events.push({ atMs: stop.outMs, kind: 'pit-out', racer });
    if (racer.retiredMs !== undefined) events.push({ atMs: racer.retiredMs, kind: 'retired', racer });
  }
  events.sort((a, b) => a.atMs - b.atMs);

  const grid = racers.map(gridCar);
  const builder = new TimingBuilder(grid, { countLapsLed: true });
  const updates: TimedFeedUpdate[] = [{ atMs: 0, update: startUpdate(plan, grid) }];
  for (let index = 0; index < events.length;) {
    const atMs = (events[index] as RaceEvent).atMs;
    const crossings: LineCrossing[] = [];
    const changes: CarPatch[] = [];
    const session: NonNullable<PatchUpdate['session']> = {
      elapsedMs: atMs,
      timeRemainingMs: Math.max(0, plan.durationMs - atMs),
    };
    for (; index < events.length && (events[index] as RaceEvent).atMs === atMs; index++) {
      const event = events[index] as RaceEvent;
      if (event.kind === 'flag') session.flag = event.flag;
      else if (event.kind === 'finished') {
        session.status = 'finished';
        for (const racer of racers)
          if (racer.car.excluded) changes.push({ number: racer.car.number, status: 'excluded' });
      } else if (event.kind === 'pit-out') changes.push({ number: event.racer.car.number, inPit: false });
      else if (event.kind === 'retired') changes.push({ number: event.racer.car.number, status: 'retired' });
      else crossings.push(lapCompleted(builder.cars.get(event.racer.car.number)!, event.racer, atMs, random));
    }
    const cars = builder.moment(crossings, changes);
    const update: FeedUpdate = { type: 'patch', sessionId: plan.sessionId, seq: updates.length, session };
    if (cars.length > 0) update.cars = cars;
    updates.push({ atMs, update });
  }
  return updates;
}

function gridCar(racer: Racer): CarFeed {
  const { car } = racer;
  return {
    number: car.number,
    classId: car.classId,
    driver: car.driver,
    ...(car.team ? { team: car.team } : {}),
    ...(car.manufacturer ? { manufacturer: car.manufacturer } : {}),
    position: racer.startPosition,
    startPosition: racer.startPosition,
    laps: 0,
    status: car.dns ? 'dns' : 'running',
    inPit: false,
    pitStops: 0,
    lapsLed: 0,
  };
}

function startUpdate(plan: DemoPlan, cars: CarFeed[]): FeedUpdate {
  return {
    type: 'full',
    sessionId: plan.sessionId,
    seq: 0,
    session: {
      seriesId: plan.seriesId,
      event: plan.event,
      name: plan.name,
      round: plan.round,
      race: plan.race,
      status: 'running',
      flag: 'green',
      timeRemainingMs: plan.durationMs,
      elapsedMs: 0,
      demo: true,
    },
    classes: plan.classes,
    cars: cars.map((car) => ({ ...car })),
  };
}

/** The line crossing with its sector times, and a pit entry when the car stops this lap. */
function lapCompleted(car: CarFeed, racer: Racer, atMs: number, random: Random): LineCrossing {
  const lap = car.laps + 1;
  const stopping = racer.stops.some((stop) => stop.lap === lap);
  const sectorsMs = sectorSplit(atMs - (car.totalTimeMs ?? 0), random);
  return { number: car.number, lap, atMs, sectorsMs, ...(stopping && { inPit: true }) };
}

/** A lap cut into timing sectors that add up to it exactly, each a little off its usual share. */
export function sectorSplit(lapMs: number, random: Random): number[] {
  const sectors = SECTOR_SHARES.slice(0, -1).map((share) =>
    Math.round(lapMs * share * (1 + jitter(random, SECTOR_SCATTER))),
  );
  return [...sectors, lapMs - sectors.reduce((sum, ms) => sum + ms, 0)];
}

import type { CarPatch } from './update';
import type { CarFeed } from '../session/model';

/**
 * One car crossing the timing line, as a timing source reports it: the one thing the demo, the
 * Al Kamel replay and a line-crossing feed have in common. Everything shown is built from it here.
 */
export interface LineCrossing {
  number: string;
  /** The lap the crossing completes. */
  lap: number;
  /** Race time at the line. */
  atMs: number;
  /** The lap's time; when absent, the time since the car's previous crossing. */
  lapMs?: number;
  sectorsMs?: number[];
  /**
   * The car crossed into the pit lane (it stops this lap): it shows in the pit and a stop is
   * counted. `false`: it crossed on track. Absent: the source says nothing, the car stays as it was.
   */
  inPit?: boolean;
  /** On an out lap, time in the pit lane of the stop it started from. */
  pitLaneMs?: number;
  /** Who is in the car, when the source names drivers per lap. */
  driver?: string;
  team?: string;
  manufacturer?: string;
}

export interface TimingBuilderOptions {
  /** Set status `pit` on a crossing into the pit lane and `running` on track (sources without pit exits). */
  pitStatus?: boolean;
  /** Count a lap led for the leader each time it crosses the line. */
  countLapsLed?: boolean;
}

/**
 * Turns line crossings into the car changes of feed updates. Holds the cars as they stand; each
 * `moment` applies the crossings (and any other changes) that happened at one instant, re-ranks
 * the field like a timing screen (more laps first, then who completed the last of them first,
 * then the order the cars started in) and answers only the fields that changed, car by car.
 */
export class TimingBuilder {
  private current: Map<string, CarFeed>;
  private readonly startOrder: Map<string, number>;

  /** `grid`: every car with its starting `position` (1..N). */
  constructor(
    grid: readonly CarFeed[],
    private readonly options: TimingBuilderOptions = {},
  ) {
    this.current = new Map(grid.map((car) => [car.number, car]));
    this.startOrder = new Map(grid.map((car) => [car.number, car.position]));
  }

  get cars(): ReadonlyMap<string, CarFeed> {
    return this.current;
  }

  /**
   * Applies what happened at one instant: crossings, then other changes (a pit exit, a
   * retirement). Returns the changed fields of each changed car, in running order.
   */
  moment(crossings: readonly LineCrossing[], changes: readonly CarPatch[] = []): CarPatch[] {
    const before = this.current;
    const next = new Map(before);
    for (const crossing of crossings) {
      const car = next.get(crossing.number);
      if (car) next.set(car.number, this.crossLine(car, crossing));
    }
    for (const change of changes) {
      const car = next.get(change.number);
      if (car) next.set(car.number, { ...car, ...change });
    }
    const order = [...next.values()].sort(
      (a, b) =>
        b.laps - a.laps ||
        (a.totalTimeMs ?? 0) - (b.totalTimeMs ?? 0) ||
        (this.startOrder.get(a.number) ?? 0) - (this.startOrder.get(b.number) ?? 0),
    );
    const leader = order[0];
    const patches: CarPatch[] = [];
    order.forEach((car, index) => {
      let placed = car.position === index + 1 ? car : { ...car, position: index + 1 };
      if (this.options.countLapsLed && car === leader && crossings.some((c) => c.number === car.number)) {
        placed = { ...placed, lapsLed: (placed.lapsLed ?? 0) + 1 };
      }
      next.set(car.number, placed);
      const changed = placed === before.get(car.number) ? undefined : carChanges(before.get(car.number)!, placed);
      // Crossings and changes only add or replace fields, so nothing is ever 'removed' here.
      if (changed && changed !== 'removed') patches.push(changed);
    });
    this.current = next;
    return patches;
  }

  private crossLine(car: CarFeed, crossing: LineCrossing): CarFeed {
    const lapMs = crossing.lapMs ?? crossing.atMs - (car.totalTimeMs ?? 0);
    const personalBest = car.bestLapMs === undefined || lapMs < car.bestLapMs;
    const pit = crossing.inPit;
    return {
      ...car,
      ...(crossing.driver !== undefined && { driver: crossing.driver }),
      ...(crossing.team !== undefined && { team: crossing.team }),
      ...(crossing.manufacturer !== undefined && { manufacturer: crossing.manufacturer }),
      laps: crossing.lap,
      totalTimeMs: crossing.atMs,
      lastLapMs: lapMs,
      ...(personalBest && { bestLapMs: lapMs, bestLapNumber: crossing.lap }),
      ...(crossing.sectorsMs && { lastLapSectorsMs: crossing.sectorsMs }),
      ...(crossing.pitLaneMs !== undefined && { lastPitLaneMs: crossing.pitLaneMs }),
      ...(pit !== undefined && { inPit: pit }),
      ...(pit !== undefined && this.options.pitStatus && { status: pit ? 'pit' : 'running' }),
      ...(pit && { pitStops: (car.pitStops ?? 0) + 1 }),
    };
  }
}

/**
 * The fields of `after` that differ from `before`; undefined when nothing changed, `'removed'`
 * when `after` lacks a field `before` had (a patch cannot take a field away: resend instead).
 */
export function changedFields<T extends object>(before: T, after: T): Partial<T> | 'removed' | undefined {
  if ((Object.keys(before) as (keyof T)[]).some((key) => after[key] === undefined)) return 'removed';
  const changed = (Object.keys(after) as (keyof T)[]).filter((key) => after[key] !== before[key]);
  if (changed.length === 0) return undefined;
  return Object.fromEntries(changed.map((key) => [key, after[key]])) as Partial<T>;
}

/** A car's changes as a feed patch (with its number), or why there is none (see changedFields). */
export function carChanges(before: CarFeed, after: CarFeed): CarPatch | 'removed' | undefined {
  const changes = changedFields(before, after);
  return changes === undefined || changes === 'removed' ? changes : { number: after.number, ...changes };
}

import type { SessionState } from './apply';
import { NO_CROSSINGS, recordCrossing, type LineCrossings } from './crossings';
import type { CarLapHistory, LapRecord } from './lap-history';
import type { CarFeed, SessionInfo } from './model';

/** A moment of a session: when the leader completed a lap, or a race time. */
export type SeekMoment = { lap: number } | { raceTimeMs: number };

export interface SessionAtMoment {
  /** The timing as it stood then: every car as it was at its last crossing of the line before it. */
  state: SessionState;
  /** The leader's lap at that moment. */
  lap: number;
  /** The race time of that moment, when the feed gives race times. */
  raceTimeMs?: number;
}

/**
 * The session as it stood at a moment, rebuilt from the lap history alone: each car as it crossed
 * the line for the last time before then (laps, race time, last and best lap, pit stops, driver),
 * in the order a timing screen would have shown, by laps and then by who crossed first. A lap past
 * the leader's last is every lap there is. Cost: one pass over the history (60 cars x 300 laps is
 * 18 000 records), whatever the session's length in updates.
 */
export function sessionAt(state: SessionState, moment: SeekMoment): SessionAtMoment {
  const histories = [...state.lapHistory.values()];
  const lastLap = Math.max(0, ...histories.map((history) => history.laps.at(-1)?.lap ?? 0));
  const cutoff = cutoffOf(histories, moment, lastLap);
  const cars = new Map<string, CarFeed>();
  const crossings = new Map<string, LineCrossings>();
  const lapHistory = new Map<string, CarLapHistory>();
  for (const car of state.cars.values()) {
    const laps = state.lapHistory.get(car.number)?.laps.filter(cutoff.includes) ?? [];
    cars.set(car.number, carAt(car, laps));
    crossings.set(
      car.number,
      laps.reduce(
        (line, record) =>
          record.raceTimeMs === undefined ? line : recordCrossing(line, record.lap, record.raceTimeMs),
        NO_CROSSINGS,
      ),
    );
    lapHistory.set(car.number, { laps, pitSinceLine: false, inPit: laps.at(-1)?.pitIn ?? false });
  }
  const order = [...cars.values()].sort(byTiming(state));
  order.forEach((car, index) => cars.set(car.number, { ...car, position: index + 1 }));
  const leaderLaps = order[0]?.laps ?? 0;
  const leaderRecord = state.lapHistory
    .get(order[0]?.number ?? '')
    ?.laps.filter(cutoff.includes)
    .at(-1);
  return {
    state: {
      ...state,
      info: infoAt(state.info, leaderLaps, lastLap, cutoff.raceTimeMs, leaderRecord),
      cars,
      crossings,
      lapHistory,
    },
    lap: leaderLaps,
    ...(cutoff.raceTimeMs !== undefined && { raceTimeMs: cutoff.raceTimeMs }),
  };
}

/**
 * Which laps had been completed at the moment. By race time where the feed gives it; a lap whose
 * crossing has no time counts by its number against the leader's lap.
 */
function cutoffOf(
  histories: readonly CarLapHistory[],
  moment: SeekMoment,
  lastLap: number,
): { raceTimeMs?: number; includes: (record: LapRecord) => boolean } {
  let raceTimeMs: number | undefined;
  let lap: number;
  if ('lap' in moment && moment.lap > lastLap) {
    // Past the leader's last lap: every lap there is, the timing as it stands now.
    return { includes: () => true };
  }
  if ('lap' in moment) {
    lap = moment.lap;
    const times = histories.flatMap(
      (history) =>
        history.laps.find((record) => record.lap === lap && record.raceTimeMs !== undefined)?.raceTimeMs ?? [],
    );
    if (times.length > 0) raceTimeMs = Math.min(...times);
  } else {
    raceTimeMs = moment.raceTimeMs;
    lap = Math.max(
      0,
      ...histories.flatMap((history) =>
        history.laps
          .filter((record) => (record.raceTimeMs ?? Infinity) <= moment.raceTimeMs)
          .map((record) => record.lap),
      ),
    );
  }
  return {
    ...(raceTimeMs !== undefined && { raceTimeMs }),
    includes: (record) =>
      record.raceTimeMs !== undefined && raceTimeMs !== undefined ? record.raceTimeMs <= raceTimeMs : record.lap <= lap,
  };
}

/** The car as its last crossing before the moment left it; what it is now only for who it is. */
function carAt(car: CarFeed, laps: readonly LapRecord[]): CarFeed {
  const last = laps.at(-1);
  let best: LapRecord | undefined;
  for (const record of laps)
    if (record.lapMs !== undefined && (best?.lapMs === undefined || record.lapMs < best.lapMs)) best = record;
  const { number, classId, team, manufacturer, startPosition } = car;
  return {
    number,
    classId,
    driver: last?.driver ?? car.driver,
    ...(team !== undefined && { team }),
    ...(manufacturer !== undefined && { manufacturer }),
    ...(startPosition !== undefined && { startPosition }),
    position: car.position,
    laps: last?.lap ?? 0,
    ...(last?.raceTimeMs !== undefined && { totalTimeMs: last.raceTimeMs }),
    ...(last?.lapMs !== undefined && { lastLapMs: last.lapMs }),
    ...(best && { bestLapMs: best.lapMs!, bestLapNumber: best.lap }),
    pitStops: laps.filter((record) => record.pitIn).length,
    lapsLed: laps.filter((record) => record.position === 1).length,
    // A car that never started did not start then either; otherwise it was out or in the pits.
    status: car.status === 'dns' ? 'dns' : last?.pitIn ? 'pit' : 'running',
    ...(last?.pitIn && { inPit: true }),
  };
}

/** More laps first; on the same lap, who crossed first; cars yet to cross keep their order. */
function byTiming(state: SessionState) {
  return (a: CarFeed, b: CarFeed): number => {
    if (a.laps !== b.laps) return b.laps - a.laps;
    const at = (a.totalTimeMs ?? Infinity) - (b.totalTimeMs ?? Infinity);
    if (at !== 0 && !Number.isNaN(at)) return at;
    const grid = (car: CarFeed) => car.startPosition ?? state.cars.get(car.number)!.position;
    return grid(a) - grid(b);
  };
}

function infoAt(
  info: SessionInfo,
  leaderLaps: number,
  lastLap: number,
  raceTimeMs: number | undefined,
  leaderRecord: LapRecord | undefined,
): SessionInfo {
  const { timeRemainingMs: _now, lapsRemaining: _nowLaps, elapsedMs: _elapsed, ...rest } = info;
  const over = leaderLaps >= lastLap && info.status === 'finished';
  return {
    ...rest,
    status: over ? 'finished' : 'running',
    flag: over ? info.flag : (leaderRecord?.flag ?? info.flag),
    ...(raceTimeMs !== undefined && { elapsedMs: raceTimeMs }),
    ...(info.scheduledLaps !== undefined && { lapsRemaining: Math.max(0, info.scheduledLaps - leaderLaps) }),
  };
}

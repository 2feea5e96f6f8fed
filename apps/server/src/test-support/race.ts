import {
  applyFeedUpdate,
  emptyRaceControl,
  type CarFeed,
  type FeedUpdate,
  type SessionRecord,
  type SessionState,
} from '@pitwall/shared';

/**
 * A deterministic race for the storage tests and benchmark: on every update one car completes
 * a lap, and now and then it passes the car ahead.
 */
export function raceUpdates(sessionId: string, count: number, seed: number, fieldSize = 12): FeedUpdate[] {
  let random = seed;
  const next = () => (random = (random * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const cars: CarFeed[] = Array.from({ length: fieldSize }, (_, i) => ({
    number: String(10 + i),
    classId: i % 3 === 0 ? 'PRO' : 'AM',
    driver: `Driver ${10 + i}`,
    position: i + 1,
    laps: 0,
    totalTimeMs: 0,
    startPosition: i + 1,
  }));
  const updates: FeedUpdate[] = [
    {
      type: 'full',
      sessionId,
      seq: 1,
      session: { seriesId: 'storage-test', event: 'Storage test', name: sessionId, status: 'running', flag: 'green' },
      cars: structuredClone(cars),
    },
  ];
  for (let seq = 2; seq <= count; seq++) {
    const car = cars[Math.floor(next() * cars.length)]!;
    const lapMs = 95_000 + Math.floor(next() * 5_000);
    Object.assign(car, { laps: car.laps + 1, totalTimeMs: car.totalTimeMs! + lapMs, lastLapMs: lapMs });
    const changed: CarFeed[] = [car];
    const ahead = cars.find((other) => other.position === car.position - 1);
    if (ahead && next() < 0.3) {
      [ahead.position, car.position] = [car.position, ahead.position];
      changed.push(ahead);
    }
    updates.push({ type: 'patch', sessionId, seq, cars: structuredClone(changed) });
  }
  return updates;
}

/** Each update with the session as it leaves it: what the hub hands its journal. */
export function journaledRace(updates: readonly FeedUpdate[]): [FeedUpdate, SessionRecord][] {
  const sessions = new Map<string, SessionState>();
  return updates.map((update) => {
    const outcome = applyFeedUpdate(sessions.get(update.sessionId), update);
    if (outcome.kind !== 'accepted') throw new Error(`race update refused: ${JSON.stringify(outcome)}`);
    sessions.set(update.sessionId, outcome.state);
    return [update, { state: outcome.state, raceControl: emptyRaceControl }];
  });
}

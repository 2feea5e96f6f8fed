/**
 * The replay clock: where a replay is in its timeline's own time. It is anchored at the last
 * change (start, pause, resume, new speed) and runs from there at `speed`, so a change of pace
 * never makes the position jump.
 */
export interface ReplayClock {
  anchorWallMs: number;
  anchorPositionMs: number;
  speed: number;
  paused: boolean;
}

export function startClock(wallMs: number, speed: number): ReplayClock {
  return { anchorWallMs: wallMs, anchorPositionMs: 0, speed: checkedSpeed(speed), paused: false };
}

/** Timeline time at `wallMs`, never past the end of the timeline. */
export function positionAt(clock: ReplayClock, wallMs: number, durationMs: number): number {
  if (clock.paused) return clock.anchorPositionMs;
  return Math.min(durationMs, clock.anchorPositionMs + (wallMs - clock.anchorWallMs) * clock.speed);
}

/** The clock after a pause, resume or new speed at `wallMs`: re-anchored where it stands now. */
export function changeClock(
  clock: ReplayClock,
  wallMs: number,
  durationMs: number,
  change: { paused?: boolean; speed?: number },
): ReplayClock {
  return {
    anchorWallMs: wallMs,
    anchorPositionMs: positionAt(clock, wallMs, durationMs),
    speed: change.speed === undefined ? clock.speed : checkedSpeed(change.speed),
    paused: change.paused ?? clock.paused,
  };
}

/** Real time until the timeline reaches `atMs`; undefined while paused, since it never will. */
export function waitFor(clock: ReplayClock, atMs: number, wallMs: number, durationMs: number): number | undefined {
  if (clock.paused) return undefined;
  return Math.max(0, Math.ceil((atMs - positionAt(clock, wallMs, durationMs)) / clock.speed));
}

/** Throws on anything but a finite positive number: a replay cannot stand still or run backwards. */
export function checkedSpeed(speed: unknown): number {
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0) {
    throw new RangeError(
      `speed must be a positive number (1 = real time), got ${JSON.stringify(speed) ?? String(speed)}`,
    );
  }
  return speed;
}

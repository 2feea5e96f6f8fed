import { useEffect, useState } from 'react';
import { useLive } from './store';

/** After this long without news of a running race, the order on screen is flagged as old. */
export const STALE_AFTER_MS = 5_000;

/** The browser clock, re-read every `everyMs`, so ages count up while nothing arrives. */
export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * How old the running order on screen is: the feed's own silence as the server last measured it,
 * plus the time since that report, or the time since anything arrived when the link is down.
 * Undefined when the age does not matter: the race is not running or a replay is paused.
 */
export function useOrderAge(): number | undefined {
  const now = useNow();
  const running = useLive((s) => s.copy?.view.info.status === 'running');
  const paused = useLive((s) => s.health?.replay?.paused === true);
  const connection = useLive((s) => s.connection);
  const dataAt = useLive((s) => s.dataAt);
  const healthAt = useLive((s) => s.healthAt);
  const feedAge = useLive((s) => s.health?.lastMessageAgeMs);
  if (!running || paused || dataAt === undefined) return undefined;
  const sinceData = now - dataAt;
  if (connection !== 'live') return sinceData;
  if (feedAge === undefined || healthAt === undefined) return sinceData;
  return Math.min(sinceData, feedAge + (now - healthAt));
}

/** "28 s", "2 min 05 s" */
export function ageText(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

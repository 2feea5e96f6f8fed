import { FALLBACK_CLASS_COLOURS } from './palette';
import type { Gap } from '@pitwall/shared';

/** 88512 -> "1:28.512" */
export function lapTime(ms: number | undefined): string {
  if (ms === undefined) return '';
  const minutes = Math.floor(ms / 60_000);
  const seconds = ((ms % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return minutes > 0 ? `${minutes}:${seconds}` : seconds.replace(/^0/, '');
}

/**
 * Time on the same lap as "+2.500"; laps down as "1 LAP" / "3 LAPS". A negative time (the feed
 * orders the car behind one that crossed later) keeps its sign: "-0.488".
 */
export function gap(value: Gap | undefined): string {
  if (!value) return '';
  if ('laps' in value) return `${value.laps} ${value.laps === 1 ? 'LAP' : 'LAPS'}`;
  const sign = value.ms < 0 ? '-' : '+';
  const ms = Math.abs(value.ms);
  return ms >= 60_000 ? `${sign}${lapTime(ms)}` : `${sign}${(ms / 1000).toFixed(3)}`;
}

/** Time in the pit lane: 38240 -> "38.2s", 125000 -> "2:05". */
export function pitLaneTime(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : clock(ms);
}

/** 754000 -> "12:34"; 3723000 -> "1:02:03" */
export function clock(ms: number | undefined): string {
  if (ms === undefined) return '';
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function classColour(classes: readonly { id: string; color?: string }[], classId: string): string {
  const index = classes.findIndex((c) => c.id === classId);
  return classes[index]?.color ?? FALLBACK_CLASS_COLOURS[Math.max(0, index) % FALLBACK_CLASS_COLOURS.length]!;
}

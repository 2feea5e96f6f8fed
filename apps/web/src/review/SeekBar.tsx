import { useEffect, useState } from 'react';
import { useLive } from '../live/store';
import { clock } from '../app/format';
import { useSessionAt, type Moment } from './api';

/** A slider sends a moment once it has rested this long, not one request per pixel dragged. */
const SETTLE_MS = 200;

/** "1:02:03" or "62:03" or "3723" (seconds) -> ms; undefined when it is not a time. */
export function raceTimeFromText(text: string): number | undefined {
  const parts = text.trim().split(':');
  if (parts.length > 3 || parts.some((part) => !/^\d{1,5}$/.test(part))) return undefined;
  return parts.reduce((total, part) => total * 60 + Number(part), 0) * 1000;
}

/**
 * Looks back at the session as it stood at a lap or a race time, for this viewer only; other
 * viewers, and this viewer's live copy, carry on. "Back to live" returns to the live picture.
 */
export function SeekBar({ sessionId }: { sessionId: string }) {
  const leaderLaps = useLive((s) => {
    const view = s.live?.view;
    return view ? (view.cars[view.order[0] ?? '']?.laps ?? 0) : 0;
  });
  const seek = useLive((s) => s.seek);
  const showSeek = useLive((s) => s.showSeek);
  const [lap, setLap] = useState<number | undefined>();
  const [timeText, setTimeText] = useState('');
  const [moment, setMoment] = useState<Moment | undefined>();
  const at = useSessionAt(sessionId, moment);

  useEffect(() => {
    if (lap === undefined) return;
    const timer = setTimeout(() => setMoment({ lap }), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [lap]);
  useEffect(() => {
    if (!moment || !at.data || at.isPlaceholderData) return;
    const label = 'lap' in moment ? `lap ${at.data.lap}` : `race time ${clock(moment.raceTimeMs)} (lap ${at.data.lap})`;
    showSeek({ label, view: at.data.view });
  }, [moment, at.data, at.isPlaceholderData, showSeek]);

  const backToLive = () => {
    setLap(undefined);
    setMoment(undefined);
    setTimeText('');
    showSeek(undefined);
  };
  const timeMs = raceTimeFromText(timeText);
  const shownLap = lap ?? leaderLaps;
  return (
    <div className={`seek-bar ${seek ? 'seeking' : ''}`} aria-label="Seek">
      <span className="seek-state">{seek ? `VIEWING ${seek.label.toUpperCase()}` : 'LIVE'}</span>
      <input
        type="range"
        aria-label="Seek to lap"
        min={1}
        max={Math.max(1, leaderLaps)}
        value={Math.min(shownLap, Math.max(1, leaderLaps))}
        onChange={(e) => setLap(Number(e.target.value))}
        disabled={leaderLaps < 1}
      />
      <label>
        Lap
        <input
          className="seek-lap"
          aria-label="Lap"
          type="number"
          min={1}
          max={leaderLaps}
          value={lap ?? ''}
          placeholder={String(leaderLaps)}
          onChange={(e) => setLap(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      </label>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (timeMs !== undefined) setMoment({ raceTimeMs: timeMs });
        }}
      >
        <label>
          Race time
          <input
            className="seek-time"
            aria-label="Race time"
            value={timeText}
            onChange={(e) => setTimeText(e.target.value)}
            placeholder="h:mm:ss"
            aria-invalid={timeText !== '' && timeMs === undefined}
          />
        </label>
        <button type="submit" disabled={timeMs === undefined}>
          Go
        </button>
      </form>
      {seek && (
        <button className="primary back-to-live" onClick={backToLive}>
          Back to live
        </button>
      )}
      {at.error && (
        <span className="rc-error" role="alert">
          {at.error.message}
        </span>
      )}
    </div>
  );
}

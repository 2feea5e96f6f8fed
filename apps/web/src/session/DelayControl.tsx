import { useLive } from '../live/store';
import { useSelection } from '../app/selection';

const CHOICES = [0, 10, 30, 60, 120];

/** This viewer's delay behind live, to match a TV picture; kept in the URL (`?delay=30`). */
export function DelayControl() {
  const delayS = useSelection((s) => s.delayS);
  const select = useSelection((s) => s.select);
  const choices = CHOICES.includes(delayS) ? CHOICES : [...CHOICES, delayS].sort((a, b) => a - b);
  return (
    <label className={`delay-control ${delayS > 0 ? 'delayed' : ''}`}>
      <span className="visually-hidden">Delay</span>
      <select aria-label="Delay" value={delayS} onChange={(e) => select({ delayS: Number(e.target.value) })}>
        {choices.map((seconds) => (
          <option key={seconds} value={seconds}>
            {seconds === 0 ? 'No delay' : `Delay ${seconds} s`}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Says plainly that the picture is held back, and until when there is none to show. */
export function DelayNotice() {
  const delayMs = useLive((s) => s.delayMs);
  const waiting = useLive((s) => s.live !== undefined && s.onAir === undefined);
  if (delayMs === 0) return null;
  return (
    <p className="delay-notice" role="status">
      DELAYED {delayMs / 1000} S — this screen shows the race as it was {delayMs / 1000} seconds ago
      {waiting ? '; the first picture is on its way.' : '.'}
    </p>
  );
}

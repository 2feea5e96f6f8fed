import { useLive } from '../live/store';
import { useSelection } from '../app/selection';
import { SeekBar } from '../review/SeekBar';
import { DelayControl } from './DelayControl';
import { ReplayControls } from './ReplayControls';

/**
 * Which moment of the race this screen shows: delay, replay speed, seek. On a desk the seek bar
 * has its own line (delay and replay sit in the top bar); on a phone all three fold into one line
 * that says live or not, so the tower starts in the first screen.
 */
export function TimeControls({ sessionId, phone }: { sessionId: string; phone: boolean }) {
  const seek = useLive((s) => s.seek?.label);
  const replaying = useLive((s) => s.health?.replay !== undefined);
  const delayS = useSelection((s) => s.delayS);
  if (!phone) return <SeekBar sessionId={sessionId} />;
  const state = [
    seek ? `VIEWING ${seek.toUpperCase()}` : 'LIVE',
    ...(delayS > 0 ? [`DELAY ${delayS} S`] : []),
    ...(replaying ? ['REPLAY'] : []),
  ].join(' · ');
  return (
    <details className={`time-fold ${seek ? 'seeking' : ''}`}>
      <summary>
        <span className="time-fold-state">{state}</span>
        <span className="time-fold-hint">Seek · delay</span>
      </summary>
      <div className="time-fold-body">
        <DelayControl />
        <ReplayControls />
        <SeekBar sessionId={sessionId} />
      </div>
    </details>
  );
}

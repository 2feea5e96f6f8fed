import { useLive } from '../live/store';
import { clock } from '../app/format';
import { racePhaseOf, type Flag } from '@pitwall/shared';
import { ResultStatusTag } from '../race-control/ResultStatusTag';

const FLAG_LABEL: Record<Flag, string> = {
  none: 'NO FLAG',
  green: 'GREEN',
  yellow: 'YELLOW',
  fcy: 'FULL COURSE YELLOW',
  red: 'RED FLAG',
  checkered: 'CHECKERED',
};

export function SessionBanner() {
  const info = useLive((s) => s.copy?.view.info);
  const resultStatus = useLive((s) => s.copy?.view.raceControl?.resultStatus);
  if (!info) return null;
  // Every race starts "provisional"; saying so while it runs reads, on a TV, as a result already in.
  const showResultStatus =
    resultStatus !== undefined && (resultStatus !== 'provisional' || racePhaseOf(info) !== 'running');
  const toGo =
    info.lapsRemaining !== undefined
      ? `${info.lapsRemaining} ${info.lapsRemaining === 1 ? 'LAP' : 'LAPS'} TO GO`
      : info.timeRemainingMs !== undefined
        ? `${clock(info.timeRemainingMs)} TO GO`
        : '';
  return (
    <header className={`banner flag-${info.flag}`} aria-label="Session">
      <div className="flag" data-flag={info.flag}>
        {FLAG_LABEL[info.flag]}
      </div>
      <div className="session-title">
        <span className="event">{info.event}</span>
        <span className="name">{info.name}</span>
        {info.demo && (
          <span className="demo-tag" title="Simulated race">
            DEMO
          </span>
        )}
      </div>
      <div className="clocks">
        {showResultStatus && <ResultStatusTag status={resultStatus} />}
        <span className="to-go">{info.status === 'finished' ? 'FINISHED' : toGo}</span>
        {info.elapsedMs !== undefined && <span className="elapsed">ELAPSED {clock(info.elapsedMs)}</span>}
      </div>
    </header>
  );
}

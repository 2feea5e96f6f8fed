import { useEffect } from 'react';
import { useLive } from '../live/store';
import { useSelection } from './selection';
import { SessionPicker } from '../session/SessionPicker';
import { ConnectionBadge } from '../session/ConnectionBadge';
import { FeedHealthBadge } from '../session/FeedHealthBadge';
import { ReplayControls } from '../session/ReplayControls';
import { SessionBanner } from '../session/SessionBanner';
import { ClassTabs } from '../session/ClassTabs';
import { Tower } from '../tower/Tower';
import { ChampionshipPanel } from '../championship/ChampionshipPanel';

export function App() {
  const sessionId = useSelection((s) => s.sessionId);
  const classId = useSelection((s) => s.classId);
  const select = useSelection((s) => s.select);
  const firstSession = useLive((s) => s.sessions?.[0]?.id);
  const hasCopy = useLive((s) => s.copy !== undefined);
  const joinError = useLive((s) => s.joinError);
  const hasChampionships = useLive(
    (s) => s.copy?.view.championships !== undefined || s.copy?.view.championshipsUnavailable !== undefined,
  );

  useEffect(() => useLive.getState().follow(sessionId), [sessionId]);
  useEffect(() => {
    if (!sessionId && firstSession) select({ sessionId: firstSession });
  }, [sessionId, firstSession, select]);

  return (
    <div className="app">
      <div className="topbar">
        <span className="brand">PITWALL</span>
        <SessionPicker />
        <ReplayControls />
        <FeedHealthBadge />
        <ConnectionBadge />
      </div>
      {joinError && <p className="notice">This session is not on the timing system: {joinError}</p>}
      {!sessionId && !joinError && <p className="notice">Waiting for a session to start…</p>}
      {hasCopy && (
        <>
          <SessionBanner />
          <ClassTabs />
          <main className={`board ${hasChampionships ? 'with-panel' : ''}`}>
            <Tower classId={classId} />
            {hasChampionships && <ChampionshipPanel />}
          </main>
        </>
      )}
    </div>
  );
}

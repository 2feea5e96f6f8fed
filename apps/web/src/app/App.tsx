import { lazy, Suspense, useEffect } from 'react';
import { useLive } from '../live/store';
import { PAGES, useSelection, type Page } from './selection';
import { SessionPicker } from '../session/SessionPicker';
import { ConnectionBadge } from '../session/ConnectionBadge';
import { FeedHealthBadge } from '../session/FeedHealthBadge';
import { ReplayControls } from '../session/ReplayControls';
import { SessionBanner } from '../session/SessionBanner';
import { ClassTabs } from '../session/ClassTabs';
import { DelayControl, DelayNotice } from '../session/DelayControl';
import { SeekBar } from '../review/SeekBar';
import { RaceControlPage } from '../race-control/RaceControlPage';
import { Tower } from '../tower/Tower';
import { ChampionshipPanel } from '../championship/ChampionshipPanel';

// The charts (and recharts with them) load when the review page is first opened.
const ReviewPage = lazy(() => import('../review/ReviewPage'));

const PAGE_LABEL: Record<Page, string> = { timing: 'Timing', review: 'Lap review', 'race-control': 'Race control' };

export function App() {
  const sessionId = useSelection((s) => s.sessionId);
  const classId = useSelection((s) => s.classId);
  const page = useSelection((s) => s.page);
  const delayS = useSelection((s) => s.delayS);
  const select = useSelection((s) => s.select);
  const firstSession = useLive((s) => s.sessions?.[0]?.id);
  const hasCopy = useLive((s) => s.copy !== undefined);
  const joinError = useLive((s) => s.joinError);
  const hasChampionships = useLive(
    (s) => s.copy?.view.championships !== undefined || s.copy?.view.championshipsUnavailable !== undefined,
  );

  useEffect(() => useLive.getState().follow(sessionId), [sessionId]);
  useEffect(() => useLive.getState().setDelay(delayS * 1000), [delayS]);
  useEffect(() => {
    if (!sessionId && firstSession) select({ sessionId: firstSession });
  }, [sessionId, firstSession, select]);

  return (
    <div className="app">
      <div className="topbar">
        <span className="brand">PITWALL</span>
        <SessionPicker />
        <nav className="page-tabs" aria-label="Page">
          {PAGES.map((p) => (
            <button key={p} aria-current={p === page ? 'page' : undefined} onClick={() => select({ page: p })}>
              {PAGE_LABEL[p]}
            </button>
          ))}
        </nav>
        <DelayControl />
        <ReplayControls />
        <FeedHealthBadge />
        <ConnectionBadge />
      </div>
      <DelayNotice />
      {joinError && <p className="notice">This session is not on the timing system: {joinError}</p>}
      {!sessionId && !joinError && <p className="notice">Waiting for a session to start…</p>}
      {hasCopy && sessionId && (
        <>
          <SessionBanner />
          <SeekBar sessionId={sessionId} />
          {page === 'timing' && (
            <>
              <ClassTabs />
              <main className={`board ${hasChampionships ? 'with-panel' : ''}`}>
                <Tower classId={classId} />
                {hasChampionships && <ChampionshipPanel />}
              </main>
            </>
          )}
          {page === 'review' && (
            <Suspense fallback={<p className="notice">Loading the charts…</p>}>
              <ReviewPage sessionId={sessionId} />
            </Suspense>
          )}
          {page === 'race-control' && <RaceControlPage sessionId={sessionId} />}
        </>
      )}
    </div>
  );
}

import { lazy, Suspense, useEffect } from 'react';
import { useLive } from '../live/store';
import { PAGES, useSelection, type Mode, type Page, type View } from './selection';
import { useClassView } from './useClassView';
import { ENGINEER, PHONE, WIDE, useMediaQuery } from './media';
import { SessionPicker } from '../session/SessionPicker';
import { ConnectionBadge } from '../session/ConnectionBadge';
import { FeedHealthBadge } from '../session/FeedHealthBadge';
import { ReplayControls } from '../session/ReplayControls';
import { SessionBanner } from '../session/SessionBanner';
import { ClassTabs } from '../session/ClassTabs';
import { StaleBanner, useStale } from '../session/StaleBanner';
import { DelayControl, DelayNotice } from '../session/DelayControl';
import { TimeControls } from '../session/TimeControls';
import { RaceControlPage } from '../race-control/RaceControlPage';
import { Tower } from '../tower/Tower';
import { ChampionshipPanel } from '../championship/ChampionshipPanel';
import { BroadcastStandings } from '../broadcast/BroadcastStandings';
import { Battle } from '../broadcast/Battle';
import { FindCar } from '../engineer/FindCar';
import { MyCarsStrip } from '../engineer/MyCarsStrip';
import { CarPanel } from '../engineer/CarPanel';
import { WhatIfBar, WhatIfPanel } from '../whatif/WhatIf';
import { useWhatIf } from '../whatif/store';

// The charts (and recharts with them) load when the review page is first opened.
const ReviewPage = lazy(() => import('../review/ReviewPage'));

const PAGE_LABEL: Record<Page, string> = { timing: 'Timing', review: 'Lap review', 'race-control': 'Race control' };

export function App() {
  const sessionId = useSelection((s) => s.sessionId);
  const mode = useSelection((s) => s.mode);
  const page = useSelection((s) => s.page);
  const delayS = useSelection((s) => s.delayS);
  const select = useSelection((s) => s.select);
  const firstSession = useLive((s) => s.sessionList?.sessions[0]?.id);
  const hasCopy = useLive((s) => s.copy !== undefined);
  const joinError = useLive((s) => s.joinError);
  const phone = useMediaQuery(PHONE);

  useEffect(() => useLive.getState().follow(sessionId), [sessionId]);
  useEffect(() => useLive.getState().setDelay(delayS * 1000), [delayS]);
  useEffect(() => {
    if (!sessionId && firstSession) select({ sessionId: firstSession });
  }, [sessionId, firstSession, select]);
  // The page itself takes the mode: a transparent background for OBS, screen-scaled type for TV.
  useEffect(() => {
    document.documentElement.dataset.mode = mode;
  }, [mode]);

  const notices = (
    <>
      {joinError && <p className="notice">This session is not on the timing system: {joinError}</p>}
      {!sessionId && !joinError && <p className="notice">Waiting for a session to start…</p>}
    </>
  );
  if (mode !== 'desk') return <BroadcastScreen mode={mode}>{notices}</BroadcastScreen>;
  return (
    <div className="app mode-desk">
      <div className="topbar">
        <span className="brand">PITWALL</span>
        <SessionPicker />
        <FindCar />
        <nav className="page-tabs" aria-label="Page">
          {PAGES.map((p) => (
            <button key={p} aria-current={p === page ? 'page' : undefined} onClick={() => select({ page: p })}>
              {PAGE_LABEL[p]}
            </button>
          ))}
        </nav>
        {!phone && <DelayControl />}
        {!phone && <ReplayControls />}
        <FeedHealthBadge />
        <ConnectionBadge />
      </div>
      <DelayNotice />
      {notices}
      {hasCopy && sessionId && (
        <>
          <SessionBanner />
          <StaleBanner />
          <TimeControls sessionId={sessionId} phone={phone} />
          {page === 'timing' && <DeskBoard />}
          {page === 'review' && (
            <Suspense fallback={<p className="notice">Loading the charts…</p>}>
              <ReviewPage sessionId={sessionId} />
            </Suspense>
          )}
          {page === 'race-control' && <RaceControlPage sessionId={sessionId} />}
        </>
      )}
      <CarPanel />
    </div>
  );
}

function DeskBoard() {
  const { classId, unknown } = useClassView();
  const phone = useMediaQuery(PHONE);
  const engineer = useMediaQuery(ENGINEER);
  const manyClasses = useLive((s) => (s.copy?.view.classes.length ?? 0) > 1);
  const stale = useStale();
  const hasChampionships = useLive(
    (s) => s.copy?.view.championships !== undefined || s.copy?.view.championshipsUnavailable !== undefined,
  );
  const desk = manyClasses && !classId ? 'desk-classes' : 'desk';
  const layout = phone ? 'phone' : engineer ? (`${desk}-engineer` as const) : desk;
  const whatIf = useWhatIf((s) => s.move !== undefined);
  return (
    <>
      <ClassTabs />
      <UnknownClass name={unknown} />
      <MyCarsStrip />
      {hasChampionships && <WhatIfBar />}
      <main
        className={`board ${hasChampionships ? 'with-panel' : ''} ${engineer && !phone ? 'engineer' : ''} ${stale ? 'stale' : ''}`}
      >
        <Tower classId={classId} layout={layout} />
        {hasChampionships && (whatIf ? <WhatIfPanel /> : <ChampionshipPanel />)}
      </main>
    </>
  );
}

function UnknownClass({ name }: { name: string | undefined }) {
  const classes = useLive((s) => s.copy?.view.classes ?? []);
  if (name === undefined) return null;
  return (
    <p className="notice unknown-class" role="alert">
      This session has no class “{name}”. Its classes: {classes.map((c) => c.id).join(', ')}. Showing the overall order.
    </p>
  );
}

/** TV and OBS overlay: no controls, type scaled to the screen, one view. */
function BroadcastScreen({ mode, children }: { mode: Exclude<Mode, 'desk'>; children: React.ReactNode }) {
  const view = useSelection((s) => s.view);
  const hasCopy = useLive((s) => s.copy !== undefined);
  const stale = useStale();
  return (
    <div className={`app mode-${mode} ${stale ? 'stale' : ''}`} data-view={view}>
      {mode === 'tv' && hasCopy && <SessionBanner />}
      {hasCopy && <StaleBanner />}
      {children}
      {hasCopy && <BroadcastView mode={mode} view={view} />}
    </div>
  );
}

function BroadcastView({ mode, view }: { mode: Exclude<Mode, 'desk'>; view: View }) {
  const { classId } = useClassView();
  const wide = useMediaQuery(WIDE);
  const manyClasses = useLive((s) => (s.copy?.view.classes.length ?? 0) > 1);
  if (view === 'standings') return <BroadcastStandings classId={classId} />;
  if (view === 'battle') return <Battle classId={classId} />;
  const layout = manyClasses && !classId ? 'broadcast-classes' : 'broadcast';
  return <Tower classId={classId} layout={layout} fit maxColumns={mode === 'tv' && wide ? 2 : 1} />;
}

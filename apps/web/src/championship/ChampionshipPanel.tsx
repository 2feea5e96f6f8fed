import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLive } from '../live/store';
import { useSelection } from '../app/selection';
import { useClassView } from '../app/useClassView';
import { useSeriesList } from './api';
import { StandingsRow } from './StandingsRow';

// The chart library is the largest part of the app: the tower and standings paint without it.
const PointsChart = lazy(() => import('./PointsChart'));

/** Projected standings of one championship of the live session, beside the tower. */
export function ChampionshipPanel() {
  const ids = useLive(useShallow((s) => Object.keys(s.copy?.view.championships ?? {})));
  const unavailable = useLive((s) => s.copy?.view.championshipsUnavailable);
  const seriesId = useLive((s) => s.copy?.view.info.seriesId);
  const { classId } = useClassView();
  const chosen = useSelection((s) => s.championshipId);
  const select = useSelection((s) => s.select);
  const series = useSeriesList().data?.find((s) => s.id === seriesId);
  const championshipId =
    chosen && ids.includes(chosen) ? chosen : defaultChampionship(ids, series?.championships, classId);

  if (unavailable)
    return (
      <aside className="panel">
        <p className="notice">No projected standings: {unavailable}</p>
      </aside>
    );
  if (!championshipId) return null;
  return (
    <aside className="panel" aria-label="Projected championship">
      <div className="panel-head">
        <PhaseTitle id={championshipId} />
        <select
          aria-label="Championship"
          value={championshipId}
          onChange={(e) => select({ championshipId: e.target.value })}
        >
          {ids.map((id) => (
            <option key={id} value={id}>
              {series?.championships.find((c) => c.id === id)?.name ?? id}
            </option>
          ))}
        </select>
      </div>
      <Championship id={championshipId} />
      <Suspense fallback={<div className="points-chart-loading" />}>
        <PointsChart seriesId={seriesId} championshipId={championshipId} />
      </Suspense>
    </aside>
  );
}

export const PHASE_TITLE = {
  running: 'IF IT ENDS NOW',
  provisional: 'PROVISIONAL RESULT',
  official: 'OFFICIAL RESULT',
};

/** Says whether the standings are a projection or the result: never "if it ends now" after the flag. */
function PhaseTitle({ id }: { id: string }) {
  const phase = useLive((s) => s.copy?.view.championships?.[id]?.phase ?? 'running');
  return (
    <span className={`panel-title phase-${phase}`} data-phase={phase}>
      {PHASE_TITLE[phase]}
    </span>
  );
}

/** In a class view, the class's own drivers' title comes first; overall, the series' first. */
export function defaultChampionship(
  ids: string[],
  championships: { id: string; classId?: string; eligibility?: string }[] | undefined,
  classId: string | undefined,
) {
  const forClass = championships?.find((c) => c.classId === classId && !c.eligibility && ids.includes(c.id));
  return forClass?.id ?? ids[0];
}

function Championship({ id }: { id: string }) {
  const order = useLive(useShallow((s) => s.copy?.view.championships?.[id]?.order ?? []));
  const summary = useLive(
    useShallow((s) => {
      const championship = s.copy?.view.championships?.[id];
      const nameOf = (competitor: string | undefined) =>
        competitor === undefined ? undefined : championship?.rows[competitor]?.name;
      return {
        phase: championship?.phase ?? 'running',
        racesRemaining: championship?.racesRemaining,
        pointsStillAvailable: championship?.pointsStillAvailable ?? 0,
        champion: nameOf(championship?.champion),
        championIfEndsNow: nameOf(championship?.championIfEndsNow),
        leader: nameOf(championship?.order[0]),
        out: championship ? championship.order.filter((c) => !championship.rows[c]!.inContention).length : 0,
      };
    }),
  );
  const contenders = useLive(
    useShallow((s) => {
      const championship = s.copy?.view.championships?.[id];
      return championship
        ? championship.order.filter((c) => championship.rows[c]!.inContention).map((c) => championship.rows[c]!.name)
        : [];
    }),
  );
  const { phase, racesRemaining, champion, championIfEndsNow, leader } = summary;
  const headline = champion ?? championIfEndsNow ?? leader;
  const leaderChanged = useLeaderChange(id, headline);
  return (
    <div className="championship">
      <div
        className={`leader-line ${champion ? 'decided' : ''} ${leaderChanged ? 'leader-changed' : ''}`}
        role="status"
        aria-live="polite"
        data-testid="headline"
      >
        {champion
          ? 'CHAMPION'
          : championIfEndsNow
            ? 'CHAMPION IF IT ENDS NOW'
            : phase === 'running'
              ? 'PROJECTED LEADER'
              : 'LEADER'}{' '}
        <strong>{headline}</strong>
        <span className="races-left">
          {racesRemaining === 0
            ? phase === 'running'
              ? 'final race'
              : 'season complete'
            : `${racesRemaining} race${racesRemaining === 1 ? '' : 's'} after this · ${summary.pointsStillAvailable} pts still available`}
        </span>
      </div>
      {!champion && contenders.length > 0 && (
        <p className="contention" data-testid="contention">
          {contenders.length === 1 ? 'STILL IN IT' : 'IN CONTENTION'} <span>{contenders.join(' · ')}</span>
          {summary.out > 0 && <em className="out-count"> · {summary.out} mathematically out</em>}
        </p>
      )}
      <div className="standings" role="table" aria-label="Projected standings">
        <div className="standings-head standings-grid" role="row">
          <span role="columnheader">POS</span>
          <span role="columnheader" />
          <span role="columnheader">NAME</span>
          <span role="columnheader" className="num">
            RACE
          </span>
          <span role="columnheader" className="num">
            PTS
          </span>
          <span role="columnheader" className="num">
            GAP
          </span>
        </div>
        {order.map((competitor) => (
          <StandingsRow key={competitor} championshipId={id} competitor={competitor} />
        ))}
      </div>
    </div>
  );
}

/** True for a few seconds after the projected leader changes, so nobody misses it. */
function useLeaderChange(championshipId: string, leader: string | undefined): boolean {
  const previous = useRef({ championshipId, leader });
  const [changed, setChanged] = useState(false);
  useEffect(() => {
    const before = previous.current;
    previous.current = { championshipId, leader };
    if (before.championshipId !== championshipId || before.leader === undefined || before.leader === leader) return;
    setChanged(true);
    const timer = setTimeout(() => setChanged(false), 4_000);
    return () => clearTimeout(timer);
  }, [championshipId, leader]);
  return changed;
}

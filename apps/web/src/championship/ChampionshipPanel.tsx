import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLive } from '../live/store';
import { useSelection } from '../app/selection';
import { useSeriesList } from './api';
import { StandingsRow } from './StandingsRow';

// recharts loads after the standings are on screen, never in the way of the first paint.
const PointsChart = lazy(() => import('./PointsChart').then((module) => ({ default: module.PointsChart })));

/** Projected standings of one championship of the live session, beside the tower. */
export function ChampionshipPanel() {
  const ids = useLive(useShallow((s) => Object.keys(s.copy?.view.championships ?? {})));
  const unavailable = useLive((s) => s.copy?.view.championshipsUnavailable);
  const seriesId = useLive((s) => s.copy?.view.info.seriesId);
  const classId = useSelection((s) => s.classId);
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
        <span className="panel-title">IF IT ENDS NOW</span>
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
      <Suspense fallback={null}>
        <PointsChart seriesId={seriesId} championshipId={championshipId} />
      </Suspense>
    </aside>
  );
}

/** In a class view, the class's own drivers' title comes first; overall, the series' first. */
function defaultChampionship(
  ids: string[],
  championships: { id: string; classId?: string; eligibility?: string }[] | undefined,
  classId: string | undefined,
) {
  const forClass = championships?.find((c) => c.classId === classId && !c.eligibility && ids.includes(c.id));
  return forClass?.id ?? ids[0];
}

function Championship({ id }: { id: string }) {
  const order = useLive(useShallow((s) => s.copy?.view.championships?.[id]?.order ?? []));
  const racesRemaining = useLive((s) => s.copy?.view.championships?.[id]?.racesRemaining);
  const champion = useLive((s) => s.copy?.view.championships?.[id]?.champion);
  const leaderName = useLive((s) => {
    const championship = s.copy?.view.championships?.[id];
    return championship?.order[0] !== undefined ? championship.rows[championship.order[0]]?.name : undefined;
  });
  const contenders = useLive(
    useShallow((s) => {
      const championship = s.copy?.view.championships?.[id];
      return championship
        ? championship.order.filter((c) => championship.rows[c]!.inContention).map((c) => championship.rows[c]!.name)
        : [];
    }),
  );
  const leaderChanged = useLeaderChange(id, leaderName);
  return (
    <div className="championship">
      <div className={`leader-line ${leaderChanged ? 'leader-changed' : ''}`} role="status" aria-live="polite">
        {champion ? (
          <>
            PROJECTED CHAMPION <strong>{leaderName}</strong>
          </>
        ) : (
          <>
            PROJECTED LEADER <strong>{leaderName}</strong>
          </>
        )}
        <span className="races-left">
          {racesRemaining === 0 ? 'final race' : `${racesRemaining} race${racesRemaining === 1 ? '' : 's'} after this`}
        </span>
      </div>
      {contenders.length > 1 && (
        <p className="contention" data-testid="contention">
          IN CONTENTION <span>{contenders.join(' · ')}</span>
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

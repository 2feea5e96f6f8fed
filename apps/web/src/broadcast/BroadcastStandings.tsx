import { useShallow } from 'zustand/react/shallow';
import { useLive } from '../live/store';
import { useSelection } from '../app/selection';
import { useSeriesList } from '../championship/api';
import { defaultChampionship, PHASE_TITLE } from '../championship/ChampionshipPanel';

/** Rows a broadcast standings list shows: the top of the order, plus any contender below it. */
const TOP = 10;
/** Contenders whose line is shown: the front of the fight, one line each, readable at 3 m. */
const NEEDS_SHOWN = 3;

export function BroadcastStandings({ classId }: { classId: string | undefined }) {
  const ids = useLive(useShallow((s) => Object.keys(s.copy?.view.championships ?? {})));
  const seriesId = useLive((s) => s.copy?.view.info.seriesId);
  const unavailable = useLive((s) => s.copy?.view.championshipsUnavailable);
  const chosen = useSelection((s) => s.championshipId);
  const series = useSeriesList().data?.find((s) => s.id === seriesId);
  const id = chosen && ids.includes(chosen) ? chosen : defaultChampionship(ids, series?.championships, classId);
  const title = useLive(
    useShallow((s) => {
      const c = id ? s.copy?.view.championships?.[id] : undefined;
      return { name: c?.name, phase: c?.phase ?? 'running', champion: c?.champion && c.rows[c.champion]?.name };
    }),
  );
  const rows = useLive(
    useShallow((s) => {
      const c = id ? s.copy?.view.championships?.[id] : undefined;
      if (!c) return [];
      return c.order.filter((competitor, i) => i < TOP || c.rows[competitor]!.inContention).map((k) => c.rows[k]!);
    }),
  );
  const withNeeds = new Set(
    rows
      .filter((row) => row.needs)
      .slice(0, NEEDS_SHOWN)
      .map((row) => row.competitor),
  );
  // Said rather than left blank, so whoever sets up the screen or the OBS source knows why.
  if (!id) {
    return (
      <p className="notice" role="status">
        No championship standings for this session{unavailable ? `: ${unavailable}` : ''}.
      </p>
    );
  }
  return (
    <section className="broadcast-standings" aria-label="Championship" data-phase={title.phase}>
      <h2>
        <span className={`phase phase-${title.phase}`}>{PHASE_TITLE[title.phase]}</span> {title.name}
      </h2>
      {title.champion && <p className="broadcast-champion">CHAMPION {title.champion}</p>}
      <ol>
        {rows.map((row) => (
          <li key={row.competitor} className={row.inContention ? 'contender' : ''} data-competitor={row.competitor}>
            <span className="pos">{row.position}</span>
            <span className={`movement ${(row.movement ?? 0) > 0 ? 'up' : (row.movement ?? 0) < 0 ? 'down' : ''}`}>
              {(row.movement ?? 0) > 0 ? `▲${row.movement}` : (row.movement ?? 0) < 0 ? `▼${-row.movement!}` : ''}
            </span>
            <span className="name">
              {row.name}
              {withNeeds.has(row.competitor) && <small title={row.needs}>{row.needs}</small>}
            </span>
            <span className="points">{row.points}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

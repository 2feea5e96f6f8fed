import { memo } from 'react';
import { useLive } from '../live/store';

export const StandingsRow = memo(function StandingsRow({
  championshipId,
  competitor,
}: {
  championshipId: string;
  competitor: string;
}) {
  const row = useLive((s) => s.copy?.view.championships?.[championshipId]?.rows[competitor]);
  const decided = useLive((s) => s.copy?.view.championships?.[championshipId]?.champion !== undefined);
  if (!row) return null;
  const movement = row.movement ?? 0;
  return (
    <div
      role="row"
      className={`standings-row ${row.inContention ? 'contender' : decided ? '' : 'out'}`}
      data-competitor={competitor}
      data-position={row.position}
    >
      <div className="standings-grid">
        <span role="cell" className="pos">
          {row.position}
        </span>
        <span role="cell" className={`movement ${movement > 0 ? 'up' : movement < 0 ? 'down' : ''}`}>
          {movement > 0 ? `▲${movement}` : movement < 0 ? `▼${-movement}` : '–'}
        </span>
        <span role="cell" className="name">
          {row.name}
        </span>
        <span role="cell" className="num race-points">
          {row.racePoints > 0 ? `+${row.racePoints}` : ''}
        </span>
        <span role="cell" className="num points">
          {row.points}
        </span>
        <span role="cell" className="num">
          {row.gapToLeader > 0 ? `-${row.gapToLeader}` : ''}
        </span>
      </div>
      {row.needs && <div className="needs">{row.needs}</div>}
    </div>
  );
});

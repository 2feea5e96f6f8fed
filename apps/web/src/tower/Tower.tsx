import { useShallow } from 'zustand/react/shallow';
import { useLive } from '../live/store';
import { TowerRow, ROW_HEIGHT } from './TowerRow';

/**
 * The running order. Rows are absolutely placed by index so a change of order slides rows into
 * place instead of reflowing the page, and each row subscribes to its own car only.
 */
export function Tower({ classId }: { classId: string | undefined }) {
  const numbers = useLive(
    useShallow((s) => {
      const view = s.copy?.view;
      if (!view) return [];
      return classId ? view.order.filter((n) => view.cars[n]?.classId === classId) : view.order;
    }),
  );
  const inClass = classId !== undefined;
  return (
    <div
      className="tower"
      role="table"
      aria-label={inClass ? `Class ${classId} running order` : 'Overall running order'}
    >
      <div className="tower-head row-grid" role="row">
        <span role="columnheader">{inClass ? 'CL' : 'POS'}</span>
        <span role="columnheader" />
        <span role="columnheader">NO</span>
        <span role="columnheader">DRIVER</span>
        <span role="columnheader" className="num">
          LAPS
        </span>
        <span role="columnheader" className="num">
          {inClass ? 'CLASS GAP' : 'GAP'}
        </span>
        <span role="columnheader" className="num">
          INT
        </span>
        <span role="columnheader" className="num">
          LAST
        </span>
        <span role="columnheader" className="num">
          BEST
        </span>
        <span role="columnheader" className="num">
          PIT
        </span>
        <span role="columnheader" className="num">
          +/-
        </span>
      </div>
      {/* Keyed by view: switching between overall and a class is a new board, not a run of overtakes. */}
      <div className="tower-body" key={classId ?? 'overall'} style={{ height: numbers.length * ROW_HEIGHT }}>
        {numbers.map((number, index) => (
          <TowerRow key={number} number={number} index={index} inClass={inClass} />
        ))}
      </div>
    </div>
  );
}

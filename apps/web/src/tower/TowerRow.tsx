import { memo, useEffect, useRef, useState } from 'react';
import type { CarState } from '@pitwall/shared';
import { useLive } from '../live/store';
import { classColour, gap, lapTime } from '../app/format';

export const ROW_HEIGHT = 44;

const STATUS_LABEL: Partial<Record<CarState['status'], string>> = {
  pit: 'PIT',
  retired: 'RET',
  dns: 'DNS',
  excluded: 'EXC',
};

interface RowProps {
  number: string;
  index: number;
  inClass: boolean;
}

export const TowerRow = memo(function TowerRow({ number, index, inClass }: RowProps) {
  const car = useLive((s) => s.copy?.view.cars[number]);
  const colour = useLive((s) => (car ? classColour(s.copy?.view.classes ?? [], car.classId) : undefined));
  const position = car ? (inClass ? car.classPosition : car.position) : undefined;
  const moved = useMovement(position);
  if (!car) return null;
  const gained = inClass ? car.classPositionsGained : car.positionsGained;
  const bestMark = inClass ? (car.bestLapMark ? 'overall' : undefined) : car.bestLapMark;
  const status = STATUS_LABEL[car.status];
  return (
    <div
      role="row"
      className={`tower-row row-grid ${moved ?? ''} status-${car.status}`}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      data-car={number}
      data-position={position}
    >
      <span role="cell" className="pos">
        {position}
      </span>
      <span
        role="cell"
        className="class-badge"
        style={inClass ? undefined : { background: colour }}
        title={car.classId}
      >
        {inClass ? '' : car.classId}
      </span>
      <span role="cell" className="car-number" style={{ borderColor: colour }}>
        {car.number}
      </span>
      <span role="cell" className="driver">
        <span className="driver-name">
          {/* Before the name, so a long name never hides race control's mark. */}
          {car.decisionMarks?.map((mark) => (
            <span
              key={mark.kind}
              className={`decision-mark mark-${mark.kind}`}
              title={`Race control decision ${mark.decisions.join(', ')}`}
            >
              {mark.label}
            </span>
          ))}
          {car.driver}
        </span>
        {car.team && <span className="team">{car.team}</span>}
      </span>
      <span role="cell" className="num">
        {car.laps}
      </span>
      <span role="cell" className="num gap">
        {status ? (
          <span className={`status-tag tag-${car.status}`}>{status}</span>
        ) : (
          gap(inClass ? car.classGap : car.gap)
        )}
      </span>
      <span role="cell" className="num">
        {gap(inClass ? car.classInterval : car.interval)}
      </span>
      <span role="cell" className={`num lap mark-${car.lastLapMark ?? 'none'}`}>
        {lapTime(car.lastLapMs)}
      </span>
      <span role="cell" className={`num lap best-${bestMark ?? 'none'}`}>
        {lapTime(car.bestLapMs)}
      </span>
      <span role="cell" className="num">
        {car.pitStops ?? ''}
      </span>
      <span role="cell" className={`num gained ${gained && gained > 0 ? 'up' : gained && gained < 0 ? 'down' : ''}`}>
        {gained ? `${gained > 0 ? '▲' : '▼'}${Math.abs(gained)}` : '–'}
      </span>
    </div>
  );
});

/** Flashes a row for a moment when its position changes: up in green, down in red. */
function useMovement(position: number | undefined): 'moved-up' | 'moved-down' | undefined {
  const previous = useRef(position);
  const [movement, setMovement] = useState<'moved-up' | 'moved-down' | undefined>();
  useEffect(() => {
    const before = previous.current;
    previous.current = position;
    if (before === undefined || position === undefined || before === position) return;
    setMovement(position < before ? 'moved-up' : 'moved-down');
    const timer = setTimeout(() => setMovement(undefined), 2_000);
    return () => clearTimeout(timer);
  }, [position]);
  return movement;
}

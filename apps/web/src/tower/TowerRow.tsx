import { memo, useEffect, useRef, useState, type CSSProperties } from 'react';
import { useLive } from '../live/store';
import { useSelection } from '../app/selection';
import { useCarPanel } from '../engineer/car-panel-store';
import { useWhatIf } from '../whatif/store';
import { classColour } from '../app/format';
import { columnsOf, isBroadcast, type Layout } from './columns';

interface RowProps {
  number: string;
  /** Slot: column and row on the screen. */
  column: number;
  row: number;
  hidden: boolean;
  inClass: boolean;
  layout: Layout;
  sectors: number;
}

export const TowerRow = memo(function TowerRow({ number, column, row, hidden, inClass, layout, sectors }: RowProps) {
  const car = useLive((s) => s.copy?.view.cars[number]);
  const colour = useLive((s) => (car ? classColour(s.copy?.view.classes ?? [], car.classId) : ''));
  const mine = useSelection((s) => s.myCars.includes(number));
  const open = useCarPanel((s) => s.open);
  const position = car ? (inClass ? car.classPosition : car.position) : undefined;
  const moved = useMovement(position);
  if (!car) return null;
  const ctx = { inClass, colour };
  const style = {
    transform: `translate(calc(${column} * 100%), calc(${row} * var(--row-h)))`,
    // Moving up passes over the car it overtakes.
    zIndex: moved === 'moved-up' ? 2 : moved === 'moved-down' ? 1 : undefined,
  } as CSSProperties;
  return (
    <div
      role="row"
      className={`tower-row row-grid ${moved ?? ''} status-${car.status} ${mine ? 'mine' : ''} ${hidden ? 'off-page' : ''}`}
      style={style}
      data-car={number}
      data-class={car.classId}
      data-position={position}
      aria-hidden={hidden || undefined}
      onClick={isBroadcast(layout) ? undefined : () => open(number)}
      {...(layout.startsWith('desk') ? dragToWhatIf(number, position!, inClass ? car.classId : undefined) : {})}
    >
      {columnsOf(layout, sectors).map((c) => (
        <span key={c.id} role="cell" className={`cell-${c.id} ${c.numeric ? 'num' : ''}`}>
          {c.cell(car, ctx)}
        </span>
      ))}
    </div>
  );
});

/** Dragging a row onto another asks what if the dragged car were in that place. */
function dragToWhatIf(number: string, position: number, classId: string | undefined) {
  return {
    draggable: true,
    onDragStart: (event: React.DragEvent) => {
      event.dataTransfer.setData('text/x-pitwall-car', number);
      event.dataTransfer.effectAllowed = 'move';
    },
    onDragOver: (event: React.DragEvent) => {
      if (event.dataTransfer.types.includes('text/x-pitwall-car')) event.preventDefault();
    },
    onDrop: (event: React.DragEvent) => {
      const dragged = event.dataTransfer.getData('text/x-pitwall-car');
      event.preventDefault();
      if (dragged && dragged !== number)
        useWhatIf.getState().set({ number: dragged, position, ...(classId ? { classId } : {}) });
    },
  };
}

/** Marks a row for a moment when its position changes: up or down (shown by ▲▼ and colour). */
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

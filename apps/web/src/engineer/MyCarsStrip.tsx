import { useShallow } from 'zustand/react/shallow';
import { useLive } from '../live/store';
import { useSelection } from '../app/selection';
import { classColour, gap, lapTime } from '../app/format';
import { useCarPanel } from './car-panel-store';

/** The engineer's cars pinned above the tower, wherever they run. */
export function MyCarsStrip() {
  const myCars = useSelection(useShallow((s) => s.myCars));
  const present = useLive(useShallow((s) => myCars.filter((n) => s.copy?.view.cars[n] !== undefined)));
  if (present.length === 0) return null;
  return (
    <section className="my-cars" aria-label="My cars">
      {present.map((number) => (
        <MyCar key={number} number={number} />
      ))}
    </section>
  );
}

function MyCar({ number }: { number: string }) {
  const car = useLive((s) => s.copy?.view.cars[number]);
  const colour = useLive((s) => (car ? classColour(s.copy?.view.classes ?? [], car.classId) : ''));
  const open = useCarPanel((s) => s.open);
  const toggle = useSelection((s) => s.toggleMyCar);
  if (!car) return null;
  return (
    <div className="my-car" data-my-car={number} style={{ borderColor: colour }}>
      <button className="my-car-main" onClick={() => open(number)}>
        <span className="my-car-pos">P{car.position}</span>
        <span className="my-car-number">#{car.number}</span>
        <span className="my-car-driver">{car.driver}</span>
        <span className="my-car-class">
          {car.classId} P{car.classPosition}
        </span>
        <span className="my-car-gap">{car.classPosition === 1 ? 'CLASS LEADER' : gap(car.classGap)}</span>
        <span className={`my-car-last mark-${car.lastLapMark ?? 'none'}`}>{lapTime(car.lastLapMs)}</span>
      </button>
      <button className="my-car-remove" aria-label={`Remove #${number} from my cars`} onClick={() => toggle(number)}>
        ✕
      </button>
    </div>
  );
}

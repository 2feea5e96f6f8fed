import { useLive } from '../live/store';
import { useSelection } from '../app/selection';
import { classColour, gap, lapTime } from '../app/format';
import { useCarPanel } from './car-panel-store';

/** One car in detail: where it runs overall and in class, its gaps and its laps. */
export function CarPanel() {
  const number = useCarPanel((s) => s.car);
  const close = useCarPanel((s) => s.close);
  const car = useLive((s) => (number === undefined ? undefined : s.copy?.view.cars[number]));
  const colour = useLive((s) => (car ? classColour(s.copy?.view.classes ?? [], car.classId) : ''));
  const mine = useSelection((s) => number !== undefined && s.myCars.includes(number));
  const toggle = useSelection((s) => s.toggleMyCar);
  if (number === undefined || !car) return null;
  const facts: [string, string | number][] = [
    ['Position', car.position],
    [`${car.classId} position`, car.classPosition],
    ['Gap', car.position === 1 ? 'leader' : gap(car.gap)],
    ['Interval', gap(car.interval)],
    ['Class gap', car.classPosition === 1 ? 'class leader' : gap(car.classGap)],
    ['Class interval', gap(car.classInterval)],
    ['Laps', car.laps],
    ['Pit stops', car.pitStops ?? 0],
    ['Places gained', car.positionsGained ?? '–'],
    ['Status', car.status],
  ];
  return (
    <aside className="car-panel" aria-label={`Car ${car.number}`} data-testid="car-panel">
      <header style={{ borderColor: colour }}>
        <span className="car-panel-number">#{car.number}</span>
        <span className="car-panel-driver">
          {car.driver}
          {car.team && <small>{car.team}</small>}
        </span>
        <button onClick={() => toggle(car.number)} aria-pressed={mine}>
          {mine ? '★ My car' : '☆ Add to my cars'}
        </button>
        <button onClick={close} aria-label="Close car panel">
          ✕
        </button>
      </header>
      <dl className="car-facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>Lap times</h3>
      <table className="car-laps">
        <tbody>
          <tr>
            <th>Last</th>
            <td className={`mark-${car.lastLapMark ?? 'none'}`}>{lapTime(car.lastLapMs)}</td>
          </tr>
          <tr>
            <th>Best{car.bestLapNumber ? ` (lap ${car.bestLapNumber})` : ''}</th>
            <td className={`best-${car.bestLapMark ?? 'none'}`}>{lapTime(car.bestLapMs)}</td>
          </tr>
        </tbody>
      </table>
    </aside>
  );
}

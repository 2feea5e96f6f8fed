import { useQuery } from '@tanstack/react-query';
import type { LapRecord } from '@pitwall/shared';
import { useLive } from '../live/store';
import { requestJson } from '../app/http';
import { useSelection } from '../app/selection';
import { classColour, clock, gap, lapTime } from '../app/format';
import { markedTime } from '../tower/columns';
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
    ['Pit stops', car.stint?.stops ?? car.pitStops ?? 0],
    ['Laps in stint', car.stint?.lapsInStint ?? '–'],
    ['Last stop', car.stint?.lastStop ? `lap ${car.stint.lastStop.lap}, ${clock(car.stint.lastStop.atMs)}` : '–'],
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
      <LapTimes number={car.number} laps={car.laps} />
      <h3>Best and last</h3>
      <table className="car-laps">
        <tbody>
          <tr>
            <th>Last</th>
            <td>{markedTime(car.lastLapMs, car.lastLapMark)}</td>
          </tr>
          {car.lastSectors?.map((sector, i) => (
            <tr key={i}>
              <th>{`Last lap S${i + 1}`}</th>
              <td>{markedTime(sector.ms, sector.mark)}</td>
            </tr>
          ))}
          <tr>
            <th>Best{car.bestLapNumber ? ` (lap ${car.bestLapNumber})` : ''}</th>
            <td>{markedTime(car.bestLapMs, car.bestLapMark)}</td>
          </tr>
        </tbody>
      </table>
    </aside>
  );
}

/** The car's laps from the session's lap history, newest first, fetched again as it completes one. */
function LapTimes({ number, laps }: { number: string; laps: number }) {
  const sessionId = useLive((s) => s.sessionId);
  const history = useQuery({
    queryKey: ['laps', sessionId, number, laps],
    queryFn: () =>
      requestJson<{ cars: { number: string; laps: LapRecord[] }[] }>(
        `/api/sessions/${encodeURIComponent(sessionId!)}/laps?car=${encodeURIComponent(number)}`,
      ),
    enabled: sessionId !== undefined,
    placeholderData: (previous) => previous,
  });
  const records = history.data?.cars[0]?.laps ?? [];
  if (history.error) return <p className="notice">No lap history: {history.error.message}</p>;
  if (records.length === 0) return null;
  const best = Math.min(...records.map((record) => record.lapMs ?? Infinity));
  return (
    <>
      <h3>Lap times</h3>
      <table className="car-laps" data-testid="car-laps">
        <thead>
          <tr>
            <th>Lap</th>
            <th>Time</th>
            <th>Pos</th>
            <th>Class</th>
            <th>Pit</th>
          </tr>
        </thead>
        <tbody>
          {[...records].reverse().map((record) => (
            <tr key={record.lap}>
              <th>{record.lap}</th>
              <td>
                <span className={`lap mark-${record.lapMs === best ? 'personal' : 'none'}`}>
                  {lapTime(record.lapMs)}
                </span>
              </td>
              <td>{record.position}</td>
              <td>{record.classPosition}</td>
              <td>{record.pitIn ? 'IN' : record.pitOut ? 'OUT' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

import { useMemo, useState } from 'react';
import type { CarLaps } from '@pitwall/shared';
import { useLive } from '../live/store';
import { useSelection } from '../app/selection';
import { ClassTabs } from '../session/ClassTabs';
import { useLapHistory } from './api';
import { GapChart, LapChart } from './ReviewCharts';

/**
 * Lap-by-lap review: how each position came about. Loaded on demand, so the timing screen's
 * first paint never waits for the charting library.
 */
export default function ReviewPage({ sessionId }: { sessionId: string }) {
  const classId = useSelection((s) => s.classId);
  const running = useLive((s) => s.live?.view.info.status === 'running');
  const liveCars = useLive((s) => s.live?.view.cars);
  const history = useLapHistory(sessionId, running);
  const [focus, setFocus] = useState<string | undefined>();
  const [reference, setReference] = useState<'leader' | 'focus'>('leader');

  // Cars in today's order with their class, as one string: it changes with the order, not with
  // every lap time, so the charts are recomputed only when what they draw changes.
  const lineup = useLive((s) => {
    const shown = s.live?.view;
    return shown ? shown.order.map((n) => `${n}\t${shown.cars[n]?.classId ?? ''}`).join('\n') : '';
  });
  const cars: CarLaps[] = useMemo(() => {
    if (!history.data || !lineup) return [];
    const laps = new Map(history.data.map((car) => [car.number, car.laps]));
    return lineup.split('\n').flatMap((line) => {
      const [number, carClass] = line.split('\t') as [string, string];
      const carLaps = laps.get(number);
      return carLaps && (!classId || carClass === classId) ? [{ number, classId: carClass, laps: carLaps }] : [];
    });
  }, [history.data, lineup, classId]);

  const focused = focus && cars.some((car) => car.number === focus) ? focus : undefined;
  return (
    <div className="review">
      <ClassTabs />
      <div className="review-controls">
        <label>
          Car
          <select
            aria-label="Car to follow"
            value={focused ?? ''}
            onChange={(e) => setFocus(e.target.value || undefined)}
          >
            <option value="">none</option>
            {cars.map((car) => (
              <option key={car.number} value={car.number}>
                #{car.number} · {liveCars?.[car.number]?.driver}
              </option>
            ))}
          </select>
        </label>
        <label>
          Gap to
          <select
            aria-label="Gap to"
            value={reference}
            onChange={(e) => setReference(e.target.value as 'leader' | 'focus')}
          >
            <option value="leader">{classId ? 'class leader' : 'leader'}</option>
            <option value="focus" disabled={!focused}>
              {focused ? `#${focused}` : 'the chosen car'}
            </option>
          </select>
        </label>
      </div>
      {history.isPending && <p className="notice">Loading the lap history…</p>}
      {history.error && <p className="notice">No lap history: {history.error.message}</p>}
      {history.data && cars.length === 0 && <p className="notice">No laps completed yet.</p>}
      {cars.length > 0 && (
        <>
          <LapChart cars={cars} focus={focused} height={420} inClass={classId !== undefined} />
          <GapChart
            cars={cars}
            focus={focused}
            height={360}
            {...(reference === 'focus' && focused && { reference: focused })}
          />
        </>
      )}
    </div>
  );
}

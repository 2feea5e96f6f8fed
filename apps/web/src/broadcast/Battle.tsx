import { useShallow } from 'zustand/react/shallow';
import type { CarState } from '@pitwall/shared';
import { useLive } from '../live/store';
import { classColour } from '../app/format';

/** The closest fight on track: the running pair with the smallest interval on the same lap. */
export function closestBattle(cars: readonly CarState[], inClass: boolean): [CarState, CarState] | undefined {
  let best: { pair: [CarState, CarState]; ms: number } | undefined;
  cars.forEach((car, i) => {
    const ahead = cars[i - 1];
    const interval = inClass ? car.classInterval : car.interval;
    if (!ahead || !interval || !('ms' in interval) || car.status !== 'running' || ahead.status !== 'running') return;
    if (!best || interval.ms < best.ms) best = { pair: [ahead, car], ms: interval.ms };
  });
  return best?.pair;
}

export function Battle({ classId }: { classId: string | undefined }) {
  const inClass = classId !== undefined;
  const pair = useLive(
    useShallow((s) => {
      const view = s.copy?.view;
      if (!view) return [];
      const cars = view.order.map((n) => view.cars[n]!).filter((car) => !classId || car.classId === classId);
      return closestBattle(cars, inClass) ?? [];
    }),
  );
  const classes = useLive(useShallow((s) => s.copy?.view.classes ?? []));
  const [ahead, behind] = pair;
  if (!ahead || !behind) return <p className="battle-none">No battle on the same lap right now</p>;
  const interval = inClass ? behind.classInterval : behind.interval;
  const place = inClass ? ahead.classPosition : ahead.position;
  return (
    <section className="battle" aria-label="Battle" data-testid="battle">
      <h2>
        BATTLE FOR {inClass ? `${classId} ` : ''}P{place}
      </h2>
      {[ahead, behind].map((car) => (
        <div key={car.number} className="battle-car" data-car={car.number}>
          <span className="battle-pos">{inClass ? car.classPosition : car.position}</span>
          <span className="car-number" style={{ borderColor: classColour(classes, car.classId) }}>
            {car.number}
          </span>
          <span className="battle-driver">{car.driver}</span>
        </div>
      ))}
      <p className="battle-gap">
        {interval && 'ms' in interval ? `${(interval.ms / 1000).toFixed(3)} s` : ''}
        <small> apart</small>
      </p>
    </section>
  );
}

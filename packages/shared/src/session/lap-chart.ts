import type { LapRecord } from './lap-history';

/** One car's laps as the review charts take them. */
export interface CarLaps {
  number: string;
  classId: string;
  laps: readonly LapRecord[];
}

/** One point of the x axis: the lap, and a value per car number (absent where the car has none). */
export type LapChartRow = { lap: number } & { [car: string]: number };

/**
 * The laps a chart draws: every lap up to `maxPoints`, else every n-th lap and always the last, so
 * 60 cars x 300 laps stays a few thousand points. A sampled lap is an exact lap, never an average.
 */
export function sampledLaps(lastLap: number, maxPoints: number): number[] {
  if (lastLap < 1) return [];
  const stride = Math.max(1, Math.ceil(lastLap / Math.max(1, maxPoints)));
  const laps: number[] = [];
  for (let lap = 1; lap <= lastLap; lap += stride) laps.push(lap);
  if (laps.at(-1) !== lastLap) laps.push(lastLap);
  return laps;
}

const lastLapOf = (cars: readonly CarLaps[]) => Math.max(0, ...cars.map((car) => car.laps.at(-1)?.lap ?? 0));

/** Each car's record of each lap, by lap number (laps may be missing or trimmed at the front). */
function byLap(car: CarLaps): Map<number, LapRecord> {
  return new Map(car.laps.map((record) => [record.lap, record]));
}

/**
 * Position by lap: overall, or in class when the chart shows one class, as each car stood when it
 * crossed the line at the end of that lap.
 */
export function lapChartRows(cars: readonly CarLaps[], inClass: boolean, maxPoints: number): LapChartRow[] {
  const records = cars.map((car) => ({ number: car.number, laps: byLap(car) }));
  return sampledLaps(lastLapOf(cars), maxPoints).map((lap) => {
    const row = { lap } as LapChartRow;
    for (const car of records) {
      const record = car.laps.get(lap);
      if (record) row[car.number] = inClass ? record.classPosition : record.position;
    }
    return row;
  });
}

/**
 * Seconds behind at the line, lap by lap: to the first of `cars` to complete that lap (the leader
 * of what is shown), or to the car `reference`. Taken from race times at the line, so a lapped car
 * shows the time it is behind on the same lap, growing by a lap time with each lap it loses.
 */
export function gapChartRows(
  cars: readonly CarLaps[],
  reference: string | undefined,
  maxPoints: number,
): LapChartRow[] {
  const records = cars.map((car) => ({ number: car.number, laps: byLap(car) }));
  const referenceLaps = records.find((car) => car.number === reference)?.laps;
  if (reference !== undefined && !referenceLaps) return [];
  return sampledLaps(lastLapOf(cars), maxPoints).flatMap((lap) => {
    const times = records.flatMap((car) => {
      const at = car.laps.get(lap)?.raceTimeMs;
      return at === undefined ? [] : [{ number: car.number, at }];
    });
    const base = referenceLaps ? referenceLaps.get(lap)?.raceTimeMs : Math.min(...times.map((t) => t.at));
    if (base === undefined || times.length === 0) return [];
    const row = { lap } as LapChartRow;
    for (const { number, at } of times) row[number] = Math.round(at - base) / 1000;
    return [row];
  });
}

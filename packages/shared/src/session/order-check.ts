import { z } from 'zod';
import type { ClassificationView } from './derive';

/** A car the feed places behind another although it completed the same lap first. */
export const orderAgainstRaceTimeSchema = z.object({
  number: z.string(),
  /** The car directly ahead in the feed's order. */
  ahead: z.string(),
  /** How much earlier `number` crossed the line on that lap: the negative interval, as a positive ms. */
  earlierMs: z.number().positive(),
});
export type OrderAgainstRaceTime = z.infer<typeof orderAgainstRaceTimeSchema>;

/** How many such cars health reports by name; the count covers them all. */
const LISTED = 10;

/**
 * Where the feed's running order contradicts its own race times: a car placed behind one on the
 * same lap count that completed that lap later (a negative interval). Pitwall shows the order as
 * the feed gives it (a feed may know of a penalty), so race control needs to see where it
 * disagrees with the clock. A car one lap short that has not reached the line yet is not one:
 * its interval is from the last line both crossed, before the car ahead passed it on track.
 */
export function orderAgainstRaceTimes(
  view: Pick<ClassificationView, 'order' | 'cars'>,
): { count: number; cars: OrderAgainstRaceTime[] } | undefined {
  const found: OrderAgainstRaceTime[] = [];
  view.order.forEach((number, index) => {
    const ahead = view.order[index - 1];
    if (ahead === undefined) return;
    // Every number of the order is an own key of cars: the view is built that way.
    const car = view.cars[number];
    const interval = car?.interval;
    if (interval && 'ms' in interval && interval.ms < 0 && car.laps === view.cars[ahead]?.laps) {
      found.push({ number, ahead, earlierMs: -interval.ms });
    }
  });
  return found.length === 0 ? undefined : { count: found.length, cars: found.slice(0, LISTED) };
}

import type { ClassificationView } from './derive';

/** A car the feed places behind another although it completed the same lap first. */
export interface OrderAgainstRaceTime {
  number: string;
  /** The car directly ahead in the feed's order. */
  ahead: string;
  /** How much earlier `number` crossed the line on that lap: the negative interval, as a positive ms. */
  earlierMs: number;
}

/** How many such cars health reports by name; the count covers them all. */
const LISTED = 10;

/**
 * Where the feed's running order contradicts its own race times: a car with a negative interval
 * to the car ahead. Pitwall shows the order as the feed gives it (a feed may know of a penalty),
 * so race control needs to see where it disagrees with the clock.
 */
export function orderAgainstRaceTimes(
  view: Pick<ClassificationView, 'order' | 'cars'>,
): { count: number; cars: OrderAgainstRaceTime[] } | undefined {
  const found: OrderAgainstRaceTime[] = [];
  view.order.forEach((number, index) => {
    // Every number of the order is an own key of cars: the view is built that way.
    const interval = view.cars[number]?.interval;
    const ahead = view.order[index - 1];
    if (ahead !== undefined && interval && 'ms' in interval && interval.ms < 0) {
      found.push({ number, ahead, earlierMs: -interval.ms });
    }
  });
  return found.length === 0 ? undefined : { count: found.length, cars: found.slice(0, LISTED) };
}

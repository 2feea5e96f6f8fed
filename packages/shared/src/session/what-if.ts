import type { CarState } from './model';

/**
 * The running order with one car moved to another overall place, everyone between shifting one
 * place, class positions renumbered to match. For "what if #24 finished third" questions: the
 * cars' own timing is left as it is, only the order changes.
 */
export function moveCar(cars: readonly CarState[], number: string, toPosition: number): CarState[] {
  const order = [...cars].sort((a, b) => a.position - b.position);
  const from = order.findIndex((car) => car.number === number);
  if (from < 0) throw new RangeError(`there is no car #${number} in this race`);
  if (!Number.isInteger(toPosition) || toPosition < 1 || toPosition > order.length) {
    throw new RangeError(`P${toPosition} is not a place in this race (P1 to P${order.length})`);
  }
  const [moved] = order.splice(from, 1);
  order.splice(toPosition - 1, 0, moved!);
  const classCount = new Map<string, number>();
  return order.map((car, i) => {
    const classPosition = (classCount.get(car.classId) ?? 0) + 1;
    classCount.set(car.classId, classPosition);
    return { ...car, position: i + 1, classPosition };
  });
}

/** The overall place a car takes to become `classPosition` in its class (the place of the car there now). */
export function overallPlaceForClassPosition(cars: readonly CarState[], number: string, classPosition: number): number {
  const car = cars.find((c) => c.number === number);
  if (!car) throw new RangeError(`there is no car #${number} in this race`);
  const inClass = cars.filter((c) => c.classId === car.classId).sort((a, b) => a.position - b.position);
  const target = inClass[classPosition - 1];
  if (!Number.isInteger(classPosition) || !target) {
    throw new RangeError(`P${classPosition} is not a place in class ${car.classId} (P1 to P${inClass.length})`);
  }
  return target.position;
}

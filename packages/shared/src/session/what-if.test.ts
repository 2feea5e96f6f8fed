import { describe, expect, it } from 'vitest';
import type { CarState } from './model';
import { moveCar, overallPlaceForClassPosition } from './what-if';

const cars: CarState[] = [
  ['1', 'A'],
  ['2', 'B'],
  ['3', 'A'],
  ['4', 'B'],
  ['5', 'A'],
].map(([number, classId], i) => ({
  number: number!,
  classId: classId!,
  driver: `Driver ${number}`,
  position: i + 1,
  classPosition: 0,
  laps: 10,
  status: 'running',
}));

const summary = (moved: CarState[]) => moved.map((c) => `${c.number}:${c.position}/${c.classPosition}`);

describe('what if a car were elsewhere', () => {
  it('moves a car up, the cars it passes drop one place, classes renumbered', () => {
    expect(summary(moveCar(cars, '5', 2))).toEqual(['1:1/1', '5:2/2', '2:3/1', '3:4/3', '4:5/2']);
  });
  it('moves a car down', () => {
    expect(summary(moveCar(cars, '1', 5))).toEqual(['2:1/1', '3:2/1', '4:3/2', '5:4/2', '1:5/3']);
  });
  it('refuses a car or a place that is not in the race', () => {
    expect(() => moveCar(cars, '9', 1)).toThrow('there is no car #9 in this race');
    expect(() => moveCar(cars, '1', 6)).toThrow('P6 is not a place in this race (P1 to P5)');
  });
  it('finds the overall place of a class position', () => {
    expect(overallPlaceForClassPosition(cars, '5', 1)).toBe(1);
    expect(overallPlaceForClassPosition(cars, '4', 1)).toBe(2);
    expect(() => overallPlaceForClassPosition(cars, '4', 3)).toThrow('P3 is not a place in class B (P1 to P2)');
  });
});

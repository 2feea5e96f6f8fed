import type { DemoCar, DemoPlan } from '../demo/simulation';

/** Hand-made races for the demo's tests. */
export const MINUTE = 60_000;

export function entry(number: string, classId: string, finishPosition: number, dns = false): DemoCar {
  return {
    number,
    classId,
    driver: `Driver ${number}`,
    team: `Team ${number}`,
    finishPosition,
    ...(dns ? { dns } : {}),
  };
}

/** Two classes: eight prototypes ahead of ten GT cars, the last GT retires, one GT does not start. */
export const multiClass: DemoPlan = {
  sessionId: 'demo-test-r1',
  seriesId: 'test',
  event: 'Test Weekend',
  name: 'Race 1',
  round: 1,
  race: 1,
  classes: [
    { id: 'P', name: 'Prototype' },
    { id: 'GT', name: 'GT' },
  ],
  cars: [
    ...Array.from({ length: 8 }, (_, i) => entry(String(10 + i), 'P', i + 1)),
    ...Array.from({ length: 10 }, (_, i) => entry(String(50 + i), 'GT', i + 9)),
    entry('99', 'GT', 19, true),
  ],
  durationMs: 45 * MINUTE,
  baseLapMs: { P: 77_000, GT: 89_000 },
  fcy: { startMs: 22 * MINUTE, durationMs: 5 * MINUTE },
  retirements: ['59'],
};

/** One class with a real grid, two retirements and the finishing order given out of grid order. */
export const oneClass: DemoPlan = {
  ...multiClass,
  sessionId: 'demo-test-r2',
  name: 'Race 2',
  race: 2,
  classes: [{ id: 'MX5', name: 'MX-5 Cup' }],
  cars: ['22', '83', '5', '99', '96', '57', '13', '56', '24', '42', '50', '39'].map((number, i) =>
    entry(number, 'MX5', i + 1),
  ),
  grid: ['5', '96', '22', '13', '83', '24', '57', '99', '39', '42', '56', '50'],
  baseLapMs: { MX5: 93_000 },
  retirements: ['50', '39'],
};

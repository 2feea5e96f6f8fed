import type { FullUpdate } from '../feed/update';
import type { CarFeed } from '../session/model';

/** A small two-class field for tests: positions follow the array order. */
export function twoClassField(): CarFeed[] {
  return [
    {
      number: '6',
      classId: 'LMP3',
      driver: 'Steven Aghakhani',
      position: 1,
      laps: 10,
      totalTimeMs: 900_000,
      lastLapMs: 89_000,
      bestLapMs: 88_000,
      startPosition: 2,
    },
    {
      number: '87',
      classId: 'LMP3',
      driver: 'Jagger Jones',
      position: 2,
      laps: 10,
      totalTimeMs: 902_500,
      lastLapMs: 88_500,
      bestLapMs: 88_500,
      startPosition: 1,
    },
    {
      number: '59',
      classId: 'GSX',
      driver: 'Luca Mars',
      position: 3,
      laps: 10,
      totalTimeMs: 990_000,
      lastLapMs: 97_000,
      bestLapMs: 96_000,
      startPosition: 3,
    },
    {
      number: '7',
      classId: 'LMP3',
      driver: 'Alex Kirby',
      position: 4,
      laps: 9,
      totalTimeMs: 905_000,
      lastLapMs: 91_000,
      bestLapMs: 90_000,
      startPosition: 4,
    },
    {
      number: '88',
      classId: 'GSX',
      driver: 'Patrick Wilmot',
      position: 5,
      laps: 9,
      totalTimeMs: 950_000,
      lastLapMs: 95_500,
      bestLapMs: 95_500,
      startPosition: 5,
    },
  ];
}

export function fullUpdate(seq: number, cars: CarFeed[] = twoClassField()): FullUpdate {
  return {
    type: 'full',
    sessionId: 'vp-r12',
    seq,
    session: {
      seriesId: 'vp-sportscar-challenge',
      event: 'Road Atlanta',
      name: 'Race 2',
      status: 'running',
      flag: 'green',
    },
    classes: [
      { id: 'LMP3', name: 'LMP3' },
      { id: 'GSX', name: 'GSX' },
    ],
    cars,
  };
}

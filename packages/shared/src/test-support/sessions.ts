import type { FullUpdate } from '../feed/update';
import type { CarFeed } from '../session/model';
import type { LapRecord } from '../session/lap-history';

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

/**
 * The VIR 2024 finish as a feed that knows of #27's post-race penalty sends it: #27 placed behind
 * #3 although it completed the last lap 0.488 s before it.
 */
export function orderAgainstTimesUpdate(): FullUpdate {
  const car = (number: string, position: number, totalTimeMs: number): CarFeed => ({
    number,
    classId: 'GTD',
    driver: `Driver ${number}`,
    position,
    laps: 86,
    totalTimeMs,
  });
  return {
    type: 'full',
    sessionId: 'vir',
    seq: 1,
    session: { seriesId: 'imsa', event: 'VIR', name: 'Race', status: 'finished', flag: 'checkered' },
    cars: [car('9', 1, 9_665_516), car('3', 2, 9_666_600), car('27', 3, 9_666_112)],
  };
}

/** One lap of a car's history: a green lap on track, leading, unless `fields` say otherwise. */
export function lapRecord(lap: number, fields: Partial<LapRecord> = {}): LapRecord {
  return {
    lap,
    position: 1,
    classPosition: 1,
    pitIn: false,
    pitOut: false,
    flag: 'green',
    driver: 'Zacharie Robichon',
    ...fields,
  };
}

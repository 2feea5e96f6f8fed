import {
  applyFeedUpdate,
  feedUpdateSchema,
  stintsAndStops,
  type CarFeed,
  type SessionMeta,
  type SessionState,
  type TimedFeedUpdate,
} from '@pitwall/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysisTimeline, type AnalysisOptions } from './analysis';
import { parseCsv, parseTimeMs } from './csv';
import { finishingOrderByClass, raceResultFromAlkamel } from './results';
import { IMSA_CLASS_MAP, readAlkamelFile, skipWithoutAlkamelData } from '../../test-support/alkamel-files';

const OPTIONS: AnalysisOptions = { sessionId: 'imsa-2024-race', seriesId: 'imsa', event: 'Test', name: 'Race' };

interface Replayed {
  session: Partial<SessionMeta>;
  cars: CarFeed[];
  /** Every broken rule of the session store, by update; empty when the whole timeline is fine. */
  problems: string[];
}

/** A tiny session store with the rules the real one enforces on every update. */
function replayAll(timeline: TimedFeedUpdate[]): Replayed {
  let session: Partial<SessionMeta> = {};
  let cars = new Map<string, CarFeed>();
  const problems: string[] = [];
  let lastSeq = -1;
  let lastAtMs = -1;
  for (const { atMs, update } of timeline) {
    const parsed = feedUpdateSchema.safeParse(update);
    if (!parsed.success) problems.push(`seq ${update.seq}: ${parsed.error.message}`);
    if (update.seq <= lastSeq) problems.push(`seq ${update.seq} does not grow`);
    if (atMs < lastAtMs) problems.push(`seq ${update.seq} goes back in time`);
    lastSeq = update.seq;
    lastAtMs = atMs;
    if (update.type === 'full') {
      session = update.session;
      cars = new Map(update.cars.map((car) => [car.number, car]));
    } else {
      session = { ...session, ...update.session };
      for (const patch of update.cars ?? []) {
        const car = cars.get(patch.number);
        if (!car) problems.push(`seq ${update.seq}: unknown car #${patch.number}`);
        else cars.set(patch.number, { ...car, ...patch });
      }
    }
    const positions = [...cars.values()].map((car) => car.position).sort((a, b) => a - b);
    if (positions.some((position, index) => position !== index + 1)) {
      problems.push(`seq ${update.seq}: positions ${positions.join(',')}`);
    }
  }
  return { session, cars: [...cars.values()].sort((a, b) => a.position - b.position), problems };
}

const HEADER =
  'NUMBER, DRIVER_NUMBER, LAP_NUMBER, LAP_TIME, LAP_IMPROVEMENT, CROSSING_FINISH_LINE_IN_PIT, S1, S1_IMPROVEMENT, S2, S2_IMPROVEMENT, S3, S3_IMPROVEMENT, KPH, ELAPSED, HOUR,S1_LARGE,S2_LARGE,S3_LARGE,TOP_SPEED,DRIVER_NAME,PIT_TIME,CLASS,GROUP,TEAM,MANUFACTURER,FLAG_AT_FL,';

interface Lap {
  number: string;
  lap: number;
  lapTime: string;
  elapsed: string;
  driver: string;
  cls: string;
  pit?: 'B';
  pitTime?: string;
  flag?: string;
}

function lapRow(lap: Lap): string {
  const team = lap.cls === 'LMP2' ? 'Proto Team' : '"Team, GT"';
  const make = lap.cls === 'LMP2' ? 'ORECA' : 'BMW';
  return [
    lap.number,
    1,
    lap.lap,
    lap.lapTime,
    0,
    lap.pit ?? '',
    '20.000',
    0,
    '30.000',
    0,
    '30.000',
    0,
    '180.0',
    lap.elapsed,
    '12:00:00.000',
    '0:20.000',
    '0:30.000',
    '0:30.000',
    '',
    lap.driver,
    lap.pitTime ?? '',
    lap.cls,
    '',
    team,
    make,
    lap.flag ?? 'GF',
    '',
  ].join(',');
}

/** Three cars, two classes, a pit stop, a caution and the finish. */
const LAPS: Lap[] = [
  { number: '7', lap: 1, lapTime: '1:20.000', elapsed: '1:20.000', driver: 'Ann Seven', cls: 'GTD' },
  { number: '7', lap: 2, lapTime: '1:19.000', elapsed: '2:39.000', driver: 'Ann Seven', cls: 'GTD' },
  { number: '7', lap: 3, lapTime: '1:21.000', elapsed: '4:00.000', driver: 'Ann Seven', cls: 'GTD', flag: 'FF' },
  { number: '8', lap: 1, lapTime: '1:19.500', elapsed: '1:19.500', driver: 'Bo Eight', cls: 'LMP2' },
  {
    number: '8',
    lap: 2,
    lapTime: '1:45.000',
    elapsed: '3:04.500',
    driver: 'Bo Eight',
    cls: 'LMP2',
    pit: 'B',
    flag: 'FCY',
  },
  {
    number: '8',
    lap: 3,
    lapTime: '1:30.000',
    elapsed: '4:34.500',
    driver: 'Cy Eight',
    cls: 'LMP2',
    pitTime: '0:00:50.000',
    flag: 'FF',
  },
  { number: '9', lap: 1, lapTime: '1:21.000', elapsed: '1:21.000', driver: 'Di Nine', cls: 'GTD' },
  { number: '9', lap: 2, lapTime: '1:20.000', elapsed: '2:41.000', driver: 'Di Nine', cls: 'GTD', flag: 'FCY' },
  { number: '9', lap: 3, lapTime: '1:22.000', elapsed: '4:02.000', driver: 'Di Nine', cls: 'GTD', flag: 'FF' },
];
const analysisFile = (rows: string[]) => `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`;
const CLEAN = analysisFile(LAPS.map(lapRow));

describe('analysisTimeline on a small race', () => {
  const { timeline, rejected } = analysisTimeline(CLEAN, OPTIONS);

  it('starts with every car in the order of their first crossing, then one patch per crossing moment', () => {
    expect(rejected).toEqual([]);
    const [first] = timeline;
    expect(first?.atMs).toBe(0);
    expect(first?.update).toMatchObject({
      type: 'full',
      seq: 1,
      session: { seriesId: 'imsa', event: 'Test', name: 'Race', status: 'running', flag: 'green', elapsedMs: 0 },
      classes: [
        { id: 'LMP2', name: 'LMP2' },
        { id: 'GTD', name: 'GTD' },
      ],
    });
    expect(first?.update.type === 'full' && first.update.cars).toEqual([
      {
        number: '8',
        classId: 'LMP2',
        driver: 'Bo Eight',
        team: 'Proto Team',
        manufacturer: 'ORECA',
        position: 1,
        laps: 0,
        pitStops: 0,
        inPit: false,
        status: 'running',
      },
      {
        number: '7',
        classId: 'GTD',
        driver: 'Ann Seven',
        team: 'Team, GT',
        manufacturer: 'BMW',
        position: 2,
        laps: 0,
        pitStops: 0,
        inPit: false,
        status: 'running',
      },
      {
        number: '9',
        classId: 'GTD',
        driver: 'Di Nine',
        team: 'Team, GT',
        manufacturer: 'BMW',
        position: 3,
        laps: 0,
        pitStops: 0,
        inPit: false,
        status: 'running',
      },
    ]);
    expect(timeline.map((entry) => entry.atMs)).toEqual([
      0, 79_500, 80_000, 81_000, 159_000, 161_000, 184_500, 240_000, 242_000, 274_500,
    ]);
    expect(timeline.map((entry) => entry.update.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('sends only what changed: a lap, a pass, a pit stop, the flags', () => {
    expect(timeline[4]?.update).toEqual({
      type: 'patch',
      sessionId: 'imsa-2024-race',
      seq: 5,
      session: { elapsedMs: 159_000 },
      cars: [
        {
          number: '7',
          position: 1,
          laps: 2,
          totalTimeMs: 159_000,
          lastLapMs: 79_000,
          bestLapMs: 79_000,
          bestLapNumber: 2,
          lastLapSectorsMs: [20_000, 30_000, 30_000],
        },
        { number: '8', position: 2 },
      ],
    });
    expect(timeline[5]?.update).toMatchObject({ session: { elapsedMs: 161_000, flag: 'fcy' } });
    expect(timeline[6]?.update).toMatchObject({
      session: { elapsedMs: 184_500 },
      cars: [
        { number: '8', laps: 2, totalTimeMs: 184_500, lastLapMs: 105_000, inPit: true, status: 'pit', pitStops: 1 },
      ],
    });
    expect(timeline[7]?.update).toMatchObject({
      session: { elapsedMs: 240_000, flag: 'checkered', status: 'finished' },
    });
    expect(timeline[9]?.update).toMatchObject({
      session: { elapsedMs: 274_500 },
      cars: [
        {
          number: '8',
          driver: 'Cy Eight',
          laps: 3,
          inPit: false,
          status: 'running',
          lastLapMs: 90_000,
          lastPitLaneMs: 50_000,
        },
      ],
    });
  });

  it('ends with the finishing order and every update valid for the session store', () => {
    const replayed = replayAll(timeline);
    expect(replayed.problems).toEqual([]);
    expect(replayed.session).toMatchObject({ status: 'finished', flag: 'checkered', elapsedMs: 274_500 });
    expect(replayed.cars.map((car) => [car.number, car.laps, car.bestLapMs, car.pitStops])).toEqual([
      ['7', 3, 79_000, 0],
      ['9', 3, 80_000, 0],
      ['8', 3, 79_500, 1],
    ]);
  });

  it('maps classes through the class map and rejects a class it does not know', () => {
    const mapped = analysisTimeline(CLEAN, { ...OPTIONS, classMap: new Map([['GTD', 'gtd']]) });
    expect(mapped.rejected).toEqual(
      [4, 5, 6].map((line) => ({ line: line + 1, reason: 'class "LMP2" is not in the class map' })),
    );
    const full = mapped.timeline[0]?.update;
    expect(full?.type === 'full' && full.cars.map((car) => [car.number, car.classId])).toEqual([
      ['7', 'gtd'],
      ['9', 'gtd'],
    ]);
  });

  it('refuses options the session would refuse', () => {
    expect(() => analysisTimeline(CLEAN, { ...OPTIONS, sessionId: 'no spaces' })).toThrow(/session id "no spaces"/);
    expect(() => analysisTimeline(CLEAN, { ...OPTIONS, classMap: new Map([['GTD', '']]) })).toThrow(
      /class id "" for GTD/,
    );
  });
});

describe('analysisTimeline on damaged input', () => {
  it('rejects each bad row with its line and a reason, and the rest replays as if it were absent', () => {
    const rows = LAPS.map(lapRow);
    const damaged = [
      ...rows.slice(0, 2),
      rows[2]?.slice(0, 40) ?? '', // line 4: truncated
      rows[3]?.replace('1:19.500', '1:19.5x0') ?? '', // line 5: lap time and elapsed both broken
      rows[4]?.replace(',FCY,', ',ZZ,') ?? '', // line 6: unknown flag
      lapRow({ ...LAPS[0]!, elapsed: '3:50.000' }), // line 7: lap 1 again, after lap 2
      lapRow({ ...LAPS[0]!, number: '' }), // line 8
      lapRow({ ...LAPS[6]!, cls: 'LMP2', lap: 9, elapsed: '9:00.000' }), // line 9: class change
      ...rows.slice(5),
      '"unclosed,1,2', // line 14
    ];
    const { timeline, rejected } = analysisTimeline(analysisFile(damaged), OPTIONS);
    expect(rejected).toEqual([
      { line: 4, reason: 'has 11 fields: it stops before FLAG_AT_FL (field 26)' },
      { line: 5, reason: 'LAP_TIME "1:19.5x0" is not a lap time' },
      { line: 6, reason: 'FLAG_AT_FL "ZZ" is not a known flag (GF, YF, FCY, SC, SF, RF, FF)' },
      { line: 7, reason: 'lap 1 of car #7 comes after its lap 2' },
      { line: 8, reason: 'NUMBER "" is not valid: Too small: expected string to have >=1 characters' },
      { line: 9, reason: 'car #9 is in class GTD, not LMP2' },
      { line: 14, reason: 'a quoted field is never closed' },
    ]);
    const withoutBadRows = analysisFile([...rows.slice(0, 2), ...rows.slice(5)]);
    expect(timeline).toEqual(analysisTimeline(withoutBadRows, OPTIONS).timeline);
  });

  it('reports a file that is not an analysis file', () => {
    expect(analysisTimeline('', OPTIONS)).toEqual({
      timeline: [],
      rejected: [{ line: 1, reason: 'the file is empty' }],
    });
    expect(analysisTimeline('NUMBER,LAP_NUMBER\n7,1\n', OPTIONS).rejected).toEqual([
      {
        line: 1,
        reason: 'the header lacks LAP_TIME, ELAPSED, CROSSING_FINISH_LINE_IN_PIT, DRIVER_NAME, CLASS, FLAG_AT_FL',
      },
    ]);
  });

  it('never throws and never emits an update the store would refuse, whatever a row is cut to or overwritten with', () => {
    const rows = LAPS.map(lapRow);
    fc.assert(
      fc.property(fc.nat(rows.length - 1), fc.nat(200), fc.string({ maxLength: 12 }), (index, cut, junk) => {
        const mutated = rows.map((row, i) => (i === index ? row.slice(0, cut) + junk : row));
        const { timeline, rejected } = analysisTimeline(analysisFile(mutated), OPTIONS);
        const replayed = replayAll(timeline);
        expect(replayed.problems).toEqual([]);
        expect(rejected.every((row) => row.line >= 1 && row.reason.length > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

/** The order with one car moved behind the last car of its class: how a post-race penalty reads. */
function movedToBackOfClass(order: readonly CarFeed[], number: string): string[] {
  const penalised = order.find((car) => car.number === number);
  if (!penalised) throw new Error(`car #${number} is not in the order`);
  const rest = order.filter((car) => car !== penalised);
  rest.splice(rest.findLastIndex((car) => car.classId === penalised.classId) + 1, 0, penalised);
  return rest.map((car) => car.number);
}

describe.skipIf(skipWithoutAlkamelData)('replaying the official 2024 IMSA analysis files', () => {
  const replays = new Map<string, ReturnType<typeof replayRace>>();
  const replayRace = (race: 'ctmp' | 'vir') => {
    const analysis = analysisTimeline(readAlkamelFile(`2024-imsa-${race}-race-analysis.csv`), {
      ...OPTIONS,
      sessionId: `imsa-2024-${race}-race`,
      classMap: IMSA_CLASS_MAP,
    });
    const resultsCsv = readAlkamelFile(`2024-imsa-${race}-race-results.csv`);
    const official = raceResultFromAlkamel(resultsCsv, { race: 1, classMap: IMSA_CLASS_MAP });
    // Laps and race time are in the results file but not in a championship result.
    const officialLapsAndTime = parseCsv(resultsCsv, ['NUMBER', 'LAPS', 'TOTAL_TIME']).records.map(
      ({ values }): [string, number, number | undefined] => [
        values.get('NUMBER') ?? '',
        Number(values.get('LAPS')),
        parseTimeMs(values.get('TOTAL_TIME') ?? ''),
      ],
    );
    return {
      analysis,
      replayed: replayAll(analysis.timeline),
      official: official.result.classification,
      officialLapsAndTime,
    };
  };
  const replayed = (race: 'ctmp' | 'vir') => {
    const replay = replays.get(race) ?? replayRace(race);
    replays.set(race, replay);
    return replay;
  };

  it('CTMP: every row is used, every update is valid, and the final order is the official one', () => {
    const { analysis, replayed: final, official } = replayed('ctmp');
    expect(analysis.rejected).toEqual([]);
    // One update per row, but for two cars that crossed in the same ms (1:50:03.154), and one for
    // each of the three cars that stopped before the flag, when it is declared retired.
    expect(analysis.timeline).toHaveLength(3644 + 3);
    expect(final.problems).toEqual([]);
    expect(final.cars.map((car) => car.number)).toEqual(official.map((row) => row.number));
    expect(finishingOrderByClass(final.cars)).toEqual(finishingOrderByClass(official));
  });

  it('CTMP: laps, race time and best laps of every car match the official classification', () => {
    const { replayed: final, official, officialLapsAndTime } = replayed('ctmp');
    expect(final.cars.map((car) => [car.number, car.laps, car.totalTimeMs])).toEqual(officialLapsAndTime);
    expect(final.cars.map((car) => [car.number, car.bestLapMs])).toEqual(
      official.map((row) => [row.number, row.bestLapMs]),
    );
    expect(final.cars[0]).toMatchObject({ number: '52', bestLapNumber: 113, pitStops: 3, driver: 'Tom Dillmann' });
    expect(final.cars.find((car) => car.number === '1')).toMatchObject({ pitStops: 7 });
  });

  it.each([
    ['ctmp', ['13', '14', '20']],
    ['vir', ['70']],
  ] as const)(
    '%s: the cars that stopped before the flag are retired, two of their laps after their last crossing',
    (race, stopped) => {
      const { analysis, replayed: final } = replayed(race);
      expect(
        final.cars
          .filter((car) => car.status === 'retired')
          .map((car) => car.number)
          .sort(),
      ).toEqual([...stopped]);
      for (const number of stopped) {
        const car = final.cars.find((c) => c.number === number)!;
        const retiredAt = analysis.timeline.find((entry) =>
          entry.update.cars?.some((patch) => patch.number === number && patch.status === 'retired'),
        )?.atMs;
        expect(retiredAt, `#${number}`).toBeGreaterThan(car.totalTimeMs!);
        expect(retiredAt! - car.totalTimeMs!, `#${number}`).toBeLessThanOrEqual(3 * car.bestLapMs!);
      }
    },
  );

  it('CTMP: the flag follows the line (cautions) and the race finishes when the winner takes the checkered flag', () => {
    const { analysis } = replayed('ctmp');
    const flags = analysis.timeline.flatMap((entry) => (entry.update.session?.flag ? [entry.update.session.flag] : []));
    expect(flags[0]).toBe('green');
    expect(flags).toContain('fcy');
    expect(flags.at(-1)).toBe('checkered');
    const finish = analysis.timeline.find((entry) => entry.update.session?.status === 'finished');
    expect(finish?.atMs).toBe(9_634_358);
  });

  it('VIR: the final order is the official one once #27 is moved to the back of GTD, its post-race penalty', () => {
    const { analysis, replayed: final, official, officialLapsAndTime } = replayed('vir');
    expect(analysis.rejected).toEqual([]);
    expect(final.problems).toEqual([]);
    const officialOrder = official.map((row) => row.number);
    expect(final.cars.map((car) => car.number)).not.toEqual(officialOrder);
    expect(movedToBackOfClass(final.cars, '27')).toEqual(officialOrder);
    // On the road #27 was second in GTD; the official classification puts it last.
    expect(finishingOrderByClass(final.cars).get('gtd')?.indexOf('27')).toBe(1);
    expect(finishingOrderByClass(official).get('gtd')?.at(-1)).toBe('27');
    // #27's official race time carries the penalty, so only the others are compared.
    const unpenalised = officialLapsAndTime.filter(([number]) => number !== '27');
    const byNumber = new Map(final.cars.map((car) => [car.number, [car.number, car.laps, car.totalTimeMs]]));
    expect(unpenalised.map(([number]) => byNumber.get(number))).toEqual(unpenalised);
    expect(final.session).toMatchObject({ status: 'finished', flag: 'checkered' });
  });

  it('VIR: the lap history has every lap of #27 with sectors, and its stints, stops and drivers', () => {
    const { analysis } = replayed('vir');
    let state: SessionState | undefined;
    for (const { update } of analysis.timeline) {
      const outcome = applyFeedUpdate(state, update);
      if (outcome.kind !== 'accepted') throw new Error(JSON.stringify(outcome));
      state = outcome.state;
    }
    const laps = state!.lapHistory.get('27')!.laps;
    expect(laps.map((record) => record.lap)).toEqual(Array.from({ length: 86 }, (_, i) => i + 1));
    expect(laps[0]).toMatchObject({ lapMs: 113_149, sectorsMs: [26_070, 46_625, 40_454], raceTimeMs: 113_149 });
    expect(laps.at(-1)).toMatchObject({ raceTimeMs: 9_666_112, flag: 'checkered', classPosition: 2 });
    expect(stintsAndStops(laps)).toEqual({
      stints: [
        { stint: 1, fromLap: 1, toLap: 25, laps: 25, driver: 'Zacharie Robichon', endedInPit: true },
        { stint: 2, fromLap: 26, toLap: 57, laps: 32, driver: 'Zacharie Robichon', endedInPit: true },
        { stint: 3, fromLap: 58, toLap: 86, laps: 29, driver: 'Roman De Angelis', endedInPit: false },
      ],
      stops: [
        { stop: 1, inLap: 25, outLap: 26, pitLaneMs: 56_127 },
        { stop: 2, inLap: 57, outLap: 58, pitLaneMs: 62_440 },
      ],
    });
  });
});

import {
  carFeedSchema,
  describeIssues,
  sessionIdSchema,
  sessionMetaSchema,
  TimingBuilder,
  type CarFeed,
  type ClassInfo,
  type Flag,
  type SessionMeta,
  type TimedFeedUpdate,
} from '@pitwall/shared';
import type { z } from 'zod';
import { parseCsv, parseTimeMs, type CsvRecord, type RejectedRow } from './csv';

/**
 * Al Kamel "race analysis" files (one row per lap of every car) replayed as a live feed:
 * every crossing of the line, in race time order, becomes a feed update.
 */

export interface AnalysisOptions {
  sessionId: string;
  seriesId: string;
  event: string;
  name: string;
  /** Al Kamel CLASS → the series' class id; without it CLASS is the class id. */
  classMap?: ReadonlyMap<string, string>;
}

export interface AnalysisTimeline {
  timeline: TimedFeedUpdate[];
  rejected: RejectedRow[];
}

const REQUIRED_COLUMNS = [
  'NUMBER',
  'LAP_NUMBER',
  'LAP_TIME',
  'ELAPSED',
  'CROSSING_FINISH_LINE_IN_PIT',
  'DRIVER_NAME',
  'CLASS',
  'FLAG_AT_FL',
] as const;

/**
 * FLAG_AT_FL codes. These files use GF, FCY and FF (the checkered flag on each car's last lap);
 * the others are Al Kamel codes seen in other events, SC/SF being IMSA's safety-car periods.
 */
const FLAG_CODES: ReadonlyMap<string, Flag> = new Map(
  Object.entries({
    GF: 'green',
    YF: 'yellow',
    FCY: 'fcy',
    SC: 'fcy',
    SF: 'fcy',
    RF: 'red',
    FF: 'checkered',
  }),
);

/** "B" marks a crossing of the timing line inside the pit lane. */
const IN_PIT_MARK = 'B';

const MAX_CARS = 250;

interface Crossing {
  line: number;
  number: string;
  lap: number;
  lapMs: number;
  elapsedMs: number;
  inPit: boolean;
  /** S1..S3 when the row has all of them. */
  sectorsMs?: number[];
  /** PIT_TIME, on the out lap: time in the pit lane on the stop the lap started from. */
  pitLaneMs?: number;
  driver: string;
  team?: string;
  manufacturer?: string;
  classId: string;
  className: string;
  /** Absent when the row leaves FLAG_AT_FL empty: the flag stays as it was. */
  flag?: Flag;
}

export function analysisTimeline(csvText: string, options: AnalysisOptions): AnalysisTimeline {
  const meta = checkedSessionMeta(options);
  const table = parseCsv(csvText, REQUIRED_COLUMNS);
  const rejected = [...table.rejected];

  const crossings: Crossing[] = [];
  for (const record of table.records) {
    const crossing = readCrossing(record, options.classMap);
    if (typeof crossing === 'string') rejected.push({ line: record.line, reason: crossing });
    else crossings.push(crossing);
  }
  // Array sort is stable: crossings at the same ms keep file order.
  crossings.sort((a, b) => a.elapsedMs - b.elapsedMs);
  const accepted = consistentPerCar(crossings, rejected);
  rejected.sort((a, b) => a.line - b.line);
  return { timeline: replay(accepted, options.sessionId, meta), rejected };
}

function checkedSessionMeta(options: AnalysisOptions): SessionMeta {
  const problems: string[] = [];
  if (!sessionIdSchema.safeParse(options.sessionId).success) problems.push(`session id "${options.sessionId}"`);
  const { seriesId, event, name } = options;
  const meta = sessionMetaSchema.pick({ seriesId: true, event: true, name: true }).safeParse({ seriesId, event, name });
  if (!meta.success) problems.push(describeIssues(meta.error.issues, 'options'));
  for (const [className, classId] of options.classMap ?? []) {
    if (!carFeedSchema.shape.classId.safeParse(classId).success)
      problems.push(`class id "${classId}" for ${className}`);
  }
  if (problems.length > 0) throw new Error(`Al Kamel analysis options are not valid: ${problems.join('; ')}`);
  return { seriesId: options.seriesId, event: options.event, name: options.name };
}

/** Checks a value against the session model's own rule for that field, so limits live in one place. */
function fieldProblem(schema: z.ZodType, column: string, value: string): string | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? undefined : describeIssues(parsed.error.issues, `${column} "${value}" is not valid`);
}

function readCrossing(record: CsvRecord, classMap: ReadonlyMap<string, string> | undefined): Crossing | string {
  const text = (column: string) => record.values.get(column) ?? '';
  const textProblem =
    fieldProblem(carFeedSchema.shape.number, 'NUMBER', text('NUMBER')) ??
    fieldProblem(carFeedSchema.shape.driver, 'DRIVER_NAME', text('DRIVER_NAME')) ??
    fieldProblem(carFeedSchema.shape.team, 'TEAM', text('TEAM')) ??
    fieldProblem(carFeedSchema.shape.manufacturer, 'MANUFACTURER', text('MANUFACTURER'));
  if (textProblem) return textProblem;
  const lap = /^\d+$/.test(text('LAP_NUMBER')) ? Number(text('LAP_NUMBER')) : 0;
  if (lap < 1) return `LAP_NUMBER "${text('LAP_NUMBER')}" is not a lap number`;
  const lapMs = parseTimeMs(text('LAP_TIME'));
  if (!lapMs) return `LAP_TIME "${text('LAP_TIME')}" is not a lap time`;
  const elapsedMs = parseTimeMs(text('ELAPSED'));
  if (elapsedMs === undefined) return `ELAPSED "${text('ELAPSED')}" is not a race time`;
  const pitMark = text('CROSSING_FINISH_LINE_IN_PIT');
  if (pitMark !== '' && pitMark !== IN_PIT_MARK) {
    return `CROSSING_FINISH_LINE_IN_PIT "${pitMark}" is not "${IN_PIT_MARK}" or empty`;
  }
  const flagCode = text('FLAG_AT_FL');
  const flag = FLAG_CODES.get(flagCode);
  if (flagCode !== '' && !flag) {
    return `FLAG_AT_FL "${flagCode}" is not a known flag (${[...FLAG_CODES.keys()].join(', ')})`;
  }
  const sectorsMs = ['S1', 'S2', 'S3'].map((column) => parseTimeMs(text(column)));
  const pitLaneMs = text('PIT_TIME') === '' ? undefined : parseTimeMs(text('PIT_TIME'));
  if (text('PIT_TIME') !== '' && !pitLaneMs) return `PIT_TIME "${text('PIT_TIME')}" is not a time`;
  const className = text('CLASS');
  if (className === '') return 'CLASS is empty';
  const classId = classMap ? classMap.get(className) : className;
  if (classId === undefined) return `class "${className}" is not in the class map`;
  const classIdProblem = fieldProblem(carFeedSchema.shape.classId, 'class id', classId);
  if (classIdProblem) return classIdProblem;
  return {
    line: record.line,
    number: text('NUMBER'),
    lap,
    lapMs,
    elapsedMs,
    inPit: pitMark === IN_PIT_MARK,
    // A row with a sector missing (a loop that did not read) gives no sector split at all.
    ...(sectorsMs.every((ms) => ms !== undefined && ms > 0) && { sectorsMs: sectorsMs as number[] }),
    ...(pitLaneMs !== undefined && { pitLaneMs }),
    driver: text('DRIVER_NAME'),
    ...(text('TEAM') !== '' && { team: text('TEAM') }),
    ...(text('MANUFACTURER') !== '' && { manufacturer: text('MANUFACTURER') }),
    classId,
    className,
    ...(flag && { flag }),
  };
}

/**
 * Keeps the crossings (already in time order) that fit each car's race so far: its laps must
 * count up and its class cannot change. A lap may be skipped, since a missed row should not
 * void the rest of a car's race, but a repeated or earlier lap contradicts what was shown.
 */
function consistentPerCar(crossings: Crossing[], rejected: RejectedRow[]): Crossing[] {
  const cars = new Map<string, { lap: number; classId: string }>();
  return crossings.filter((crossing) => {
    const car = cars.get(crossing.number);
    const reason = !car
      ? cars.size >= MAX_CARS
        ? `car #${crossing.number} would be car ${MAX_CARS + 1}: a session holds at most ${MAX_CARS}`
        : undefined
      : crossing.lap <= car.lap
        ? `lap ${crossing.lap} of car #${crossing.number} comes after its lap ${car.lap}`
        : crossing.classId !== car.classId
          ? `car #${crossing.number} is in class ${car.classId}, not ${crossing.classId}`
          : undefined;
    if (reason) {
      rejected.push({ line: crossing.line, reason });
      return false;
    }
    cars.set(crossing.number, { lap: crossing.lap, classId: crossing.classId });
    return true;
  });
}

interface Moment {
  atMs: number;
  group: Crossing[];
  /** Cars that stopped for good, declared retired at this moment. */
  retiring: string[];
}

/** Crossings (in time order) and retirements grouped by the ms they happen at: one update per moment. */
function byMoment(crossings: Crossing[], retirements: ReadonlyMap<string, number>): Moment[] {
  const moments: Moment[] = [];
  for (const crossing of crossings) {
    const last = moments.at(-1);
    if (last?.atMs === crossing.elapsedMs) last.group.push(crossing);
    else moments.push({ atMs: crossing.elapsedMs, group: [crossing], retiring: [] });
  }
  for (const [number, atMs] of retirements) {
    const index = moments.findIndex((moment) => moment.atMs >= atMs);
    if (moments[index]?.atMs === atMs) moments[index].retiring.push(number);
    else moments.splice(index < 0 ? moments.length : index, 0, { atMs, group: [], retiring: [number] });
  }
  return moments;
}

/** A car that has not crossed the line for this many of its own typical laps has stopped. */
const STOPPED_AFTER_LAPS = 2;

/**
 * Cars that stopped crossing the line before the checkered flag and never crossed it again: the
 * official results classify them as out of the race, so the replay retires each one once it is
 * two of its laps overdue, or at the flag if that comes first. Without a checkered flag in the
 * file the race's end is unknown and nobody is retired.
 */
function stoppedCars(crossings: readonly Crossing[]): Map<string, number> {
  const flagMs = crossings.find((crossing) => crossing.flag === 'checkered')?.elapsedMs;
  const retirements = new Map<string, number>();
  if (flagMs === undefined) return retirements;
  const laps = new Map<string, Crossing[]>();
  for (const crossing of crossings) laps.set(crossing.number, [...(laps.get(crossing.number) ?? []), crossing]);
  for (const [number, carLaps] of laps) {
    const last = carLaps.at(-1)!;
    if (last.elapsedMs >= flagMs) continue;
    const times = carLaps.map((lap) => lap.lapMs).sort((a, b) => a - b);
    const typicalMs = times[Math.floor(times.length / 2)]!;
    retirements.set(number, Math.min(flagMs, last.elapsedMs + STOPPED_AFTER_LAPS * typicalMs));
  }
  return retirements;
}

function replay(crossings: Crossing[], sessionId: string, meta: SessionMeta): TimedFeedUpdate[] {
  const firstSeen = new Map<string, number>();
  const classes = new Map<string, ClassInfo>();
  const cars = new Map<string, CarFeed>();
  for (const crossing of crossings) {
    if (firstSeen.has(crossing.number)) continue;
    firstSeen.set(crossing.number, firstSeen.size);
    if (!classes.has(crossing.classId))
      classes.set(crossing.classId, { id: crossing.classId, name: crossing.className });
    cars.set(crossing.number, {
      number: crossing.number,
      classId: crossing.classId,
      driver: crossing.driver,
      ...(crossing.team !== undefined && { team: crossing.team }),
      ...(crossing.manufacturer !== undefined && { manufacturer: crossing.manufacturer }),
      position: firstSeen.size,
      laps: 0,
      pitStops: 0,
      inPit: false,
      status: 'running',
    });
  }
  if (cars.size === 0) return [];

  let seq = 1;
  // ELAPSED counts from the green flag, so the race is green at its first moment.
  let flag: Flag = 'green';
  const timeline: TimedFeedUpdate[] = [
    {
      atMs: 0,
      update: {
        type: 'full',
        sessionId,
        seq,
        session: { ...meta, status: 'running', flag, elapsedMs: 0 },
        classes: [...classes.values()],
        cars: [...cars.values()],
      },
    },
  ];
  // The file has no pit-exit time: a car shows in the pit until it next crosses the line.
  const builder = new TimingBuilder([...cars.values()], { pitStatus: true });
  for (const { atMs, group, retiring } of byMoment(crossings, stoppedCars(crossings))) {
    const flagBefore = flag;
    for (const crossing of group) {
      // Once the leader has taken the checkered flag the race is over, whatever comes after.
      if (flag !== 'checkered' && crossing.flag) flag = crossing.flag;
    }
    const patches = builder.moment(
      group.map((crossing) => ({
        number: crossing.number,
        lap: crossing.lap,
        atMs: crossing.elapsedMs,
        lapMs: crossing.lapMs,
        inPit: crossing.inPit,
        driver: crossing.driver,
        ...(crossing.sectorsMs && { sectorsMs: crossing.sectorsMs }),
        ...(crossing.pitLaneMs !== undefined && { pitLaneMs: crossing.pitLaneMs }),
        ...(crossing.team !== undefined && { team: crossing.team }),
        ...(crossing.manufacturer !== undefined && { manufacturer: crossing.manufacturer }),
      })),
      retiring.map((number) => ({ number, status: 'retired', inPit: false })),
    );
    const flagChanged = flag !== flagBefore;
    timeline.push({
      atMs,
      update: {
        type: 'patch',
        sessionId,
        seq: ++seq,
        session: {
          elapsedMs: atMs,
          ...(flagChanged && { flag }),
          ...(flagChanged && flag === 'checkered' && { status: 'finished' }),
        },
        cars: patches,
      },
    });
  }
  return timeline;
}

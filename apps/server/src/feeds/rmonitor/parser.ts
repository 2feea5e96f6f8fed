import { LIMITS, type Flag } from '@pitwall/shared';
import { withDefined } from './defined';

/**
 * RMonitor (Track Timing / AMB protocol v1.0) plus IMSA's Enhanced RMon v1.03 additions, one
 * record per line. Parsing never throws: a line becomes a typed record, an ignorable `unknown`,
 * or a `rejected` with the reason, so a feed adapter can count and show what it dropped.
 */

/** $F heartbeat: sent every second with the session clocks and the flag. */
export interface HeartbeatRecord {
  kind: 'heartbeat';
  lapsToGo: number;
  timeToGoMs: number;
  timeOfDayMs: number;
  raceTimeMs: number;
  flag: Flag;
}

/** $A and $COMP: who a registration number is. Only IMSA's $COMP carries a car status. */
export interface CompetitorRecord {
  kind: 'competitor';
  source: 'A' | 'COMP';
  registration: string;
  number: string;
  classNumber: number;
  firstName: string;
  lastName: string;
  nationality: string;
  transponder?: number;
  additionalData?: string;
  /** IMSA: $COMP's nationality field says "Retired" or "Excluded" during a race. */
  status?: 'retired' | 'excluded';
}

/** $B: the run (session) description. */
export interface RunRecord {
  kind: 'run';
  runNumber: number;
  description: string;
}

/** $C: a class number's name. */
export interface ClassRecord {
  kind: 'class';
  classNumber: number;
  description: string;
}

/** $E: a track setting (TRACKNAME, TRACKLENGTH). */
export interface SettingRecord {
  kind: 'setting';
  name: string;
  value: string;
}

/** $G: a car's race position, laps and race time at its last crossing. */
export interface RaceRecord {
  kind: 'race';
  position: number;
  registration: string;
  /** Absent before the car's first crossing (the field is empty). */
  laps?: number;
  totalTimeMs?: number;
}

/** $H: a car's best lap (its position here is the practice order, by best lap). */
export interface PracticeRecord {
  kind: 'practice';
  position: number;
  registration: string;
  bestLapNumber?: number;
  bestLapMs?: number;
}

/** $I: clear the scoreboard; a refresh follows. */
export interface InitRecord {
  kind: 'init';
  timeOfDayMs?: number;
  date: string;
}

/** $J: a car crossed the loop. */
export interface PassingRecord {
  kind: 'passing';
  registration: string;
  lapTimeMs?: number;
  totalTimeMs?: number;
}

/** $COR: a corrected finish time (e.g. by line camera). */
export interface CorrectionRecord {
  kind: 'correction';
  registration: string;
  number: string;
  laps: number;
  totalTimeMs: number;
  correctionMs: number;
}

/** IMSA $L: a car crossed a timing line; pit lane lines tell whether it is in the pits. */
export interface LineCrossingRecord {
  kind: 'line-crossing';
  /** A car number, or "Tx" + transponder when the transponder is not assigned to a car. */
  carNumber: string;
  timeLine: string;
  timeLineName: string;
  date: string;
  timeOfDayMs: number;
  /** Whether this crossing leaves the car in the pit lane. */
  inPitLane: boolean;
  driverId?: number;
  className?: string;
}

export interface TrackSection {
  name: string;
  startLine: string;
  endLine: string;
  distanceInches: number;
}

/** IMSA $T: the track and its timing sections. */
export interface TrackRecord {
  kind: 'track';
  name: string;
  shortName: string;
  distance: string;
  sections: TrackSection[];
}

/** Anything else a timing system may send (other commands, banners, blank lines): ignored. */
export interface UnknownRecord {
  kind: 'unknown';
  command?: string;
}

export type RMonitorRecord =
  | HeartbeatRecord
  | CompetitorRecord
  | RunRecord
  | ClassRecord
  | SettingRecord
  | RaceRecord
  | PracticeRecord
  | InitRecord
  | PassingRecord
  | CorrectionRecord
  | LineCrossingRecord
  | TrackRecord
  | UnknownRecord;

export interface RejectedLine {
  kind: 'rejected';
  reason: string;
  line: string;
}

export type ParsedLine = RMonitorRecord | RejectedLine;

const KNOWN_COMMANDS = ['F', 'A', 'COMP', 'B', 'C', 'E', 'G', 'H', 'I', 'J', 'COR', 'L', 'T'] as const;

/**
 * Where records start: a `$` followed by a known command and a comma. Matching only known
 * commands keeps a `$` inside a name from splitting a record.
 */
const RECORD_START = new RegExp(`\\$(?:${KNOWN_COMMANDS.join('|')}),`, 'g');

/**
 * A feed line can carry a timestamp or banner before the `$`, or two records run together when
 * the timing system's writer interleaves them (the first one is then truncated). Each record
 * text is returned on its own; text before the first record is dropped.
 */
export function splitRecords(line: string): string[] {
  const starts = [...line.matchAll(RECORD_START)].map((match) => match.index);
  if (starts.length === 0) {
    const dollar = line.indexOf('$');
    return dollar === -1 ? [] : [line.slice(dollar).trimEnd()];
  }
  return starts.map((start, i) => line.slice(start, starts[i + 1] ?? line.length).trimEnd());
}

/** Parses every record on one physical line (usually exactly one). */
export function parseLine(line: string): ParsedLine[] {
  const records = splitRecords(line);
  return records.length === 0 ? [{ kind: 'unknown' }] : records.map(parseRecord);
}

class FieldError extends Error {}

/** Parses one record text starting with `$`. Never throws. */
export function parseRecord(text: string): ParsedLine {
  const fields = splitFields(text);
  if (typeof fields === 'string') return { kind: 'rejected', reason: fields, line: text };
  const command = (fields[0] ?? '').slice(1);
  const decode = DECODERS.get(command);
  if (!decode) return { kind: 'unknown', command };
  try {
    return decode(new Fields(command, fields));
  } catch (error) {
    if (error instanceof FieldError) return { kind: 'rejected', reason: error.message, line: text };
    throw error;
  }
}

/**
 * CSV field split: commas inside quotes belong to the field, `""` inside quotes is a quote.
 * Returns the reason as a string when the text cannot be split (an unterminated quote is the
 * usual sign of a truncated line).
 */
export function splitFields(text: string): string[] | string {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return 'unterminated quoted field (truncated line?)';
        const char = text[i]!;
        if (char === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += char;
        i++;
      }
      if (i < text.length && text[i] !== ',') return `unexpected text after quoted field ${fields.length + 1}`;
    } else {
      const end = text.indexOf(',', i);
      value = text.slice(i, end === -1 ? text.length : end);
      i = end === -1 ? text.length : end;
    }
    fields.push(value);
    if (i >= text.length) return fields;
    i++; // the comma
  }
}

/** Clock text to ms: "HH:MM:SS.DDD", "HH:MM:SS", "M:SS.D" or "SS.DDD". */
export function parseClockMs(text: string): number | undefined {
  const match = /^(?:(?:(\d+):)?(\d{1,2}):)?(\d{1,2})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, hours = '0', minutes = '0', seconds = '0', fraction = ''] = match;
  if (Number(minutes) > 59 || (match[2] !== undefined && Number(seconds) > 59)) return undefined;
  return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + Number(fraction.padEnd(3, '0'));
}

/** Orbits sends 00:59:59.999 (and zero) for "no time yet"; neither is a real lap or race time. */
const NO_TIME_MS = parseClockMs('00:59:59.999');

const FLAG_WORDS = new Map<string, Flag>([
  ['', 'none'],
  ['none', 'none'],
  ['green', 'green'],
  ['yellow', 'yellow'],
  ['fcy', 'fcy'],
  ['red', 'red'],
  ['finish', 'checkered'],
]);

/** The flag field is 6 characters padded with spaces ("Red   ", blank before the start). */
export function parseFlag(text: string): Flag | undefined {
  return FLAG_WORDS.get(text.trim().toLowerCase());
}

/** Which crossings put a car in the pit lane (IMSA time line names and P/T line numbers). */
const PIT_LANE_AFTER = new Map<string, boolean>([
  ['PIT', true],
  ['PIP', true],
  ['SFP', true],
  ['POP', false],
  ['POT', false],
  ['SFT', false],
]);

export function inPitLaneAfter(timeLine: string, timeLineName: string): boolean | undefined {
  const byName = PIT_LANE_AFTER.get(timeLineName.toUpperCase());
  if (byName !== undefined) return byName;
  const prefix = timeLine.charAt(0).toUpperCase();
  return prefix === 'P' ? true : prefix === 'T' ? false : undefined;
}

/** Registration numbers are car numbers or transponder ids: a few characters. */
const MAX_REGISTRATION_LENGTH = 16;

/** Reads a record's fields by position; a missing or malformed field throws FieldError. */
class Fields {
  constructor(
    private readonly command: string,
    private readonly values: string[],
  ) {}

  /** Fields after the command. */
  get count(): number {
    return this.values.length - 1;
  }

  require(count: number): void {
    if (this.count < count) {
      throw new FieldError(`$${this.command} needs ${count} fields, got ${this.count} (truncated line?)`);
    }
  }

  text(index: number): string {
    return (this.values[index + 1] ?? '').trim();
  }

  int(index: number, name: string): number {
    const value = this.optionalInt(index, name);
    if (value === undefined) throw new FieldError(`$${this.command} ${name} is empty`);
    return value;
  }

  optionalInt(index: number, name: string): number | undefined {
    const text = this.text(index);
    if (text === '') return undefined;
    if (!/^\d{1,9}$/.test(text)) throw new FieldError(`$${this.command} ${name} "${text}" is not a whole number`);
    return Number(text);
  }

  /** A lap count or lap number, within the session model's bound. */
  optionalLaps(index: number, name: string): number | undefined {
    const laps = this.optionalInt(index, name);
    if (laps !== undefined && laps > LIMITS.laps)
      throw new FieldError(`$${this.command} ${name} ${laps} is more than ${LIMITS.laps} laps`);
    return laps;
  }

  laps(index: number, name: string): number {
    const laps = this.optionalLaps(index, name);
    if (laps === undefined) throw new FieldError(`$${this.command} ${name} is empty`);
    return laps;
  }

  position(index: number): number {
    const position = this.int(index, 'position');
    if (position < 1) throw new FieldError(`$${this.command} position must be 1 or more, got ${position}`);
    return position;
  }

  registration(index: number): string {
    const registration = this.text(index);
    if (registration === '') throw new FieldError(`$${this.command} registration number is empty`);
    if (registration.length > MAX_REGISTRATION_LENGTH)
      throw new FieldError(`$${this.command} registration number is longer than ${MAX_REGISTRATION_LENGTH} characters`);
    return registration;
  }

  clock(index: number, name: string): number {
    const text = this.text(index);
    const ms = parseClockMs(text);
    if (ms === undefined) throw new FieldError(`$${this.command} ${name} "${text}" is not a time`);
    if (ms > LIMITS.raceTimeMs) throw new FieldError(`$${this.command} ${name} "${text}" is longer than a week`);
    return ms;
  }

  /** A lap or race time; empty, zero and the 00:59:59.999 placeholder all mean "no time". */
  optionalLapTime(index: number, name: string, max: number = LIMITS.lapTimeMs): number | undefined {
    if (this.text(index) === '') return undefined;
    const ms = this.clock(index, name);
    if (ms === 0 || ms === NO_TIME_MS) return undefined;
    if (ms > max)
      throw new FieldError(`$${this.command} ${name} "${this.text(index)}" is longer than ${max / 3_600_000} hours`);
    return ms;
  }

  signedClock(index: number, name: string): number {
    const text = this.text(index);
    const sign = text.startsWith('-') ? -1 : 1;
    const ms = parseClockMs(text.replace(/^[+-]/, ''));
    if (ms === undefined) throw new FieldError(`$${this.command} ${name} "${text}" is not a signed time`);
    return sign * ms;
  }
}

/** Orbits sends 9999 laps to go for a race not run to a lap count; anything else is a lap count. */
function lapsToGo(fields: Fields): number {
  const laps = fields.int(0, 'laps to go');
  if (laps > LIMITS.laps && laps !== 9999)
    throw new FieldError(`$F laps to go ${laps} is more than ${LIMITS.laps} laps (and not 9999, "no lap count")`);
  return laps;
}

const IMSA_STATUS = new Map<string, CompetitorRecord['status']>([
  ['retired', 'retired'],
  ['excluded', 'excluded'],
]);

function competitor(source: 'A' | 'COMP', fields: Fields): CompetitorRecord {
  fields.require(7);
  const isA = source === 'A';
  const record: CompetitorRecord = {
    kind: 'competitor',
    source,
    registration: fields.registration(0),
    number: fields.text(1),
    classNumber: fields.int(isA ? 6 : 2, 'class number'),
    firstName: fields.text(3),
    lastName: fields.text(4),
    nationality: fields.text(5),
  };
  if (isA) {
    const transponder = fields.optionalInt(2, 'transponder');
    if (transponder !== undefined) record.transponder = transponder;
  } else {
    const additionalData = fields.text(6);
    if (additionalData !== '') record.additionalData = additionalData;
    const status = IMSA_STATUS.get(record.nationality.toLowerCase());
    if (status) record.status = status;
  }
  return record;
}

/** A Map: the command comes from the feed, and `$valueOf` must not find Object.prototype's. */
const DECODERS = new Map<string, (fields: Fields) => ParsedLine>(
  Object.entries({
    F: (fields) => {
      fields.require(5);
      const flag = parseFlag(fields.text(4));
      if (flag === undefined)
        throw new FieldError(`$F flag "${fields.text(4)}" is not Green, Yellow, Red, Finish, FCY or blank`);
      return {
        kind: 'heartbeat',
        lapsToGo: lapsToGo(fields),
        timeToGoMs: fields.clock(1, 'time to go'),
        timeOfDayMs: fields.clock(2, 'time of day'),
        raceTimeMs: fields.clock(3, 'race time'),
        flag,
      };
    },
    A: (fields) => competitor('A', fields),
    COMP: (fields) => competitor('COMP', fields),
    B: (fields) => {
      fields.require(2);
      return { kind: 'run', runNumber: fields.int(0, 'run number'), description: fields.text(1) };
    },
    C: (fields) => {
      fields.require(2);
      return { kind: 'class', classNumber: fields.int(0, 'class number'), description: fields.text(1) };
    },
    E: (fields) => {
      fields.require(2);
      return { kind: 'setting', name: fields.text(0), value: fields.text(1) };
    },
    G: (fields) => {
      fields.require(4);
      return withDefined({
        kind: 'race',
        position: fields.position(0),
        registration: fields.registration(1),
        laps: fields.optionalLaps(2, 'laps'),
        totalTimeMs: fields.optionalLapTime(3, 'total time', LIMITS.raceTimeMs),
      });
    },
    H: (fields) => {
      fields.require(4);
      const bestLapNumber = fields.optionalLaps(2, 'best lap');
      return withDefined({
        kind: 'practice',
        position: fields.position(0),
        registration: fields.registration(1),
        bestLapNumber: bestLapNumber === 0 ? undefined : bestLapNumber,
        bestLapMs: fields.optionalLapTime(3, 'best lap time'),
      });
    },
    I: (fields) => {
      fields.require(2);
      return withDefined({
        kind: 'init',
        timeOfDayMs: fields.text(0) === '' ? undefined : fields.clock(0, 'time of day'),
        date: fields.text(1),
      });
    },
    J: (fields) => {
      fields.require(3);
      return withDefined({
        kind: 'passing',
        registration: fields.registration(0),
        lapTimeMs: fields.optionalLapTime(1, 'lap time'),
        totalTimeMs: fields.optionalLapTime(2, 'total time', LIMITS.raceTimeMs),
      });
    },
    COR: (fields) => {
      fields.require(5);
      return {
        kind: 'correction',
        registration: fields.registration(0),
        number: fields.text(1),
        laps: fields.laps(2, 'laps'),
        totalTimeMs: fields.clock(3, 'total time'),
        correctionMs: fields.signedClock(4, 'correction'),
      };
    },
    L: (fields) => {
      fields.require(5);
      const timeLine = fields.text(1);
      const timeLineName = fields.text(2);
      const inPitLane = inPitLaneAfter(timeLine, timeLineName);
      if (inPitLane === undefined) {
        throw new FieldError(`$L time line "${timeLine}" "${timeLineName}" is neither a track (T) nor a pit (P) line`);
      }
      const className = fields.text(6);
      return withDefined({
        kind: 'line-crossing',
        carNumber: fields.registration(0),
        timeLine,
        timeLineName,
        date: fields.text(3),
        timeOfDayMs: fields.clock(4, 'time of crossing'),
        inPitLane,
        // v1.03 added driver id and class name; v1.0x feeds (like the 2009 capture) stop before them.
        driverId: fields.count > 5 ? fields.optionalInt(5, 'driver id') : undefined,
        className: className === '' ? undefined : className,
      });
    },
    T: (fields) => {
      fields.require(4);
      const sectionCount = fields.int(3, 'number of sections');
      fields.require(4 + sectionCount * 4);
      const sections = Array.from({ length: sectionCount }, (_, i) => {
        const at = 4 + i * 4;
        return {
          name: fields.text(at),
          startLine: fields.text(at + 1),
          endLine: fields.text(at + 2),
          distanceInches: fields.int(at + 3, `section ${i + 1} distance`),
        };
      });
      return { kind: 'track', name: fields.text(0), shortName: fields.text(1), distance: fields.text(2), sections };
    },
  } satisfies Record<(typeof KNOWN_COMMANDS)[number], (fields: Fields) => ParsedLine>),
);

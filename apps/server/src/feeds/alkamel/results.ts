import { describeIssues, resultRowSchema, type RaceResult, type ResultRow, type ResultStatus } from '@pitwall/shared';
import { parseCsv, parseTimeMs, type CsvRecord, type RejectedRow } from './csv';

/** Al Kamel "race results" files (the official classification) as a championship race result. */

export interface ResultsOptions {
  race: number;
  /** Al Kamel CLASS → the series' class id. Every class in the file must be mapped. */
  classMap: ReadonlyMap<string, string>;
  /**
   * Car number → manufacturer, for results files without a MANUFACTURER column (IMSA's have
   * only VEHICLE); the analysis file of the same race names them.
   */
  manufacturers?: ReadonlyMap<string, string>;
}

export interface AlkamelRaceResult {
  result: RaceResult;
  rejected: RejectedRow[];
}

const REQUIRED_COLUMNS = [
  'POSITION',
  'NUMBER',
  'STATUS',
  'FL_TIME',
  'TEAM',
  'CLASS',
  'DRIVER1_FIRSTNAME',
  'DRIVER1_SECONDNAME',
] as const;

/**
 * STATUS as official results write it (words or codes), lower-cased with spaces and dashes
 * folded. A car that is not classified still ran the race and is placed by laps, so it counts
 * as retired; only cars that did not take part, or were thrown out, score nothing.
 */
const STATUS_CODES = new Map<string, ResultStatus>([
  ['classified', 'classified'],
  ['running', 'classified'],
  ['finished', 'classified'],
  ['not classified', 'retired'],
  ['nc', 'retired'],
  ['retired', 'retired'],
  ['dnf', 'retired'],
  ['did not finish', 'retired'],
  ['not started', 'dns'],
  ['dns', 'dns'],
  ['did not start', 'dns'],
  ['dnq', 'dns'],
  ['did not qualify', 'dns'],
  ['disqualified', 'excluded'],
  ['dsq', 'excluded'],
  ['dq', 'excluded'],
  ['excluded', 'excluded'],
  ['exc', 'excluded'],
  ['ex', 'excluded'],
  ['withdrawn', 'withdrawn'],
  ['wd', 'withdrawn'],
]);

const statusOf = (text: string) =>
  STATUS_CODES.get(
    text
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, ' '),
  );

const scoresByPosition = (status: ResultStatus) => status === 'classified' || status === 'retired';

export function raceResultFromAlkamel(csvText: string, options: ResultsOptions): AlkamelRaceResult {
  checkOptions(options);
  const table = parseCsv(csvText, REQUIRED_COLUMNS);
  const rejected = [...table.rejected];
  const driverSlots = table.columns
    .map((column) => /^DRIVER(\d+)_FIRSTNAME$/.exec(column)?.[1])
    .filter((slot): slot is string => slot !== undefined);
  const rows: ResultRow[] = [];
  const numbers = new Set<string>();
  const positions = new Set<number>();
  for (const record of table.records) {
    const row = readResultRow(record, driverSlots, options);
    if (typeof row === 'string') {
      rejected.push({ line: record.line, reason: row });
      continue;
    }
    const duplicate = numbers.has(row.number)
      ? `car #${row.number} is classified twice`
      : row.position !== undefined && positions.has(row.position)
        ? `position ${row.position} is given twice`
        : undefined;
    if (duplicate) {
      rejected.push({ line: record.line, reason: duplicate });
      continue;
    }
    numbers.add(row.number);
    if (row.position !== undefined) positions.add(row.position);
    rows.push(row);
  }
  // Refused rows already stop an import, and leave gaps of their own.
  if (rejected.length === 0) rejected.push(...positionGaps(table.records));
  rejected.sort((a, b) => a.line - b.line);
  return { result: { race: options.race, classification: withClassPositions(rows) }, rejected };
}

/**
 * A classification numbers its places 1, 2, 3...: a place that skips a number means a car is
 * missing (or a typo), and every car behind would score a place too low. Names the line of the
 * first car after each gap.
 */
function positionGaps(records: readonly CsvRecord[]): RejectedRow[] {
  const placed = records
    .map((record) => ({ line: record.line, text: record.values.get('POSITION') ?? '' }))
    .filter(({ text }) => /^\d+$/.test(text) && Number(text) > 0)
    .map(({ line, text }) => ({ line, position: Number(text) }))
    .sort((a, b) => a.position - b.position);
  return placed.flatMap(({ line, position }, index) => {
    const expected = index === 0 ? 1 : placed[index - 1]!.position + 1;
    if (position <= expected) return [];
    const missing = expected === position - 1 ? `position ${expected} is` : `positions ${expected}-${position - 1} are`;
    return [{ line, reason: `POSITION ${position} skips a place: ${missing} missing from the file` }];
  });
}

function checkOptions(options: ResultsOptions): void {
  const problems: string[] = [];
  if (!Number.isInteger(options.race) || options.race < 1) problems.push(`race ${options.race} is not a race number`);
  for (const [className, classId] of options.classMap) {
    if (classId.trim() === '') problems.push(`class ${className} maps to an empty class id`);
  }
  if (problems.length > 0) throw new Error(`Al Kamel results options are not valid: ${problems.join('; ')}`);
}

function readResultRow(record: CsvRecord, driverSlots: string[], options: ResultsOptions): ResultRow | string {
  const text = (column: string) => record.values.get(column) ?? '';
  const number = text('NUMBER');
  if (number === '') return 'NUMBER is empty';
  const status = statusOf(text('STATUS'));
  if (!status) return `STATUS "${text('STATUS')}" is not one of ${[...STATUS_CODES.keys()].join(', ')}`;
  const positionText = text('POSITION');
  const position = /^\d+$/.test(positionText) && Number(positionText) > 0 ? Number(positionText) : undefined;
  if (positionText !== '' && position === undefined) return `POSITION "${positionText}" is not a position`;
  if (position === undefined && scoresByPosition(status))
    return `car #${number} is ${text('STATUS')} but has no POSITION`;
  const className = text('CLASS');
  const classId = options.classMap.get(className);
  if (classId === undefined) {
    return `class "${className}" is not in the class map (it maps ${[...options.classMap.keys()].join(', ') || 'nothing'})`;
  }
  const bestLapText = text('FL_TIME');
  const bestLapMs = bestLapText === '' ? undefined : parseTimeMs(bestLapText);
  if (bestLapMs === 0 || (bestLapText !== '' && bestLapMs === undefined))
    return `FL_TIME "${bestLapText}" is not a lap time`;
  const drivers = driverSlots
    .map((slot) => [text(`DRIVER${slot}_FIRSTNAME`), text(`DRIVER${slot}_SECONDNAME`)].filter(Boolean).join(' '))
    .filter(Boolean);
  const manufacturer = text('MANUFACTURER') || options.manufacturers?.get(number);
  const row = resultRowSchema.safeParse({
    number,
    drivers,
    team: text('TEAM'),
    classId,
    ...(manufacturer && { manufacturer }),
    ...(position !== undefined && { position }),
    status,
    ...(bestLapMs !== undefined && { bestLapMs }),
  });
  if (!row.success) return `car #${number}: ${describeIssues(row.error.issues, 'row')}`;
  return row.data;
}

/** Overall order; a row without a position (did not start, excluded) goes to the back. */
const byPosition = (a: { position?: number }, b: { position?: number }) =>
  (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER);

/** Sorted by overall position; class positions count only the cars that score by position. */
function withClassPositions(rows: ResultRow[]): ResultRow[] {
  const sorted = [...rows].sort(byPosition);
  const classCounts = new Map<string, number>();
  return sorted.map((row) => {
    if (!scoresByPosition(row.status)) return row;
    const classPosition = (classCounts.get(row.classId) ?? 0) + 1;
    classCounts.set(row.classId, classPosition);
    return { ...row, classPosition };
  });
}

/** Car numbers class by class in overall order: how a finishing order is compared. */
export function finishingOrderByClass(
  cars: readonly { number: string; classId: string; position?: number }[],
): Map<string, string[]> {
  const order = new Map<string, string[]>();
  const sorted = [...cars].sort(byPosition);
  for (const car of sorted) order.set(car.classId, [...(order.get(car.classId) ?? []), car.number]);
  return order;
}

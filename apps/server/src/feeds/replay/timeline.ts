import path from 'node:path';
import {
  sessionIdSchema,
  sessionMetaSchema,
  type ClassInfo,
  type FeedUpdate,
  type TimedFeedUpdate,
} from '@pitwall/shared';
import { describeIssues } from '@pitwall/shared';
import { analysisTimeline } from '../alkamel/analysis';
import type { RejectedRow } from '../alkamel/csv';
import { rmonitorTimeline } from '../rmonitor/replay';

export type ReplayFormat = 'rmonitor' | 'alkamel-analysis';

export class ReplayFileError extends Error {
  override name = 'ReplayFileError';
}

/** An RMonitor record start: `$` and a command, then a comma. Timing systems may prefix a timestamp. */
const RMONITOR_RECORD = /\$[A-Z]{1,4},/;
/** Lines looked at: a capture may open with a banner, but records follow at once. */
const LINES_LOOKED_AT = 20;

/**
 * Which kind of file a replay was given, from its first lines: an RMonitor capture has `$`
 * records; an Al Kamel analysis file has a header with LAP_NUMBER and ELAPSED.
 */
export function detectReplayFormat(text: string): ReplayFormat {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(0, LINES_LOOKED_AT);
  if (lines.length === 0) throw new ReplayFileError('the file is empty');
  const header = new Set(lines[0]!.split(/[,;]/).map((name) => name.trim().toUpperCase()));
  if (header.has('LAP_NUMBER') && header.has('ELAPSED')) return 'alkamel-analysis';
  if (header.has('POSITION') && header.has('STATUS')) {
    throw new ReplayFileError(
      'this is an Al Kamel results file (the final classification, not lap by lap): bring it in with `import`, or replay the race-analysis file',
    );
  }
  if (lines.some((line) => RMONITOR_RECORD.test(line))) return 'rmonitor';
  throw new ReplayFileError(
    'not a file Pitwall can replay: expected an RMonitor capture ($A, $F, $G ... lines) or an Al Kamel race-analysis CSV (header with NUMBER, LAP_NUMBER, ELAPSED)',
  );
}

export interface ReplaySessionOptions {
  sessionId: string;
  seriesId: string;
  event: string;
  name: string;
  /** Which race of the season the session is, for projected standings. */
  race?: number;
  /** Feed class name → series class id; classes not in it keep the feed's name as their id. */
  classMap?: ReadonlyMap<string, string>;
}

export interface ReplayFile {
  format: ReplayFormat;
  timeline: TimedFeedUpdate[];
  /** Rows the file reader refused, by line (Al Kamel; RMonitor drops unreadable lines unreported). */
  rejected: RejectedRow[];
}

/** A replay file as a timeline for its session, whatever its format. */
export function replayFileTimeline(text: string, options: ReplaySessionOptions): ReplayFile {
  checkSessionOptions(options);
  const format = detectReplayFormat(text);
  const session = {
    sessionId: options.sessionId,
    seriesId: options.seriesId,
    event: options.event,
    name: options.name,
  };
  const read =
    format === 'rmonitor'
      ? { timeline: rmonitorTimeline(text, session), rejected: [] }
      : analysisTimeline(text, session);
  if (read.timeline.length === 0) throw new ReplayFileError(`the ${format} file holds no update to replay`);
  const timeline = read.timeline.map(({ atMs, update }) => ({
    atMs,
    update: forRace(renameClasses(update, options.classMap ?? new Map()), options.race),
  }));
  return { format, timeline, rejected: read.rejected };
}

/** The session a replay fills, checked by the session model's own rules before any file is read. */
function checkSessionOptions(options: ReplaySessionOptions): void {
  const id = sessionIdSchema.safeParse(options.sessionId);
  if (!id.success) throw new ReplayFileError(describeIssues(id.error.issues, `session id "${options.sessionId}"`));
  const { seriesId, event, name, race } = options;
  const meta = sessionMetaSchema
    .pick({ seriesId: true, event: true, name: true, race: true })
    .safeParse({ seriesId, event, name, race });
  if (!meta.success) throw new ReplayFileError(`replay session: ${describeIssues(meta.error.issues)}`);
}

/**
 * Feed class names as the series' class ids (`GTD` → `GSX`), in the class list and on every
 * car. Two feed classes mapped to one id become one class.
 */
export function renameClasses(update: FeedUpdate, classMap: ReadonlyMap<string, string>): FeedUpdate {
  const rename = (id: string) => classMap.get(id) ?? id;
  // The first class mapped to an id names it.
  const classes = update.classes?.reduce<ClassInfo[]>(
    (list, info) => (list.some((c) => c.id === rename(info.id)) ? list : [...list, { ...info, id: rename(info.id) }]),
    [],
  );
  if (update.type === 'full') {
    return {
      ...update,
      ...(classes && { classes }),
      cars: update.cars.map((car) => ({ ...car, classId: rename(car.classId) })),
    };
  }
  const cars = update.cars?.map((car) => (car.classId === undefined ? car : { ...car, classId: rename(car.classId) }));
  return { ...update, ...(classes && { classes }), ...(cars && { cars }) };
}

/** Marks the session as race `race` of its season; a full update replaces the session, so each one carries it. */
export function forRace(update: FeedUpdate, race: number | undefined): FeedUpdate {
  if (race === undefined || update.type !== 'full') return update;
  return { ...update, session: { ...update.session, race } };
}

/** `2024-imsa-ctmp-race-analysis.csv` → `2024-imsa-ctmp-race-analysis`: a valid session id from a file name. */
export function sessionIdFromFile(file: string): string {
  const id = path
    .basename(file, path.extname(file))
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 120);
  return id === '' ? 'replay' : id;
}

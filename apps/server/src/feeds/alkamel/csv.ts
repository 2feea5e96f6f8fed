import { parse, type CsvError, type InfoRecord } from 'csv-parse/sync';

/**
 * The CSV dialect of Al Kamel timing exports: RFC 4180 quoting, an optional UTF-8 byte-order
 * mark, CRLF or LF line ends, header names padded with spaces and every line ending in a
 * delimiter. The delimiter is a comma, or a semicolon when the header has semicolons and no comma
 * (exports made with a European locale). csv-parse reads the quoting; the row rules are ours.
 */

/** A row that could not be used, by its line in the file (1-based, the header is line 1). */
export interface RejectedRow {
  line: number;
  reason: string;
}

export interface CsvRecord {
  /** Line the record starts on: a quoted field may span lines. */
  line: number;
  /** Field values by trimmed header name. */
  values: ReadonlyMap<string, string>;
}

export interface CsvTable {
  columns: string[];
  records: CsvRecord[];
  rejected: RejectedRow[];
}

interface RawRow {
  line: number;
  fields: string[];
}

/** `;` when the first line has semicolons and no comma, else `,`. */
function delimiterOf(text: string): ',' | ';' {
  const header = text.split('\n', 1)[0]!;
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

/** Line breaks inside a record's quoted fields: how many lines above its last line it starts. */
const lineBreaks = (fields: readonly string[]) =>
  fields.reduce((count, field) => count + field.split('\n').length - 1, 0);

/**
 * Rows as csv-parse splits them, each with the line it starts on. A row csv-parse cannot read (a
 * quote closed and followed by more text, a quote never closed) is rejected with its reason.
 */
function splitRows(text: string): { rows: RawRow[]; rejected: RejectedRow[] } {
  // One line end, so a line break inside a quoted field counts as one line whichever it was.
  const lf = text.replace(/\r\n?/g, '\n');
  const rejected: RejectedRow[] = [];
  const parsed = parse(lf, {
    bom: true,
    delimiter: delimiterOf(lf),
    record_delimiter: '\n',
    // Exporters leave off empty trailing fields: row lengths are checked against the header below.
    relax_column_count: true,
    // A quote inside an unquoted field ("6" Racing) is kept as written.
    relax_quotes: true,
    // Header names and values are padded with spaces, also around quoted fields.
    trim: true,
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      if (!error) return;
      rejected.push({
        // csv-parse types the context it adds to an error as unknown; `lines` is the line it stopped on.
        line: Number(error.lines),
        reason: error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field is never closed' : error.message,
      });
    },
    // The declared return type does not follow `info: true`, which wraps each record.
  }) as unknown as { record: string[]; info: InfoRecord }[];
  const rows = parsed
    .filter(({ record }) => !(record.length === 1 && record[0] === ''))
    .map(({ record, info }) => ({ line: info.lines - lineBreaks(record), fields: record }));
  return { rows, rejected };
}

/**
 * Parses CSV text into records keyed by header name. Exporters leave off empty trailing fields,
 * so a row may stop early, but it must reach the last of the `required` columns: a row cut
 * short before it, or one with more fields than the header (a delimiter that should have been
 * quoted), is rejected rather than guessed at. A header without the required columns yields
 * no records.
 */
export function parseCsv(text: string, required: readonly string[]): CsvTable {
  const split = splitRows(text);
  const [headerRow, ...dataRows] = split.rows;
  if (!headerRow) return { columns: [], records: [], rejected: [{ line: 1, reason: 'the file is empty' }] };
  const header = headerRow.fields;
  const columns = header.filter((name) => name !== '');
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    return {
      columns,
      records: [],
      rejected: [{ line: headerRow.line, reason: `the header lacks ${missing.join(', ')}` }],
    };
  }
  const lastRequired = required.reduce((last, name) => Math.max(last, header.indexOf(name)), -1);
  const records: CsvRecord[] = [];
  const rejected: RejectedRow[] = [...split.rejected];
  for (const row of dataRows) {
    if (row.fields.length <= lastRequired) {
      rejected.push({
        line: row.line,
        reason: `has ${row.fields.length} fields: it stops before ${header[lastRequired]} (field ${lastRequired + 1})`,
      });
    } else if (row.fields.length > header.length) {
      rejected.push({
        line: row.line,
        reason: `has ${row.fields.length} fields where the header has ${header.length}`,
      });
    } else {
      const values = new Map<string, string>();
      header.forEach((name, index) => {
        if (name !== '') values.set(name, row.fields[index] ?? '');
      });
      records.push({ line: row.line, values });
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  return { columns, records, rejected };
}

/**
 * Parses a timing-sheet duration or time of day ("24.020", "1:16.047", "1:02:28.167",
 * "11:06:54.526") to whole milliseconds; undefined when it is not one.
 */
export function parseTimeMs(text: string): number | undefined {
  const parts = text.trim().split(':');
  const seconds = /^(\d+)(?:\.(\d{1,3}))?$/.exec(parts.pop() ?? '');
  if (!seconds || parts.length > 2 || !parts.every((part) => /^\d+$/.test(part))) return undefined;
  const units = [...parts.map(Number), Number(seconds[1])];
  // Only the leading unit may run past 59: "83.5" is fine, "1:83.5" is not a time.
  if (units.slice(1).some((unit) => unit >= 60)) return undefined;
  const wholeSeconds = units.reduce((total, unit) => total * 60 + unit, 0);
  return wholeSeconds * 1000 + Number((seconds[2] ?? '').padEnd(3, '0'));
}

/**
 * The CSV dialect of Al Kamel timing exports: RFC 4180 quoting, an optional UTF-8 byte-order
 * mark, CRLF or LF line ends, header names padded with spaces and every line ending in a comma.
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
  /** Set when the row ended inside a quoted field, i.e. the file was cut short. */
  unterminated?: boolean;
}

/** Index of the first field or row delimiter at or after `from` (the text's length at its end). */
function fieldEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Index of the opening quote when the field at `from` is quoted; padding spaces may precede it. */
function openingQuote(text: string, from: number): number {
  let i = from;
  while (text[i] === ' ') i++;
  return text[i] === '"' ? i : -1;
}

function splitRows(text: string): RawRow[] {
  const rows: RawRow[] = [];
  let fields: string[] = [];
  let line = 1;
  let rowLine = 1;
  let i = 0;
  while (i < text.length) {
    let value = '';
    const quote = openingQuote(text, i);
    if (quote >= 0) {
      i = quote + 1;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) {
          fields.push(value + text.slice(i));
          rows.push({ line: rowLine, fields, unterminated: true });
          return rows;
        }
        value += text.slice(i, close);
        i = close + 1;
        if (text[i] !== '"') break;
        value += '"';
        i++;
      }
      line += value.split('\n').length - 1;
    }
    const end = fieldEnd(text, i);
    // Anything between a closing quote and the delimiter is kept as written.
    fields.push(value + text.slice(i, end));
    i = end;
    if (text[i] === ',') {
      i++;
      if (i < text.length) continue;
      fields.push('');
    } else if (text[i] === '\r' && text[i + 1] === '\n') {
      i++;
    }
    rows.push({ line: rowLine, fields });
    fields = [];
    i++;
    line++;
    rowLine = line;
  }
  return rows;
}

const isBlank = (row: RawRow) => row.fields.length === 1 && row.fields[0]?.trim() === '';

/**
 * Parses CSV text into records keyed by header name. Exporters leave off empty trailing fields,
 * so a row may stop early, but it must reach the last of the `required` columns: a row cut
 * short before it, or one with more fields than the header (a comma that should have been
 * quoted), is rejected rather than guessed at. A header without the required columns yields
 * no records.
 */
export function parseCsv(text: string, required: readonly string[]): CsvTable {
  const rows = splitRows(text.startsWith('\uFEFF') ? text.slice(1) : text).filter((row) => !isBlank(row));
  const [headerRow, ...dataRows] = rows;
  if (!headerRow) return { columns: [], records: [], rejected: [{ line: 1, reason: 'the file is empty' }] };
  const header = headerRow.fields.map((name) => name.trim());
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
  const rejected: RejectedRow[] = [];
  for (const row of dataRows) {
    if (row.unterminated) {
      rejected.push({ line: row.line, reason: 'a quoted field is never closed' });
    } else if (row.fields.length <= lastRequired) {
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
        if (name !== '') values.set(name, (row.fields[index] ?? '').trim());
      });
      records.push({ line: row.line, values });
    }
  }
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

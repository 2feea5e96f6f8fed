import { describe, expect, it } from 'vitest';
import { parseCsv, parseTimeMs, type CsvRecord } from './csv';

/** Records with their values as a plain object, for readable expectations. */
const readable = (records: CsvRecord[]) =>
  records.map((record) => ({ ...record, values: Object.fromEntries(record.values) }));

describe('parseCsv', () => {
  it('drops the byte-order mark and trims the padded header of the analysis files', () => {
    const table = parseCsv('\uFEFFNUMBER, LAP_NUMBER, LAP_TIME,\n04,1,1:16.047,\n', ['NUMBER', 'LAP_TIME']);
    expect(table.columns).toEqual(['NUMBER', 'LAP_NUMBER', 'LAP_TIME']);
    expect(readable(table.records)).toEqual([
      { line: 2, values: { NUMBER: '04', LAP_NUMBER: '1', LAP_TIME: '1:16.047' } },
    ]);
    expect(table.rejected).toEqual([]);
  });

  it('reads CRLF and LF line ends alike and keeps line numbers', () => {
    const table = parseCsv('A,B\r\n1,2\r\n3,4\n5,6', ['B']);
    expect(table.records.map((record) => [record.line, record.values.get('A'), record.values.get('B')])).toEqual([
      [2, '1', '2'],
      [3, '3', '4'],
      [4, '5', '6'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const table = parseCsv(
      'NAME,HOMETOWN,X\n"Snow, Madison","Salt Lake City, UT",1\n"say ""hi""","two\nlines",2\nlast,one,3\n',
      ['X'],
    );
    expect(table.records.map((record) => Object.fromEntries(record.values))).toEqual([
      { NAME: 'Snow, Madison', HOMETOWN: 'Salt Lake City, UT', X: '1' },
      { NAME: 'say "hi"', HOMETOWN: 'two\nlines', X: '2' },
      { NAME: 'last', HOMETOWN: 'one', X: '3' },
    ]);
    expect(table.records.map((record) => record.line)).toEqual([2, 3, 5]);
  });

  it('allows padding around a quoted field and a last line without its line end', () => {
    const table = parseCsv('A, B, C,\n1, "x, y" ,3,', ['C']);
    expect(readable(table.records)).toEqual([{ line: 2, values: { A: '1', B: 'x, y', C: '3' } }]);
  });

  it('accepts rows with or without the trailing comma, or stopping after the required columns, and skips blank lines', () => {
    const table = parseCsv('A,B,C,\n1,2,3,\n\n4,5,6\n7,8\n', ['B']);
    expect(table.records.map((record) => Object.fromEntries(record.values))).toEqual([
      { A: '1', B: '2', C: '3' },
      { A: '4', B: '5', C: '6' },
      { A: '7', B: '8', C: '' },
    ]);
  });

  it('rejects rows cut short before a required column or with extra fields, and an unclosed quote', () => {
    const table = parseCsv('A,B,C,\n1,2\n1,2,3,4,5\n1,2,3,\n"open,2,3', ['C']);
    expect(table.records.map((record) => record.line)).toEqual([4]);
    expect(table.rejected).toEqual([
      { line: 2, reason: 'has 2 fields: it stops before C (field 3)' },
      { line: 3, reason: 'has 5 fields where the header has 4' },
      { line: 5, reason: 'a quoted field is never closed' },
    ]);
  });

  it('reads the semicolon exports of a European locale, BOM and quoted semicolons included', () => {
    const table = parseCsv('\uFEFFNUMBER; TEAM; LAPS;\r\n7;"Smith; Jones Racing";42;\r\n', ['NUMBER', 'LAPS']);
    expect(readable(table.records)).toEqual([
      { line: 2, values: { NUMBER: '7', TEAM: 'Smith; Jones Racing', LAPS: '42' } },
    ]);
    expect(table.rejected).toEqual([]);
  });

  it('keeps a quote inside an unquoted field as written', () => {
    const table = parseCsv('NUMBER,TEAM\n6,6" Racing\n', ['TEAM']);
    expect(table.records.map((record) => record.values.get('TEAM'))).toEqual(['6" Racing']);
  });

  it('counts a CRLF inside a quoted field as one line', () => {
    const table = parseCsv('A,B\r\n"two\r\nlines",1\r\nnext,2\r\n', ['B']);
    expect(readable(table.records)).toEqual([
      { line: 2, values: { A: 'two\nlines', B: '1' } },
      { line: 4, values: { A: 'next', B: '2' } },
    ]);
  });

  it('names the line and the field a short row stops before, after a multi-line record', () => {
    const table = parseCsv('NUMBER,TEAM,LAPS\n1,"Line\nbreak",10\n2,Short\n', ['NUMBER', 'LAPS']);
    expect(table.records.map((record) => record.line)).toEqual([2]);
    expect(table.rejected).toEqual([{ line: 4, reason: 'has 2 fields: it stops before LAPS (field 3)' }]);
  });

  it('rejects a row whose closing quote is followed by more text, naming its line', () => {
    const table = parseCsv('A,B\n1,2\n"x"y,3\n', ['B']);
    expect(table.records.map((record) => record.line)).toEqual([2]);
    expect(table.rejected).toHaveLength(1);
    expect(table.rejected[0]).toMatchObject({ line: 3, reason: expect.stringContaining('Closing Quote') });
  });

  it('yields no records when the header lacks a required column', () => {
    expect(parseCsv('A,B\n1,2\n', ['A', 'C', 'D'])).toEqual({
      columns: ['A', 'B'],
      records: [],
      rejected: [{ line: 1, reason: 'the header lacks C, D' }],
    });
  });

  it('reports an empty file', () => {
    expect(parseCsv('\uFEFF', ['A'])).toEqual({
      columns: [],
      records: [],
      rejected: [{ line: 1, reason: 'the file is empty' }],
    });
  });
});

describe('parseTimeMs', () => {
  it.each([
    ['24.020', 24_020],
    ['1:16.047', 76_047],
    ['0:24.020', 24_020],
    ['1:02:28.167', 3_748_167],
    ['11:06:54.526', 40_014_526],
    ['0:00:46.492', 46_492],
    ['2:40:34.358', 9_634_358],
    ['83.5', 83_500],
    ['7', 7_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseTimeMs(text)).toBe(ms);
  });

  it.each(['', '-', '1 Lap', '+0.658', '1:60.000', '1:75:00.000', '1:2:3:4', '1:16.0471', 'abc', '1:16.'])(
    'refuses %j',
    (text) => {
      expect(parseTimeMs(text)).toBeUndefined();
    },
  );
});

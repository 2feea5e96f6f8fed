import { describe, expect, it } from 'vitest';
import { parseLine } from './parser';
import { LineSplitter, MAX_LINE_LENGTH } from './line-splitter';

/** Names every JavaScript object answers to: a plain-object lookup finds them without them being there. */
const BUILT_IN_NAMES = [
  'valueOf',
  'hasOwnProperty',
  'toLocaleString',
  'toString',
  'constructor',
  '__proto__',
  'isPrototypeOf',
];

describe('RMonitor lines naming built-in properties', () => {
  it('a command that is a built-in name is an unknown command, never a crash', () => {
    for (const name of BUILT_IN_NAMES) {
      for (const line of [`$${name}`, `$${name},1,2,3`, `$${name},"x"`]) {
        expect(parseLine(line)).toEqual([{ kind: 'unknown', command: name }]);
      }
    }
  });

  it('a flag, status or time line that is a built-in name is refused or ignored by name', () => {
    for (const name of BUILT_IN_NAMES) {
      const [heartbeat] = parseLine(`$F,9999,00:00:00,12:00:00,00:00:00,"${name}"`);
      expect(heartbeat).toMatchObject({ kind: 'rejected', reason: expect.stringContaining(`flag "${name}"`) });
      const [competitor] = parseLine(`$COMP,"12","12",1,"A","B","${name}",""`);
      expect(competitor).toMatchObject({ kind: 'competitor', nationality: name });
      expect(competitor).not.toHaveProperty('status');
      const [crossing] = parseLine(`$L,"12","9","${name}","01/01/2024","12:00:00.000"`);
      expect(crossing).toMatchObject({ kind: 'rejected' });
    }
  });
});

describe('lines that never end', () => {
  it('are dropped once past the cap, counted once, and cost time in proportion to their bytes', () => {
    const dropped: string[] = [];
    const splitter = new LineSplitter({ onOverlong: (head) => dropped.push(head) });
    const chunk = '$G,1,"12",'.padEnd(64 * 1024, 'x');
    const began = performance.now();
    for (let i = 0; i < 1_600; i++) expect(splitter.push(chunk)).toEqual([]); // 100 MB, no line end
    expect(performance.now() - began).toBeLessThan(5_000);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toHaveLength(80);
    expect(splitter.push('tail of the long line\n$F,14,"00:12:45","13:34:23","00:09:47","Green "\n')).toEqual([
      '$F,14,"00:12:45","13:34:23","00:09:47","Green "',
    ]);
    expect(splitter.push(`${'y'.repeat(MAX_LINE_LENGTH + 10)}\nok\n`)).toEqual(['ok']);
    expect(dropped).toHaveLength(2);
    expect(splitter.push(`${'z'.repeat(MAX_LINE_LENGTH)}\r\n`)).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { parseLine } from './parser';

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

import { describe, expect, it } from 'vitest';
import { parseWhatIf } from './command';

describe('a typed what-if', () => {
  it('reads a car and a place', () => {
    expect(parseWhatIf('#24 to P3')).toEqual({ number: '24', position: 3 });
    expect(parseWhatIf(' 7 p12 ')).toEqual({ number: '7', position: 12 });
    expect(parseWhatIf('#0A to 1')).toEqual({ number: '0A', position: 1 });
  });
  it('says how to write one it cannot read', () => {
    expect(parseWhatIf('24 wins')).toEqual({ error: 'write it as "#24 to P3"' });
    expect(parseWhatIf('')).toEqual({ error: 'write it as "#24 to P3"' });
  });
});

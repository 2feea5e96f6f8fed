import { describe, expect, it } from 'vitest';
import { raceTimeFromText } from './SeekBar';

describe('race time typed by an official', () => {
  it('reads h:mm:ss, m:ss and seconds', () => {
    expect(raceTimeFromText('1:02:03')).toBe(3_723_000);
    expect(raceTimeFromText('62:03')).toBe(3_723_000);
    expect(raceTimeFromText(' 90 ')).toBe(90_000);
  });
  it('refuses anything else', () => {
    for (const text of ['', '1:2:3:4', 'abc', '1:-2', '1.5', '1::2']) expect(raceTimeFromText(text)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { clock, gap, lapTime, pitLaneTime } from './format';

describe('timing formats', () => {
  it('formats lap times', () => {
    expect(lapTime(88_512)).toBe('1:28.512');
    expect(lapTime(59_001)).toBe('59.001');
    expect(lapTime(9_500)).toBe('9.500');
    expect(lapTime(undefined)).toBe('');
  });
  it('formats gaps in time and in laps', () => {
    expect(gap({ ms: 2_500 })).toBe('+2.500');
    expect(gap({ ms: 75_250 })).toBe('+1:15.250');
    expect(gap({ ms: -488 })).toBe('-0.488');
    expect(gap({ laps: 1 })).toBe('1 LAP');
    expect(gap({ laps: 3 })).toBe('3 LAPS');
  });
  it('formats the race clock', () => {
    expect(clock(754_000)).toBe('12:34');
    expect(clock(3_723_000)).toBe('1:02:03');
    expect(clock(-5)).toBe('0:00');
  });
});

describe('pitLaneTime', () => {
  it('gives seconds to a tenth under a minute, minutes and seconds beyond', () => {
    expect(pitLaneTime(38_240)).toBe('38.2s');
    expect(pitLaneTime(125_000)).toBe('2:05');
  });
});

import { describe, expect, it } from 'vitest';
import { sameFields, sameItems } from './same';

describe('sameItems', () => {
  it('compares items by identity, in order', () => {
    const gap = { ms: 1 };
    expect(sameItems(['6', '87'], ['6', '87'])).toBe(true);
    expect(sameItems(['6', '87'], ['87', '6'])).toBe(false);
    expect(sameItems(['6'], ['6', '87'])).toBe(false);
    expect(sameItems([gap], [gap])).toBe(true);
    expect(sameItems([{ ms: 1 }], [{ ms: 1 }])).toBe(false);
  });
});

describe('sameFields', () => {
  it('compares own keys and their values by identity, one level deep', () => {
    expect(sameFields({ ms: 1 }, { ms: 1 })).toBe(true);
    expect(sameFields({ ms: 1 }, { laps: 1 })).toBe(false);
    expect(sameFields({ ms: 1 }, { ms: 1, laps: 0 })).toBe(false);
    expect(sameFields({ marks: [] }, { marks: [] })).toBe(false);
    expect(sameFields(['+5s'], ['+5s'])).toBe(true);
  });

  it('tells a list from an object with the same keys, and reads no inherited key', () => {
    expect(sameFields(['x'], { 0: 'x' })).toBe(false);
    expect(sameFields({ toString: 1 }, {})).toBe(false);
  });
});

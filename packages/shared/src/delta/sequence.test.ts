import { describe, expect, it } from 'vitest';
import { nextDeltaAction } from './sequence';

describe('nextDeltaAction', () => {
  it('applies the next delta in sequence', () => expect(nextDeltaAction(4, 5)).toBe('apply'));
  it('skips a delta already covered by the snapshot', () => {
    expect(nextDeltaAction(4, 4)).toBe('skip');
    expect(nextDeltaAction(4, 2)).toBe('skip');
  });
  it('asks for a snapshot after a gap', () => expect(nextDeltaAction(4, 6)).toBe('resync'));
  it('asks for a snapshot before it has one', () => expect(nextDeltaAction(undefined, 1)).toBe('resync'));
});

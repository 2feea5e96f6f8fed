import { describe, expect, it } from 'vitest';
import type { ViewerCopy } from '@pitwall/shared';
import { MAX_HELD_COPIES, delayFromParam, hold, release } from './delay';

const copy = (seq: number) => ({ seq, view: {} }) as ViewerCopy;

describe('viewer delay', () => {
  it('reads whole seconds from the URL and ignores anything else', () => {
    expect(delayFromParam('30')).toBe(30_000);
    expect(delayFromParam(null)).toBe(0);
    expect(delayFromParam('0')).toBe(0);
    for (const bad of ['-5', '2.5', 'abc', '301', '1e3', ' 30']) expect(delayFromParam(bad)).toBe(0);
  });

  it('shows each copy once it is due, the latest due one first', () => {
    let held = hold([], copy(1), 0, 30_000);
    held = hold(held, copy(2), 1_000, 30_000);
    held = hold(held, copy(3), 5_000, 30_000);
    expect(release(held, 29_999)).toEqual({ due: undefined, waiting: held });
    const later = release(held, 31_000);
    expect(later.due?.seq).toBe(2);
    expect(later.waiting.map((h) => h.copy.seq)).toEqual([3]);
    expect(release(later.waiting, 35_000)).toEqual({ due: copy(3), waiting: [] });
  });

  it('keeps a bounded number of copies, dropping the oldest', () => {
    let held = [] as ReturnType<typeof hold>;
    for (let seq = 1; seq <= MAX_HELD_COPIES + 10; seq++) held = hold(held, copy(seq), seq, 30_000);
    expect(held).toHaveLength(MAX_HELD_COPIES);
    expect(held[0]!.copy.seq).toBe(11);
  });
});

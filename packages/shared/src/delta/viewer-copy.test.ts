import { describe, expect, it } from 'vitest';
import { receiveDelta, type ViewerCopy } from './viewer-copy';
import { applyFeedUpdate } from '../session/apply';
import { deriveClassification } from '../session/derive';
import { fullUpdate } from '../test-support/sessions';

function copyAt(seq: number): ViewerCopy {
  const outcome = applyFeedUpdate(undefined, fullUpdate(1));
  if (outcome.kind !== 'accepted') throw new Error('fixture rejected');
  return { seq, view: deriveClassification(outcome.state) };
}

describe('receiveDelta', () => {
  it('applies the next delta', () => {
    const { copy, resync } = receiveDelta(copyAt(3), { sessionId: 'vp-r12', seq: 4, patch: { info: { flag: 'fcy' } } });
    expect(resync).toBe(false);
    expect(copy?.seq).toBe(4);
    expect(copy?.view.info.flag).toBe('fcy');
  });

  it('keeps the copy and asks for a snapshot after a gap', () => {
    const before = copyAt(3);
    const { copy, resync } = receiveDelta(before, { sessionId: 'vp-r12', seq: 6, patch: { info: { flag: 'fcy' } } });
    expect(resync).toBe(true);
    expect(copy).toBe(before);
  });

  it('ignores a delta the snapshot already contains', () => {
    const before = copyAt(3);
    expect(receiveDelta(before, { sessionId: 'vp-r12', seq: 3, patch: { info: { flag: 'red' } } })).toEqual({
      copy: before,
      resync: false,
    });
  });

  it('asks for a snapshot when it has none', () => {
    expect(receiveDelta(undefined, { sessionId: 'vp-r12', seq: 1, patch: {} }).resync).toBe(true);
  });
});

import type { SessionDelta, SessionSnapshot, SessionView } from '../feed/protocol';
import { applyMergePatch } from './merge-patch';
import { receiveInSequence } from './sequence';

/** A viewer's copy of one session: the view as of `seq`. */
export interface ViewerCopy {
  seq: number;
  view: SessionView;
}

export const copyFromSnapshot = (snapshot: SessionSnapshot): ViewerCopy => ({ seq: snapshot.seq, view: snapshot.view });

/**
 * Folds a delta into the copy. When the delta does not follow on, the copy is kept as it is and
 * the viewer must ask for a snapshot: applying it would show an order that never existed.
 */
export function receiveDelta(
  copy: ViewerCopy | undefined,
  delta: SessionDelta,
): { copy: ViewerCopy | undefined; resync: boolean } {
  return receiveInSequence(copy, delta, (held, next) => ({
    seq: next.seq,
    view: applyMergePatch(held.view, next.patch),
  }));
}

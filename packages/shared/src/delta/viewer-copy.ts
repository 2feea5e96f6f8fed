import type { SessionDelta, SessionSnapshot, SessionView } from '../feed/protocol';
import { applyMergePatch } from './merge-patch';
import { nextDeltaAction } from './sequence';

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
  switch (nextDeltaAction(copy?.seq, delta.seq)) {
    case 'apply':
      return { copy: { seq: delta.seq, view: applyMergePatch(copy!.view, delta.patch) }, resync: false };
    case 'skip':
      return { copy, resync: false };
    case 'resync':
      return { copy, resync: true };
  }
}

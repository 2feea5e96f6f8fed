/**
 * A viewer holds a snapshot at `localSeq` and applies deltas strictly in order. A delta it has
 * already seen is dropped; a gap means something was lost, and only a fresh snapshot is safe.
 */
export type DeltaAction = 'apply' | 'skip' | 'resync';

export function nextDeltaAction(localSeq: number | undefined, deltaSeq: number): DeltaAction {
  if (localSeq === undefined) return 'resync';
  if (deltaSeq <= localSeq) return 'skip';
  return deltaSeq === localSeq + 1 ? 'apply' : 'resync';
}

/**
 * Folds a sequenced change into a copy by those rules: applied when it follows on, dropped when
 * already seen, and otherwise the copy is kept as it is and must be fetched whole again.
 */
export function receiveInSequence<Copy extends { seq: number }, Change extends { seq: number }>(
  copy: Copy | undefined,
  change: Change,
  apply: (copy: Copy, change: Change) => Copy,
): { copy: Copy | undefined; resync: boolean } {
  switch (nextDeltaAction(copy?.seq, change.seq)) {
    case 'apply':
      return { copy: apply(copy!, change), resync: false };
    case 'skip':
      return { copy, resync: false };
    case 'resync':
      return { copy, resync: true };
  }
}

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

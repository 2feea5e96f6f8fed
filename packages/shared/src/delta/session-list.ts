import type { SessionListChange, SessionListSnapshot, SessionSummary } from '../feed/protocol';
import { diffMergePatch } from './merge-patch';
import { receiveInSequence } from './sequence';

/** What changed between two lists, without its seq: undefined when nothing a viewer sees did. */
export function diffSessionList(
  before: readonly SessionSummary[],
  after: readonly SessionSummary[],
): Omit<SessionListChange, 'seq'> | undefined {
  // Session ids come from feeds: a Map, never an object, keeps `toString` an ordinary id.
  const previous = new Map(before.map((summary) => [summary.id, summary]));
  const added: SessionSummary[] = [];
  const changed: SessionSummary[] = [];
  for (const summary of after) {
    const was = previous.get(summary.id);
    if (!was) added.push(summary);
    else if (summaryChanged(was, summary)) changed.push(summary);
    previous.delete(summary.id);
  }
  const removed = [...previous.keys()];
  return added.length + changed.length + removed.length === 0 ? undefined : { added, changed, removed };
}

function summaryChanged(before: SessionSummary, after: SessionSummary): boolean {
  if (before === after) return false;
  return (
    diffMergePatch(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>) !==
    undefined
  );
}

/**
 * The list after a change: removed sessions dropped, changed ones replaced where they stood,
 * added ones at the end (the server lists sessions in the order they appeared). Unchanged
 * summaries keep their identity, so a picker re-renders only what changed.
 */
export function applySessionListChange(
  list: readonly SessionSummary[],
  change: Omit<SessionListChange, 'seq'>,
): SessionSummary[] {
  const removed = new Set(change.removed);
  const changed = new Map(change.changed.map((summary) => [summary.id, summary]));
  const added = new Set(change.added.map((summary) => summary.id));
  return [
    // A session sent as added that the copy already holds is replaced, not listed twice.
    ...list
      .filter((summary) => !removed.has(summary.id) && !added.has(summary.id))
      .map((summary) => changed.get(summary.id) ?? summary),
    ...change.added,
  ];
}

/**
 * Folds a list change into a viewer's copy, by the same sequencing rules as session deltas: a
 * change already seen is dropped, and one that does not follow on leaves the copy as it is and
 * asks for the whole list again.
 */
export function receiveSessionListChange(
  copy: SessionListSnapshot | undefined,
  change: SessionListChange,
): { copy: SessionListSnapshot | undefined; resync: boolean } {
  return receiveInSequence(copy, change, (held, next) => ({
    seq: next.seq,
    sessions: applySessionListChange(held.sessions, next),
  }));
}

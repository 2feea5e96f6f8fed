import type { FeedUpdate, IngestResult } from '@pitwall/shared';
import type { Logger } from '../../log/logger';

export interface ReplayTally {
  accepted: number;
  ignored: number;
  rejected: number;
  /** Still answered "retry" after every attempt. */
  unavailable: number;
}

/** An update answered "retry" is sent again after these pauses; a server busier than that is reported. */
const RETRY_PAUSES_MS = [100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000];

export interface ReplaySender {
  send(update: FeedUpdate): Promise<IngestResult>;
  tally(): ReplayTally;
}

/**
 * The replay's way into a session. A timeline always counts from seq 1, but the session may
 * hold a later seq already (the same file replayed again, or kept by the server's storage): when
 * the first update is ignored as old, the timeline is renumbered on from the session's lastSeq.
 * Every update not accepted is logged, since the replay is the feed and reports its own refusals.
 */
export function replaySender(
  ingest: (update: FeedUpdate) => IngestResult | Promise<IngestResult>,
  log: Logger,
  label: string,
): ReplaySender {
  const tally: ReplayTally = { accepted: 0, ignored: 0, rejected: 0, unavailable: 0 };
  let seqOffset = 0;
  let first = true;
  const offer = async (update: FeedUpdate) => {
    let result = await ingest({ ...update, seq: update.seq + seqOffset });
    for (const pauseMs of RETRY_PAUSES_MS) {
      if (result.status !== 'unavailable') break;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      result = await ingest({ ...update, seq: update.seq + seqOffset });
    }
    return result;
  };
  return {
    async send(update) {
      let result = await offer(update);
      if (first && result.status === 'ignored') {
        seqOffset = result.lastSeq + 1 - update.seq;
        result = await offer(update);
      }
      first = false;
      tally[result.status] += 1;
      if (result.status === 'rejected' || result.status === 'unavailable')
        log.warn(`replay update ${result.status}`, {
          replay: label,
          session: update.sessionId,
          seq: update.seq + seqOffset,
          error: result.error,
        });
      if (result.status === 'ignored')
        log.warn('replay update ignored', {
          replay: label,
          session: update.sessionId,
          seq: update.seq + seqOffset,
          reason: result.reason,
        });
      return result;
    },
    tally: () => ({ ...tally }),
  };
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeedUpdate, IngestResult, TimedFeedUpdate } from '@pitwall/shared';
import type { Logger } from '../../log/logger';
import type { FeedHealthTracker } from '../health/tracker';
import { startReplay, type ReplayRunner } from './runner';
import { replaySender, type ReplayTally } from './send';
import { replayFileTimeline, ReplayFileError, type ReplayFile, type ReplaySessionOptions } from './timeline';

/** Reads and converts a replay file, saying which file when it cannot be read. */
export function readReplayFile(file: string, options: ReplaySessionOptions): ReplayFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReplayFileError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return replayFileTimeline(text, options);
  } catch (error) {
    throw new ReplayFileError(`${path.basename(file)}: ${(error as Error).message}`);
  }
}

export interface PlayOptions {
  timeline: readonly TimedFeedUpdate[];
  /** Names the replay in logs and health, e.g. `replay race.csv`. */
  label: string;
  ingest: (update: FeedUpdate) => IngestResult | Promise<IngestResult>;
  speed: number;
  log: Logger;
  /**
   * In-process: the replay's state shows in the session's feed health, and the HTTP replay
   * controls reach it through `controls`. Both keep it once finished, so its end stays visible.
   */
  tracker?: FeedHealthTracker;
  controls?: Map<string, ReplayRunner>;
}

export interface Playing {
  sessionId: string;
  runner: ReplayRunner;
  tally(): ReplayTally;
}

/** Starts a timeline playing into `ingest`, logging its start and its end with the tally. */
export function playTimeline(options: PlayOptions): Playing {
  const { timeline, label, log, controls } = options;
  const sessionId = timeline[0]?.update.sessionId;
  if (sessionId === undefined) throw new ReplayFileError(`${label}: nothing to replay`);
  if (controls?.has(sessionId)) throw new ReplayFileError(`session "${sessionId}" is being replayed already`);
  const sender = replaySender(options.ingest, log, label);
  const runner = startReplay({ timeline, ingest: sender.send, speed: options.speed });
  controls?.set(sessionId, runner);
  options.tracker?.attachSource(sessionId, { kind: 'replay', label, state: runner.state });
  log.info('replay started', {
    replay: label,
    session: sessionId,
    updates: timeline.length,
    durationMs: runner.state().durationMs,
    speed: options.speed,
  });
  runner.done.then(
    () => log.info('replay finished', { replay: label, session: sessionId, ...sender.tally() }),
    (error: unknown) =>
      log.error('replay stopped', { replay: label, session: sessionId, error: (error as Error).message }),
  );
  return { sessionId, runner, tally: sender.tally };
}

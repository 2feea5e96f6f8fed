import path from 'node:path';
import { Command, Option } from 'commander';
import { playTimeline, readReplayFile, type PlayOptions } from '../feeds/replay/play';
import { connectRemoteFeed } from '../feeds/replay/remote';
import { sessionIdFromFile } from '../feeds/replay/timeline';
import { consoleLogger } from '../log/logger';
import { startServer, stopOnSignal } from '../server';
import { DEFAULTS, ENV } from './defaults';
import {
  classMap,
  dataDirOption,
  feedTokenFileOption,
  feedTokenOption,
  feedTokenSetting,
  givenFeedToken,
  portOption,
  positiveNumber,
  raceControlTokenOption,
  raceControlTokenSetting,
  raceNumber,
  UsageError,
} from './options';

interface ReplayOptions {
  speed: number;
  session?: string;
  series: string;
  event?: string;
  name: string;
  race?: number;
  classMap?: Map<string, string>;
  server?: string;
  feedToken?: string;
  feedTokenFile?: string;
  raceControlToken?: string;
  port: number;
  dataDir: string;
}

/** `replay <file>`: an RMonitor capture or an Al Kamel analysis CSV played as a live session. */
export function replayCommand(): Command {
  return new Command('replay')
    .description('Replay an RMonitor capture or an Al Kamel race-analysis CSV as a live session.')
    .argument('<file>', 'the capture or CSV file')
    .addOption(
      new Option('--speed <x>', 'time multiplier (1: real time)')
        .default(DEFAULTS.replaySpeed)
        .argParser(positiveNumber),
    )
    .option('--session <id>', 'session id (default: from the file name)')
    .option('--series <id>', 'series of the session', DEFAULTS.series)
    .option('--event <name>', 'event of the session (default: the file name)')
    .option('--name <name>', 'name of the session', DEFAULTS.replayName)
    .addOption(new Option('--race <n>', 'race of the season').argParser(raceNumber))
    .addOption(
      new Option(
        '--class-map <A=B,..>',
        'feed class names to series class ids (others are kept as they are)',
      ).argParser(classMap),
    )
    .option('--server <url>', 'feed a running server (needs its feed token) instead of starting one')
    .addOption(feedTokenFileOption())
    .addOption(feedTokenOption())
    .addOption(portOption('port of the server started'))
    .addOption(raceControlTokenOption())
    .addOption(dataDirOption())
    .action(replay);
}

async function replay(file: string, options: ReplayOptions): Promise<void> {
  const log = consoleLogger();
  const { timeline, rejected, format } = readReplayFile(file, {
    sessionId: options.session ?? sessionIdFromFile(file),
    seriesId: options.series,
    event: options.event ?? path.basename(file),
    name: options.name,
    ...(options.race !== undefined && { race: options.race }),
    ...(options.classMap !== undefined && { classMap: options.classMap }),
  });
  for (const row of rejected) log.warn('replay row refused', { file, line: row.line, reason: row.reason });
  log.info('replay file read', { file, format, updates: timeline.length, rowsRefused: rejected.length });
  const label = `replay ${path.basename(file)}`;
  if (options.server !== undefined) return feedRunningServer(options.server, options, { timeline, label, log });

  const server = await startServer({
    port: options.port,
    ...feedTokenSetting(options),
    ...raceControlTokenSetting(options.raceControlToken),
    dataDir: options.dataDir,
    log,
  });
  const { sessionId } = playTimeline({
    timeline,
    label,
    ingest: (update) => server.pitwall.hub.ingest(update, 'feed'),
    speed: options.speed,
    log,
    tracker: server.tracker,
    controls: server.replays,
  });
  log.info('replay controls', {
    url: `${server.pitwall.url}/api/sessions/${sessionId}/replay`,
    health: `${server.pitwall.url}/api/sessions/${sessionId}/health`,
  });
  stopOnSignal(server, log);
}

/** Plays the file into another server's feed; exit code 1 when that server refused an update. */
async function feedRunningServer(
  url: string,
  options: ReplayOptions,
  play: Pick<PlayOptions, 'timeline' | 'label' | 'log'>,
): Promise<void> {
  const token = givenFeedToken(options);
  if (!token)
    throw new UsageError(
      `--server needs the server's feed token (--feed-token-file, $${ENV.feedToken} or --feed-token)`,
    );
  const feed = await connectRemoteFeed(url, token);
  const playing = playTimeline({ ...play, ingest: feed.ingest, speed: options.speed });
  process.once('SIGINT', () => playing.runner.stop());
  try {
    await playing.runner.done;
  } finally {
    feed.close();
  }
  if (playing.tally().rejected > 0) process.exitCode = 1;
}

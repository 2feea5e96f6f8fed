import { Command, Option } from 'commander';
import { consoleLogger } from '../log/logger';
import { startServer, stopOnSignal } from '../server';
import { DEFAULTS } from './defaults';
import {
  allowList,
  dataDirOption,
  feedTokenFileOption,
  feedTokenOption,
  feedTokenSetting,
  hostAndPort,
  list,
  nonNegativeNumber,
  portOption,
  raceControlTokenOption,
  raceControlTokenSetting,
  raceNumber,
  redisUrl,
  UsageError,
} from './options';

interface ServeOptions {
  port: number;
  demo: boolean;
  demoSpeed: number;
  feedToken?: string;
  feedTokenFile?: string;
  raceControlToken?: string;
  dataDir: string;
  redis?: string;
  viewerOnly?: boolean;
  broadcastEvery: number;
  rmonitor?: { host: string; port: number };
  rmonitorSession: string;
  rmonitorAllow?: ReturnType<typeof allowList>;
  series: string;
  event?: string;
  race?: number;
  corsOrigin?: string;
  frameAncestors?: string;
}

/** `serve`: the web app, HTTP API and Socket.IO on one port, as `npm start` runs it. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('Run the server: web app, HTTP API and Socket.IO on one port.')
    .addOption(portOption('port to listen on (0: any free port)'))
    .option('--no-demo', 'do not run the built-in demo races')
    .addOption(
      new Option('--demo-speed <x>', 'demo time multiplier (10: a 45-minute race takes 4.5 minutes)')
        .default(DEFAULTS.demoSpeed)
        .argParser(nonNegativeNumber),
    )
    .addOption(feedTokenFileOption())
    .addOption(feedTokenOption())
    .addOption(raceControlTokenOption())
    .addOption(dataDirOption())
    .addOption(
      new Option('--redis <url>', 'share sessions with the other nodes of a cluster (docs/scale-out.md)').argParser(
        redisUrl,
      ),
    )
    .option('--viewer-only', 'with --redis: serve viewers only, from the node that ingests (no feeds, demo or log)')
    .addOption(
      new Option(
        '--broadcast-every <ms>',
        'at most one delta per session this often; faster updates are folded into the next delta (0: every update its own)',
      )
        .default(DEFAULTS.broadcastEveryMs)
        .argParser(nonNegativeNumber),
    )
    .addOption(
      new Option(
        '--rmonitor <host:port>',
        'also read an RMonitor timing feed over TCP (e.g. 10.0.0.5:50000); more through POST /api/rmonitor',
      ).argParser(hostAndPort),
    )
    .option('--rmonitor-session <id>', 'its session id', DEFAULTS.rmonitorSession)
    .addOption(
      new Option(
        '--rmonitor-allow <hosts>',
        'hosts, addresses and ranges the HTTP API may open RMonitor connections to (e.g. 10.0.0.0/8,timing.local; default: none)',
      ).argParser(allowList),
    )
    .option('--series <id>', "the RMonitor feed's series", DEFAULTS.series)
    .option('--event <name>', "the RMonitor feed's event")
    .addOption(new Option('--race <n>', "the RMonitor feed's race of the season").argParser(raceNumber))
    .option('--cors-origin <origins>', 'other browser origins allowed to call the API, comma-separated (default: none)')
    .option('--frame-ancestors <origins>', "origins allowed to embed the pages in a frame (default: 'self')")
    .action(serve);
}

async function serve(options: ServeOptions): Promise<void> {
  if (options.viewerOnly && options.redis === undefined) throw new UsageError('--viewer-only needs --redis');
  const log = consoleLogger();
  const server = await startServer({
    port: options.port,
    ...feedTokenSetting(options),
    ...(options.rmonitorAllow !== undefined && { rmonitorAllow: options.rmonitorAllow }),
    ...raceControlTokenSetting(options.raceControlToken),
    dataDir: options.dataDir,
    demoSpeed: options.demo ? options.demoSpeed : undefined,
    ...(options.redis !== undefined && { redis: { url: options.redis } }),
    viewerOnly: options.viewerOnly ?? false,
    broadcastEveryMs: options.broadcastEvery,
    ...(options.corsOrigin !== undefined && { corsOrigins: list(options.corsOrigin) }),
    ...(options.frameAncestors !== undefined && { frameAncestors: list(options.frameAncestors) }),
    ...(options.rmonitor && {
      rmonitor: {
        ...options.rmonitor,
        sessionId: options.rmonitorSession,
        seriesId: options.series,
        ...(options.event !== undefined && { event: options.event }),
        ...(options.race !== undefined && { race: options.race }),
      },
    }),
    log,
  });
  stopOnSignal(server, log);
}

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog, type Catalog } from './catalog/catalog';
import { SeasonQueryError, seasonStandings } from './championships/season';
import { printStandings } from './championships/print';
import { consoleLogger } from './log/logger';
import { DATABASE_FILE, DEFAULT_SNAPSHOT_EVERY } from './storage/sqlite/sqlite-storage';
import { openResultsStore } from './storage/sqlite/results-store';
import { withStoredResults } from './catalog/stored-results';
import { importAlkamelResults } from './catalog/import-results';
import { UNNAMED_SERIES } from './feeds/rmonitor/connections';
import { HostAllowList } from './feeds/rmonitor/allow-list';
import { parseClassMap } from './feeds/replay/class-map';
import { playTimeline, readReplayFile } from './feeds/replay/play';
import { connectRemoteFeed } from './feeds/replay/remote';
import { sessionIdFromFile } from './feeds/replay/timeline';
import { startServer, stopOnSignal } from './server';

const HELP = `Pitwall: live timing with class splits and projected championship standings.

Usage: npm run pitwall -- <command> [options]

Commands:
  serve                 Run the server: web app, HTTP API and Socket.IO on one port.
    --port <n>          Port (default: $PORT or 3000).
    --no-demo           Do not run the built-in demo races.
    --demo-speed <x>    Demo time multiplier (default 10: a 45-minute race takes 4.5 minutes).
    --feed-token-file <f>  Token feeds must present, read from a file (or $PITWALL_FEED_TOKEN; neither
                        shows in \`ps\`). Without either, a random one is made and printed.
    --feed-token <t>    The same on the command line (visible to every user of the machine in \`ps\`).
    --race-control-token <t>  Token race control decides with (default: $PITWALL_RACE_CONTROL_TOKEN,
                        else a random one, printed); must differ from the feed token.
    --data-dir <dir>    Where sessions and results are kept across restarts (default: .pitwall-data).
    --snapshot-every <n>  Snapshot a session's state every n of its updates, so a start replays
                        at most n per session (default 1000; 0: none, replay the whole log).
    --redis <url>       Share sessions with the other nodes of a cluster (redis://host:6379; docs/scale-out.md).
    --viewer-only       With --redis: serve viewers only, from the node that ingests (no feeds, demo or log).
    --broadcast-every <ms>  At most one delta per session this often: faster updates are folded
                        into the next delta (default 0: every update its own delta).
    --rmonitor <h:p>    Also read an RMonitor timing feed over TCP (e.g. 10.0.0.5:50000);
                        more through the HTTP API (POST /api/rmonitor).
    --rmonitor-session <id>  Its session id (default: rmonitor).
    --rmonitor-allow <hosts>  Hosts, addresses and ranges the HTTP API may connect to
                        (e.g. 10.0.0.0/8,timing.local; default: none).
    --series <id> --event <name> --race <n>  Its series, event and race of the season.
    --cors-origin <o,..>     Other browser origins allowed to call the API (default: none, same origin only).
    --frame-ancestors <o,..> Origins allowed to embed the pages in a frame (default: 'self').

  replay <file>         Replay an RMonitor capture or an Al Kamel race-analysis CSV as a live session.
    --speed <x>         Time multiplier (default 1: real time).
    --session <id>      Session id (default: from the file name).
    --series <id> --event <name> --name <name> --race <n>  What the session is.
    --class-map A=B,..  Feed class names to series class ids (others are kept as they are).
    --server <url>      Feed a running server (needs --feed-token) instead of starting one.
    --feed-token <t>    The server's feed token; without --server, the token of the server started.
    --port <n>          Port of the server started (default: $PORT or 3000); --data-dir and
                        --race-control-token as serve.

  import <results.csv>  Save an Al Kamel results CSV as a race result of a series' current season.
    --series <id>       Series id.
    --race <n>          Race number in the season.
    --class-map A=B,..  Al Kamel CLASS to series class ids; every class of the file.
    --data-dir <dir>    As serve (default: .pitwall-data).

  standings             Every championship of a series after a race of its season.
    --series <id>       Series id (mx5-cup, vp-sportscar-challenge, carrera-cup-na, ...).
    --after <race>      Standings after this race number (default: every completed race).
    --json              JSON: {"championships":[{"id","name","standings":[{"position","name","points",...}]}]}.
    --data-dir <dir>    Include results imported there (default: .pitwall-data, when it exists).

  --help                This text.
`;

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'no-demo': { type: 'boolean', default: false },
      'demo-speed': { type: 'string', default: '10' },
      'feed-token': { type: 'string' },
      'feed-token-file': { type: 'string' },
      'race-control-token': { type: 'string' },
      'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      redis: { type: 'string' },
      'viewer-only': { type: 'boolean', default: false },
      'broadcast-every': { type: 'string', default: '0' },
      'snapshot-every': { type: 'string', default: String(DEFAULT_SNAPSHOT_EVERY) },
      rmonitor: { type: 'string' },
      'rmonitor-allow': { type: 'string' },
      'rmonitor-session': { type: 'string', default: 'rmonitor' },
      series: { type: 'string', default: UNNAMED_SERIES },
      event: { type: 'string' },
      race: { type: 'string' },
      'cors-origin': { type: 'string' },
      'frame-ancestors': { type: 'string' },
    },
    strict: true,
  });
  if (values['viewer-only'] && values.redis === undefined) throw new UsageError('--viewer-only needs --redis');
  const log = consoleLogger();
  const rmonitor = values.rmonitor === undefined ? undefined : hostAndPort(values.rmonitor);
  const server = await startServer({
    port: positiveNumber(values.port ?? process.env.PORT ?? '3000', '--port'),
    ...feedTokenOption(values),
    ...(values['rmonitor-allow'] !== undefined && { rmonitorAllow: allowListOption(values['rmonitor-allow']) }),
    ...raceControlToken(values['race-control-token']),
    dataDir: values['data-dir'],
    demoSpeed: values['no-demo'] ? undefined : positiveNumber(values['demo-speed'], '--demo-speed'),
    ...(values.redis !== undefined && { redis: { url: redisUrl(values.redis) } }),
    viewerOnly: values['viewer-only'],
    broadcastEveryMs: positiveNumber(values['broadcast-every'], '--broadcast-every'),
    snapshotEvery: wholeNumber(values['snapshot-every'], '--snapshot-every'),
    ...(values['cors-origin'] !== undefined && { corsOrigins: list(values['cors-origin']) }),
    ...(values['frame-ancestors'] !== undefined && { frameAncestors: list(values['frame-ancestors']) }),
    ...(rmonitor && {
      rmonitor: {
        ...rmonitor,
        sessionId: values['rmonitor-session'],
        seriesId: values.series,
        ...(values.event !== undefined && { event: values.event }),
        ...(values.race !== undefined && { race: raceNumber(values.race) }),
      },
    }),
    log,
  });
  stopOnSignal(server, log);
}

const DEFAULT_DATA_DIR = '.pitwall-data';

function redisUrl(text: string): string {
  if (!/^rediss?:\/\/\S+$/.test(text))
    throw new UsageError(`--redis must be a URL like redis://127.0.0.1:6379, got "${text}"`);
  return text;
}

/** The option, else the environment; absent, the server makes one up and prints it. */
function raceControlToken(option: string | undefined): { raceControlToken?: string } {
  const token = option ?? process.env.PITWALL_RACE_CONTROL_TOKEN;
  if (token === '') throw new UsageError('--race-control-token must not be empty');
  return token === undefined ? {} : { raceControlToken: token };
}

async function replay(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      speed: { type: 'string', default: '1' },
      session: { type: 'string' },
      series: { type: 'string', default: UNNAMED_SERIES },
      event: { type: 'string' },
      name: { type: 'string', default: 'Replay' },
      race: { type: 'string' },
      'class-map': { type: 'string' },
      server: { type: 'string' },
      'feed-token': { type: 'string' },
      'feed-token-file': { type: 'string' },
      'race-control-token': { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
    },
    strict: true,
  });
  const file = singleFile(positionals, 'replay');
  const speed = positiveNumber(values.speed, '--speed');
  if (speed === 0) throw new UsageError('--speed must be above 0');
  const log = consoleLogger();
  const { timeline, rejected, format } = readReplayFile(file, {
    sessionId: values.session ?? sessionIdFromFile(file),
    seriesId: values.series,
    event: values.event ?? path.basename(file),
    name: values.name,
    ...(values.race !== undefined && { race: raceNumber(values.race) }),
    ...(values['class-map'] !== undefined && { classMap: classMapOption(values['class-map']) }),
  });
  for (const row of rejected) log.warn('replay row refused', { file, line: row.line, reason: row.reason });
  log.info('replay file read', { file, format, updates: timeline.length, rowsRefused: rejected.length });
  const label = `replay ${path.basename(file)}`;
  if (values.server !== undefined) {
    const token = givenFeedToken(values);
    if (!token)
      throw new UsageError(
        "--server needs the server's feed token (--feed-token-file, $PITWALL_FEED_TOKEN or --feed-token)",
      );
    const feed = await connectRemoteFeed(values.server, token);
    const playing = playTimeline({ timeline, label, ingest: feed.ingest, speed, log });
    process.once('SIGINT', () => playing.runner.stop());
    try {
      await playing.runner.done;
    } finally {
      feed.close();
    }
    if (playing.tally().rejected > 0) process.exitCode = 1;
    return;
  }
  const server = await startServer({
    port: positiveNumber(values.port ?? process.env.PORT ?? '3000', '--port'),
    ...feedTokenOption(values),
    ...raceControlToken(values['race-control-token']),
    dataDir: values['data-dir'],
    log,
  });
  const { sessionId } = playTimeline({
    timeline,
    label,
    ingest: (update) => server.pitwall.hub.ingest(update, 'feed'),
    speed,
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

function importResults(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      series: { type: 'string' },
      race: { type: 'string' },
      'class-map': { type: 'string' },
      'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
    },
    strict: true,
  });
  const file = singleFile(positionals, 'import');
  if (!values.series) throw new UsageError('--series is required');
  if (values.race === undefined) throw new UsageError('--race is required');
  if (values['class-map'] === undefined)
    throw new UsageError(
      '--class-map is required (e.g. GTD=GSX,LMP3=LMP3): results name classes as the timing system does',
    );
  const options = {
    seriesId: values.series,
    race: raceNumber(values.race),
    classMap: classMapOption(values['class-map']),
    source: path.basename(file),
  };
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const text = readFileSync(file, 'utf8');
  const database = path.join(path.resolve(values['data-dir']), DATABASE_FILE);
  const store = openResultsStore(database);
  try {
    const { year, result, warnings } = importAlkamelResults(text, loadCatalog(), store, options);
    process.stdout.write(
      `imported ${options.source} as race ${result.race} of ${values.series} ${year}: ${result.classification.length} cars, into ${database}\n`,
    );
    for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  } finally {
    store.close();
  }
}

function standings(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      series: { type: 'string' },
      after: { type: 'string' },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const catalog = catalogWithImports(values['data-dir']);
  if (!values.series) throw new UsageError(`--series is required (one of: ${[...catalog.series.keys()].join(', ')})`);
  const afterRace = values.after === undefined ? undefined : positiveNumber(values.after, '--after');
  const result = askSeason(() => seasonStandings(catalog, values.series!, afterRace));
  process.stdout.write(
    values.json ? JSON.stringify({ championships: result.championships }, null, 2) + '\n' : printStandings(result),
  );
}

/** A question the season cannot answer is the user's to fix: a usage error naming the option. */
function askSeason<T>(ask: () => T): T {
  try {
    return ask();
  } catch (error) {
    if (!(error instanceof SeasonQueryError)) throw error;
    throw new UsageError(error.option ? `--${error.option} ${error.message}` : error.message);
  }
}

/** The season files with the results imported into the data dir, when there is one. */
function catalogWithImports(dataDir: string | undefined): Catalog {
  const database = path.join(path.resolve(dataDir ?? DEFAULT_DATA_DIR), DATABASE_FILE);
  if (!existsSync(database)) {
    if (dataDir !== undefined)
      throw new UsageError(`--data-dir ${dataDir} holds no Pitwall data (${database} does not exist)`);
    return loadCatalog();
  }
  // Left open for the command's life: the catalog reads the stored results when asked.
  return withStoredResults(loadCatalog(), openResultsStore(database));
}

function singleFile(positionals: string[], command: string): string {
  if (positionals.length !== 1) throw new UsageError(`${command} takes one file, got ${positionals.length}`);
  return positionals[0]!;
}

function raceNumber(text: string): number {
  const race = Number(text);
  if (!Number.isInteger(race) || race < 1)
    throw new UsageError(`--race must be a race number (1, 2, ...), got "${text}"`);
  return race;
}

type TokenFlags = { 'feed-token'?: string; 'feed-token-file'?: string };

/** The token the operator gave: from a file, else the command line, else the environment. */
function givenFeedToken(values: TokenFlags): string | undefined {
  const file = values['feed-token-file'];
  if (file !== undefined) {
    let token: string;
    try {
      token = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new UsageError(`--feed-token-file: ${(error as Error).message}`);
    }
    if (token === '') throw new UsageError(`--feed-token-file: ${file} is empty`);
    return token;
  }
  return values['feed-token'] ?? (process.env.PITWALL_FEED_TOKEN || undefined);
}

/** A given token is never printed; one made up here is, or nobody could feed the server. */
function feedTokenOption(values: TokenFlags): { feedToken: string; printFeedToken: boolean } {
  const given = givenFeedToken(values);
  return given
    ? { feedToken: given, printFeedToken: false }
    : { feedToken: randomBytes(16).toString('hex'), printFeedToken: true };
}

function allowListOption(text: string): HostAllowList {
  try {
    return HostAllowList.parse(text);
  } catch (error) {
    throw new UsageError(`--rmonitor-allow: ${(error as Error).message}`);
  }
}

function classMapOption(text: string): Map<string, string> {
  try {
    return parseClassMap(text);
  } catch (error) {
    throw new UsageError(`--class-map: ${(error as Error).message}`);
  }
}

function hostAndPort(text: string): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65_535)
    throw new UsageError(`--rmonitor must be host:port (e.g. 10.0.0.5:50000), got "${text}"`);
  return { host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port };
}

function positiveNumber(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`${name} must be a number, got "${text}"`);
  return value;
}

function wholeNumber(text: string, name: string): number {
  const value = positiveNumber(text, name);
  if (!Number.isSafeInteger(value)) throw new UsageError(`${name} must be a whole number, got "${text}"`);
  return value;
}

function list(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'standings':
      return standings(rest);
    case 'replay':
      return replay(rest);
    case 'import':
      return importResults(rest);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(HELP);
      return;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

// Piping into `head` closes stdout early; that is not an error of the command.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(
    `pitwall: ${(error as Error).message}\n${usage ? "Run 'npm run pitwall -- --help' for usage.\n" : ''}`,
  );
  process.exit(usage ? 2 : 1);
});

import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPitwall } from './app';
import { loadCatalog, type Catalog } from './catalog/catalog';
import { championshipProjector } from './championships/projector';
import { championshipRoutes, seasonStandings } from './championships/routes';
import { printStandings } from './championships/print';
import { consoleLogger } from './log/logger';
import { startDemo } from './demo/runner';
import { finalRoundPlans } from './demo/final-rounds';
import { sqliteStorage } from './storage/sqlite/sqlite-storage';

const HELP = `Pitwall: live timing with class splits and projected championship standings.

Usage: npm run pitwall -- <command> [options]

Commands:
  serve                 Run the server: web app, HTTP API and Socket.IO on one port.
    --port <n>          Port (default: $PORT or 3000).
    --no-demo           Do not run the built-in demo races.
    --demo-speed <x>    Demo time multiplier (default 10: a 45-minute race takes 4.5 minutes).
    --feed-token <t>    Token feeds must present (default: $PITWALL_FEED_TOKEN, else a random one, printed).
    --data-dir <dir>    Where sessions and results are kept across restarts (default: .pitwall-data).

  standings             Every championship of a series after a race of its season.
    --series <id>       Series id (mx5-cup, vp-sportscar-challenge, carrera-cup-na, ...).
    --after <race>      Standings after this race number (default: every completed race).
    --json              JSON: {"championships":[{"id","name","standings":[{"position","name","points",...}]}]}.

  --help                This text.
`;

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'no-demo': { type: 'boolean', default: false },
      'demo-speed': { type: 'string', default: '10' },
      'feed-token': { type: 'string' },
      'data-dir': { type: 'string', default: '.pitwall-data' },
    },
    strict: true,
  });
  const log = consoleLogger();
  const port = positiveNumber(values.port ?? process.env.PORT ?? '3000', '--port');
  const feedToken = values['feed-token'] ?? process.env.PITWALL_FEED_TOKEN ?? randomBytes(12).toString('hex');
  const demoSpeed = positiveNumber(values['demo-speed'], '--demo-speed');
  const catalog = loadCatalog();
  const storage = sqliteStorage(path.resolve(values['data-dir']), log);
  const pitwall = await startPitwall({
    port,
    feedToken,
    webRoot,
    log,
    journal: storage.journal,
    project: championshipProjector(catalog, log),
    routes: championshipRoutes(catalog),
  });
  // Restoring is synchronous and runs as soon as the port is bound, before any request is read:
  // feeds and viewers only ever meet the sessions as they were before the restart.
  storage.restore(pitwall.hub);
  const demo = values['no-demo']
    ? undefined
    : startDemo({ plans: finalRoundPlans(catalog, log), ingest: (update) => pitwall.hub.ingest(update, 'demo'), speed: demoSpeed, seed: 2024, log });
  log.info('pitwall is up', { url: pitwall.url, feedToken });
  const stop = () => {
    log.info('shutting down');
    demo?.stop();
    void pitwall.close().then(() => {
      storage.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function standings(argv: string[], catalog: Catalog = loadCatalog()): void {
  const { values } = parseArgs({
    args: argv,
    options: { series: { type: 'string' }, after: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (!values.series) throw new UsageError(`--series is required (one of: ${[...catalog.series.keys()].join(', ')})`);
  const afterRace = values.after === undefined ? undefined : positiveNumber(values.after, '--after');
  const result = seasonStandings(catalog, values.series, afterRace);
  process.stdout.write(values.json ? JSON.stringify({ championships: result.championships }, null, 2) + '\n' : printStandings(result));
}

function positiveNumber(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`${name} must be a number, got "${text}"`);
  return value;
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'standings':
      return standings(rest);
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
  process.stderr.write(`pitwall: ${(error as Error).message}\n${usage ? "Run 'npm run pitwall -- --help' for usage.\n" : ''}`);
  process.exit(usage ? 2 : 1);
});

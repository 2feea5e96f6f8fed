import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPitwall } from './app';
import { consoleLogger } from './log/logger';

const HELP = `Pitwall: live timing with class splits and projected championship standings.

Usage: npm run pitwall -- <command> [options]

Commands:
  serve                 Run the server: web app, HTTP API and Socket.IO on one port.
    --port <n>          Port (default: $PORT or 3000).
    --no-demo           Do not run the built-in demo races.
    --demo-speed <x>    Demo time multiplier (default 10: a 45-minute race takes 4.5 minutes).
    --feed-token <t>    Token feeds must present (default: $PITWALL_FEED_TOKEN, else a random one, printed).

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
    },
    strict: true,
  });
  const log = consoleLogger();
  const port = positiveNumber(values.port ?? process.env.PORT ?? '3000', '--port');
  const feedToken = values['feed-token'] ?? process.env.PITWALL_FEED_TOKEN ?? randomBytes(12).toString('hex');
  const pitwall = await startPitwall({ port, feedToken, webRoot, log });
  log.info('pitwall is up', { url: pitwall.url, feedToken });
  const stop = () => {
    log.info('shutting down');
    void pitwall.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
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

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`pitwall: ${(error as Error).message}\n${usage ? "Run 'npm run pitwall -- --help' for usage.\n" : ''}`);
  process.exit(usage ? 2 : 1);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser } from 'playwright-core';

export const REPO = path.resolve(__dirname, '..');
export const ARTIFACTS = path.join(__dirname, 'artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests need Debian's chromium; without it they skip, except in CI where they must run. */
export function browserMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const why = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI) throw new Error(`browser tests are required in CI: ${why}`);
  console.warn(`skipping browser tests: ${why}`);
  return why;
}

export interface RunningServer {
  url: string;
  feedToken: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts the built server (as `npm start` does) on a free port and waits until it listens. */
export async function startServer(args: string[] = [], env: Record<string, string> = {}): Promise<RunningServer> {
  const cli = path.join(REPO, 'apps/server/dist/cli.cjs');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (npm test does)`);
  const feedToken = 'e2e-token';
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pitwall-e2e-'));
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--port', '0', '--feed-token', feedToken, '--data-dir', dataDir, ...args],
    {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', () => {
      const match = /"url":"([^"]+)"[^\n]*"msg":"pitwall is up"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    feedToken,
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * One server (started with `serverArgs`) and one browser for a describe block, closed after it.
 * Read them through the returned object once the block's tests run.
 */
export function serverAndBrowser(serverArgs: string[]): { server: RunningServer; browser: Browser } {
  const running = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    running.server = await startServer(serverArgs);
    running.browser = await launchBrowser();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}

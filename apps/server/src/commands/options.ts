import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option } from 'commander';
import { HostAllowList } from '../feeds/rmonitor/allow-list';
import { parseClassMap } from '../feeds/replay/class-map';
import { DEFAULTS, ENV } from './defaults';

/**
 * The options and value parsers the commands share. A value that cannot be used is refused while
 * the command line is read (commander names the option and the value), before anything starts.
 */

/** A mistake in the command line found after it was read: the user's to fix, answered with usage. */
export class UsageError extends Error {}

/** Wraps a parser that throws with a reason into one commander reports against its option. */
function parser<T>(parse: (text: string) => T): (text: string) => T {
  return (text) => {
    try {
      return parse(text);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

export const nonNegativeNumber = parser((text) => {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new Error('must be a number, 0 or more');
  return value;
});

export const positiveNumber = parser((text) => {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new Error('must be a number above 0');
  return value;
});

export const raceNumber = parser((text) => {
  const race = Number(text);
  if (!Number.isInteger(race) || race < 1) throw new Error('must be a race number (1, 2, ...)');
  return race;
});

/** A TCP port; 0 asks the system for a free one. */
export const port = parser((text) => {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 0 || value > 65_535)
    throw new Error('must be a port number from 0 to 65535');
  return value;
});

export const classMap = parser(parseClassMap);

export const allowList = parser((text) => HostAllowList.parse(text));

export const redisUrl = parser((text) => {
  if (!/^rediss?:\/\/\S+$/.test(text)) throw new Error('must be a URL like redis://127.0.0.1:6379');
  return text;
});

export const hostAndPort = parser((text) => {
  const match = /^(.+):(\d{1,5})$/.exec(text);
  const value = Number(match?.[2]);
  if (!match || value < 1 || value > 65_535) throw new Error('must be host:port (e.g. 10.0.0.5:50000)');
  return { host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port: value };
});

/** A comma-separated list, blanks dropped. */
export function list(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export const portOption = (what: string) =>
  new Option('--port <n>', what).env(ENV.port).default(DEFAULTS.port).argParser(port);

export const dataDirOption = () =>
  new Option('--data-dir <dir>', 'where sessions and results are kept across restarts').default(DEFAULTS.dataDir);

export const feedTokenFileOption = () =>
  new Option(
    '--feed-token-file <file>',
    'the token feeds must present, read from a file (neither it nor the environment shows in `ps`); without a token, a random one is made and printed',
  );

export const feedTokenOption = () =>
  new Option('--feed-token <token>', 'the same on the command line (visible to every user of the machine in `ps`)').env(
    ENV.feedToken,
  );

export const raceControlTokenOption = () =>
  new Option(
    '--race-control-token <token>',
    'the token race control decides with (else a random one, printed); must differ from the feed token',
  ).env(ENV.raceControlToken);

export interface TokenOptions {
  feedToken?: string;
  feedTokenFile?: string;
}

/** The token the operator gave: from a file, else the command line, else the environment. */
export function givenFeedToken(options: TokenOptions): string | undefined {
  const file = options.feedTokenFile;
  if (file === undefined) return options.feedToken || undefined;
  let token: string;
  try {
    token = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new UsageError(`--feed-token-file: ${(error as Error).message}`);
  }
  if (token === '') throw new UsageError(`--feed-token-file: ${file} is empty`);
  return token;
}

/** A given token is never printed; one made up here is, or nobody could feed the server. */
export function feedTokenSetting(options: TokenOptions): { feedToken: string; printFeedToken: boolean } {
  const given = givenFeedToken(options);
  return given
    ? { feedToken: given, printFeedToken: false }
    : { feedToken: randomBytes(16).toString('hex'), printFeedToken: true };
}

/** The option, else the environment; absent, the server makes one up and prints it. */
export function raceControlTokenSetting(token: string | undefined): { raceControlToken?: string } {
  if (token === '') throw new UsageError('--race-control-token must not be empty');
  return token === undefined ? {} : { raceControlToken: token };
}

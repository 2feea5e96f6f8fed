import { describe, expect, it } from 'vitest';
import { DEFAULTS } from './defaults';
import { EXIT, runPitwall } from './program';

/** Runs a command line in-process, with what it writes kept. */
async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runPitwall(argv, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe('pitwall command line', () => {
  it('lists the commands with no arguments, with --help and with help', async () => {
    for (const argv of [[], ['--help'], ['help']]) {
      const { code, out } = await run(...argv);
      expect(code).toBe(EXIT.ok);
      for (const command of ['serve', 'replay', 'import', 'standings']) expect(out).toContain(`  ${command} `);
    }
  });

  it.each([
    [
      'serve',
      ['--port <n>', '--no-demo', '--demo-speed <x>', '--feed-token-file <file>', '--redis <url>', '--rmonitor-allow'],
    ],
    ['replay', ['<file>', '--speed <x>', '--class-map', '--server <url>', '--feed-token <token>']],
    ['import', ['<results.csv>', '--series <id>', '--race <n>', '--class-map']],
    ['standings', ['--series <id>', '--after <race>', '--json', '--data-dir <dir>']],
  ])('answers %s --help with its options, starting nothing', async (command, options) => {
    const { code, out, err } = await run(command, '--help');
    expect(code).toBe(EXIT.ok);
    expect(err).toBe('');
    expect(out).toContain(`Usage: pitwall ${command}`);
    for (const option of options) expect(out).toContain(option);
  });

  it('shows the defaults written once in the defaults module', async () => {
    const { out } = await run('serve', '--help');
    expect(out).toMatch(new RegExp(`--port <n>[^]*default:\\s+${DEFAULTS.port}, env: PORT`));
    expect(out).toContain(`(default: ${DEFAULTS.demoSpeed})`);
    expect(out).toContain(`(default: "${DEFAULTS.dataDir}")`);
  });

  it('refuses an unknown option with a usage error naming it and the command', async () => {
    const { code, err } = await run('serve', '--bogus');
    expect(code).toBe(EXIT.usage);
    expect(err).toContain("error: unknown option '--bogus'");
    expect(err).toContain("Run 'npm run pitwall -- serve --help' for its options.");
  });

  it('refuses an unknown command', async () => {
    const { code, err } = await run('serv');
    expect(code).toBe(EXIT.usage);
    expect(err).toContain("unknown command 'serv'");
  });

  it.each([
    [
      ['serve', '--port', 'abc'],
      "option '--port <n>' argument 'abc' is invalid. must be a port number from 0 to 65535",
    ],
    [['serve', '--port', '70000'], "argument '70000' is invalid"],
    [['serve', '--rmonitor', '10.0.0.5'], 'must be host:port (e.g. 10.0.0.5:50000)'],
    [['serve', '--redis', 'localhost:6379'], 'must be a URL like redis://127.0.0.1:6379'],
    [['serve', '--viewer-only'], '--viewer-only needs --redis'],
    [['serve', '--race-control-token', ''], '--race-control-token must not be empty'],
    [['replay', 'race.csv', '--speed', '0'], "option '--speed <x>' argument '0' is invalid. must be a number above 0"],
    [['replay', 'race.csv', '--class-map', 'GTD'], 'class map entry "GTD" is not FEED=SERIES'],
    [['replay'], "missing required argument 'file'"],
    [['replay', 'a.csv', 'b.csv'], 'too many arguments'],
    [['import', 'results.csv', '--race', '1'], "required option '--series <id>' not specified"],
    [['import', 'results.csv', '--series', 'vp-sportscar-challenge', '--race', '1'], '--class-map is required'],
    [['standings', '--series', 'mx5-cup', '--after', 'x'], "option '--after <race>' argument 'x' is invalid"],
  ])('answers %j with a usage error', async (argv, message) => {
    const { code, out, err } = await run(...argv);
    expect(code).toBe(EXIT.usage);
    expect(out).toBe('');
    expect(err).toContain(message);
  });

  it('answers a command that fails while running with exit code 1 and its reason', async () => {
    const { code, err } = await run('replay', '/nonexistent/race.csv', '--server', 'http://localhost:1');
    expect(code).toBe(EXIT.failed);
    expect(err).toMatch(/^pitwall: cannot read \/nonexistent\/race\.csv/);
  });

  it('answers standings --after 0 or past the season as a command-line error, not an HTTP one', async () => {
    const zero = await run('standings', '--series', 'mx5-cup', '--after', '0');
    expect(zero.code).toBe(EXIT.usage);
    expect(zero.err).toContain("option '--after <race>' argument '0' is invalid. must be a race number (1, 2, ...)");
    const late = await run('standings', '--series', 'mx5-cup', '--after', '99');
    expect(late).toEqual({
      code: EXIT.usage,
      out: '',
      err: "error: --after must be a race number from 1 to 14\nRun 'npm run pitwall -- standings --help' for its options.\n",
    });
    expect(late.err).not.toMatch(/\b400\b|status/i);
  });

  it('names the known series when --series is missing or unknown', async () => {
    const missing = await run('standings');
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.err).toContain('--series is required (one of: carrera-cup-na, mx5-cup, vp-sportscar-challenge)');
    const unknown = await run('standings', '--series', 'f1');
    expect(unknown.err).toContain('unknown series "f1" (known: carrera-cup-na, mx5-cup, vp-sportscar-challenge)');
  });

  it('prints the standings after a race as JSON', async () => {
    const { code, out } = await run('standings', '--series', 'mx5-cup', '--after', '14', '--json');
    expect(code).toBe(EXIT.ok);
    const drivers = (JSON.parse(out) as { championships: { id: string; standings: unknown[] }[] }).championships.find(
      (championship) => championship.id === 'drivers',
    )!;
    expect(drivers.standings[0]).toMatchObject({ position: 1, name: 'Gresham Wagner', points: 3770 });
  });

  it('says so when --data-dir holds no Pitwall data', async () => {
    const { code, err } = await run('standings', '--series', 'mx5-cup', '--data-dir', '/nonexistent/pitwall');
    expect(code).toBe(EXIT.usage);
    expect(err).toContain('--data-dir /nonexistent/pitwall holds no Pitwall data');
  });
});

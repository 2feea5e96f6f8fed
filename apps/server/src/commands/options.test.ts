import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedTokenSetting, givenFeedToken, hostAndPort, list, port, raceControlTokenSetting } from './options';

describe('command-line values', () => {
  it('reads host:port, an IPv6 address in brackets included', () => {
    expect(hostAndPort('10.0.0.5:50000')).toEqual({ host: '10.0.0.5', port: 50000 });
    expect(hostAndPort('[::1]:50000')).toEqual({ host: '::1', port: 50000 });
    expect(() => hostAndPort('timing.local:0')).toThrow('must be host:port');
  });

  it('takes port 0 (any free port) and refuses what is not a port', () => {
    expect(port('0')).toBe(0);
    expect(port('3000')).toBe(3000);
    for (const text of ['', '-1', '3000.5', '65536']) expect(() => port(text)).toThrow('must be a port number');
  });

  it('splits a list and drops blanks', () => {
    expect(list(' https://a.example, ,https://b.example ')).toEqual(['https://a.example', 'https://b.example']);
  });
});

describe('tokens', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pitwall-options-'));

  it('prefers the token file to the command line, and reads it trimmed', () => {
    const file = path.join(dir, 'token');
    writeFileSync(file, 'from-file\n');
    expect(givenFeedToken({ feedTokenFile: file, feedToken: 'from-option' })).toBe('from-file');
    expect(givenFeedToken({ feedToken: 'from-option' })).toBe('from-option');
  });

  it('refuses an empty or missing token file', () => {
    const empty = path.join(dir, 'empty');
    writeFileSync(empty, '  \n');
    expect(() => givenFeedToken({ feedTokenFile: empty })).toThrow(`--feed-token-file: ${empty} is empty`);
    expect(() => givenFeedToken({ feedTokenFile: path.join(dir, 'missing') })).toThrow(/--feed-token-file: ENOENT/);
  });

  it('makes up a token, to be printed, only when none is given (an empty one counts as none)', () => {
    expect(feedTokenSetting({ feedToken: 'given' })).toEqual({ feedToken: 'given', printFeedToken: false });
    for (const options of [{}, { feedToken: '' }]) {
      const made = feedTokenSetting(options);
      expect(made.printFeedToken).toBe(true);
      expect(made.feedToken).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('leaves the race-control token to the server when absent and refuses an empty one', () => {
    expect(raceControlTokenSetting(undefined)).toEqual({});
    expect(raceControlTokenSetting('rc')).toEqual({ raceControlToken: 'rc' });
    expect(() => raceControlTokenSetting('')).toThrow('must not be empty');
  });
});

import { describe, expect, it } from 'vitest';
import { TokenAuth, bearerToken, refusalMessage } from './tokens';

describe('TokenAuth', () => {
  it('admits the exact token only', () => {
    const auth = new TokenAuth('s3cret');
    expect(auth.check('s3cret', 'a')).toEqual({ ok: true });
    for (const offered of ['s3cre', 's3cret!', 'S3CRET', '', undefined, 42, { token: 's3cret' }])
      expect(auth.check(offered, 'b')).toEqual({ ok: false, reason: 'wrong' });
  });

  it('locks out a client after too many wrong tokens, even with the right one, until its window ends', () => {
    let now = 0;
    const auth = new TokenAuth('s3cret', { maxFailures: 3, windowMs: 10_000 }, () => now);
    for (let i = 0; i < 3; i++) expect(auth.check('guess', 'a').ok).toBe(false);
    now = 4_000;
    const locked = auth.check('s3cret', 'a');
    expect(locked).toEqual({ ok: false, reason: 'locked', retryAfterMs: 6_000 });
    expect(refusalMessage(locked as Extract<typeof locked, { ok: false }>)).toBe(
      'too many wrong feed tokens from this address: retry in 6 s',
    );
    expect(auth.check('s3cret', 'other client')).toEqual({ ok: true });
    now = 10_000;
    expect(auth.check('s3cret', 'a')).toEqual({ ok: true });
  });

  it('remembers a bounded number of clients', () => {
    let now = 0;
    const auth = new TokenAuth('s3cret', { maxFailures: 1, windowMs: 10_000, maxClients: 2 }, () => now);
    auth.check('x', 'a');
    auth.check('x', 'b');
    auth.check('x', 'c');
    // 'a' was the oldest and was forgotten to make room for 'c'.
    expect(auth.check('s3cret', 'a')).toEqual({ ok: true });
    expect(auth.check('s3cret', 'c').ok).toBe(false);
    now = 20_000;
    expect(auth.check('s3cret', 'c')).toEqual({ ok: true });
  });
});

describe('bearerToken', () => {
  it('reads `Bearer <token>` and nothing else', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBeUndefined();
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

import { timingSafeEqual } from 'node:crypto';

export interface TokenLimits {
  /** Wrong tokens a client may offer per window before every check of theirs is refused. */
  maxFailures?: number;
  windowMs?: number;
  /** Clients remembered at once; a flood of addresses cannot grow the table past this. */
  maxClients?: number;
}

export type TokenCheck =
  { ok: true } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; retryAfterMs: number };

interface Failures {
  count: number;
  windowEndsAt: number;
}

/**
 * The one check of a shared secret (the feed token, the race-control token), for the Socket.IO
 * feed namespace and every HTTP route that writes. Tokens are compared in constant time, and a
 * client that keeps offering wrong tokens is refused outright for the rest of the window, so a
 * token cannot be guessed at line rate.
 */
export class TokenAuth {
  private readonly expected: Buffer;
  private readonly failures = new Map<string, Failures>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxClients: number;

  constructor(
    token: string,
    limits: TokenLimits = {},
    private readonly now: () => number = Date.now,
  ) {
    this.expected = Buffer.from(token);
    this.maxFailures = limits.maxFailures ?? 10;
    this.windowMs = limits.windowMs ?? 60_000;
    this.maxClients = limits.maxClients ?? 10_000;
  }

  /** `client` is whatever identifies the caller across attempts: its address. */
  check(offered: unknown, client: string): TokenCheck {
    const now = this.now();
    const failures = this.failures.get(client);
    if (failures && failures.windowEndsAt <= now) this.failures.delete(client);
    else if (failures && failures.count >= this.maxFailures)
      return { ok: false, reason: 'locked', retryAfterMs: failures.windowEndsAt - now };
    if (this.matches(offered)) return { ok: true };
    this.recordFailure(client, now);
    return { ok: false, reason: 'wrong' };
  }

  private matches(offered: unknown): boolean {
    if (typeof offered !== 'string') return false;
    const given = Buffer.from(offered);
    // timingSafeEqual needs equal lengths; comparing against itself keeps the time independent of the guess.
    const same = timingSafeEqual(given.length === this.expected.length ? given : this.expected, this.expected);
    return same && given.length === this.expected.length;
  }

  private recordFailure(client: string, now: number): void {
    const current = this.failures.get(client);
    if (current) {
      current.count += 1;
      return;
    }
    if (this.failures.size >= this.maxClients) this.forgetExpired(now);
    // Still full: the oldest entry goes (Maps iterate in insertion order).
    if (this.failures.size >= this.maxClients) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(client, { count: 1, windowEndsAt: now + this.windowMs });
  }

  private forgetExpired(now: number): void {
    for (const [client, failures] of this.failures) if (failures.windowEndsAt <= now) this.failures.delete(client);
  }
}

export const FEED_TOKEN_REFUSED = 'feed token missing or wrong';

/** What a refused check answers, the same words over HTTP and Socket.IO. */
export function refusalMessage(check: Exclude<TokenCheck, { ok: true }>, token = 'feed'): string {
  return check.reason === 'locked'
    ? `too many wrong ${token} tokens from this address: retry in ${retryAfterSeconds(check)} s`
    : FEED_TOKEN_REFUSED;
}

export function retryAfterSeconds(check: { retryAfterMs: number }): number {
  return Math.ceil(check.retryAfterMs / 1000);
}

/** HTTP writers send the token as `Authorization: Bearer <token>`. */
export function bearerToken(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

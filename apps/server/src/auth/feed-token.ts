import { timingSafeEqual } from 'node:crypto';

export interface FeedTokenLimits {
  /** Wrong tokens a client may offer per window before every check of theirs is refused. */
  maxFailures?: number;
  windowMs?: number;
  /** Clients remembered at once; a flood of addresses cannot grow the table past this. */
  maxClients?: number;
}

export type FeedTokenCheck =
  { ok: true } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; retryAfterMs: number };

interface Failures {
  count: number;
  windowEndsAt: number;
}

/**
 * The one check of the feed token, for the Socket.IO feed namespace and every HTTP route that
 * writes. Tokens are compared in constant time, and a client that keeps offering wrong tokens is
 * refused outright for the rest of the window, so the token cannot be guessed at line rate.
 */
export class FeedTokenAuth {
  private readonly expected: Buffer;
  private readonly failures = new Map<string, Failures>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxClients: number;

  constructor(
    token: string,
    limits: FeedTokenLimits = {},
    private readonly now: () => number = Date.now,
  ) {
    this.expected = Buffer.from(token);
    this.maxFailures = limits.maxFailures ?? 10;
    this.windowMs = limits.windowMs ?? 60_000;
    this.maxClients = limits.maxClients ?? 10_000;
  }

  /** `client` is whatever identifies the caller across attempts: its address. */
  check(offered: unknown, client: string): FeedTokenCheck {
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
export function refusalMessage(check: Exclude<FeedTokenCheck, { ok: true }>): string {
  return check.reason === 'locked'
    ? `too many wrong feed tokens from this address: retry in ${Math.ceil(check.retryAfterMs / 1000)} s`
    : FEED_TOKEN_REFUSED;
}

/** HTTP writers send the token as `Authorization: Bearer <token>`. */
export function bearerToken(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

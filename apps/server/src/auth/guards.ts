import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors';
import { bearerToken, refusalMessage, retryAfterSeconds, type TokenAuth } from './tokens';

/** For HTTP routes that write timing: `Authorization: Bearer <feed token>`. */
export function feedTokenGuard(feed: TokenAuth) {
  return async (request: FastifyRequest) => {
    const check = feed.check(bearerToken(request.headers.authorization), request.ip);
    if (check.ok) return;
    if (check.reason === 'locked') throw new HttpError(429, refusalMessage(check), retryAfterSeconds(check));
    throw new HttpError(401, refusalMessage(check));
  };
}

/**
 * For race-control decisions: 401 without a token or with a wrong one, 403 for the feed's token
 * (it may write timing, never decide), 429 once an address has offered too many wrong tokens.
 */
export function raceControlGuard(raceControl: TokenAuth, feed: TokenAuth) {
  return async (request: FastifyRequest) => {
    const offered = bearerToken(request.headers.authorization);
    const check = raceControl.check(offered, request.ip);
    if (check.ok) return;
    if (check.reason === 'locked')
      throw new HttpError(429, refusalMessage(check, 'race-control'), retryAfterSeconds(check));
    if (offered !== undefined && feed.check(offered, request.ip).ok) {
      throw new HttpError(403, 'the feed token cannot make race-control decisions: use the race-control token');
    }
    throw new HttpError(401, 'race-control token missing or wrong (Authorization: Bearer <token>)');
  };
}

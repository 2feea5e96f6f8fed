import type { z } from 'zod';
import { describeIssues } from '../validation/describe-issues';

/**
 * Raised when a series, season, live result or adjustment cannot be scored as given. Scoring is
 * all-or-nothing: a caller that catches it still holds its previous standings untouched.
 */
export class ChampionshipError extends Error {
  override name = 'ChampionshipError';
}

/** Validates run-time input (a live race, race-control adjustments) with a readable message. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ChampionshipError(`${what} is invalid: ${describeIssues(parsed.error.issues, what)}`);
  return parsed.data;
}

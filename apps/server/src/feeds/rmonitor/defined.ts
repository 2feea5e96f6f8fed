/**
 * Drops undefined fields: records and updates omit what the feed did not say (the schemas treat
 * a missing field as "unknown", and patches compare field by field).
 */
export function withDefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

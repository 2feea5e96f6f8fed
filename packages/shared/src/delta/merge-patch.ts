/**
 * Deltas to viewers are JSON Merge Patches (RFC 7386): only changed fields of changed objects,
 * `null` for a removed field, arrays replaced whole. The view never holds `null` values (optional
 * fields are omitted), which is what lets `null` mean "removed".
 *
 * Keys come from feeds (car numbers), so `toString` or `__proto__` are ordinary keys here: only
 * own properties are read, and every write defines an own property.
 */
export type MergePatch = { [key: string]: unknown };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const own = (object: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(object, key) ? object[key] : undefined;

function define(object: Record<string, unknown>, key: string, value: unknown): void {
  // Assigning `__proto__` would set the prototype; every other key assigns an own property, faster.
  if (key === '__proto__')
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

/** The patch that turns `prev` into `next`, or undefined when they are equal. */
export function diffMergePatch(prev: Record<string, unknown>, next: Record<string, unknown>): MergePatch | undefined {
  const patch: MergePatch = {};
  let changed = false;
  for (const key of Object.keys(next)) {
    const before = own(prev, key);
    const after = next[key];
    if (after === undefined) continue;
    if (before === after) continue;
    if (isPlainObject(before) && isPlainObject(after)) {
      const sub = diffMergePatch(before, after);
      if (sub) {
        define(patch, key, sub);
        changed = true;
      }
    } else if (!jsonEqual(before, after)) {
      define(patch, key, after);
      changed = true;
    }
  }
  for (const key of Object.keys(prev)) {
    if (prev[key] !== undefined && own(next, key) === undefined) {
      define(patch, key, null);
      changed = true;
    }
  }
  return changed ? patch : undefined;
}

/**
 * Applies a patch without mutating the target. Untouched branches keep their identity, so a UI
 * can skip re-rendering every row whose car object did not change.
 */
export function applyMergePatch<T>(target: T, patch: unknown): T {
  if (!isPlainObject(patch)) return patch as T;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else define(result, key, applyMergePatch(own(result, key), value));
  }
  return result as T;
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    return (
      keys.length === Object.keys(b).filter((k) => b[k] !== undefined).length &&
      keys.every((k) => jsonEqual(a[k], own(b, k)))
    );
  }
  return false;
}

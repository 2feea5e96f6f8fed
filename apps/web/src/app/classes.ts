import type { ClassInfo } from '@pitwall/shared';

/**
 * The class a link asks for, matched without regard to case (`?class=masters` is MASTERS).
 * A class the session does not have is named back, so the screen can say so instead of going blank.
 */
export function resolveClass(
  classes: readonly ClassInfo[],
  wanted: string | undefined,
): { classId: string | undefined; unknown?: string } {
  if (wanted === undefined || wanted === '') return { classId: undefined };
  const lower = wanted.toLowerCase();
  const found = classes.find((c) => c.id.toLowerCase() === lower || c.name.toLowerCase() === lower);
  return found ? { classId: found.id } : { classId: undefined, unknown: wanted };
}

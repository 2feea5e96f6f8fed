import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * For the tests: the official timing files live in the shared material beside the project
 * (`../shared`), which a fresh clone may not have. Tests skip without it, except under CI,
 * which always has it, so there a missing folder fails instead of silently passing.
 */
const ALKAMEL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..', '../shared/data/alkamel');

export const alkamelDataPresent = existsSync(ALKAMEL_DIR);

export const skipWithoutAlkamelData = !alkamelDataPresent && !process.env.CI;

if (skipWithoutAlkamelData) {
  console.warn(`Al Kamel timing-file tests skipped: ${ALKAMEL_DIR} is absent (set CI to make it required).`);
}

export function readAlkamelFile(name: string): string {
  if (!alkamelDataPresent) throw new Error(`${ALKAMEL_DIR} is absent, and CI requires the shared material`);
  return readFileSync(path.join(ALKAMEL_DIR, name), 'utf8');
}

/** The two 2024 IMSA WeatherTech races of the shared material, mapped to the class ids these tests use. */
export const IMSA_CLASS_MAP: ReadonlyMap<string, string> = new Map([
  ['LMP2', 'lmp2'],
  ['GTDPRO', 'gtd-pro'],
  ['GTD', 'gtd'],
]);

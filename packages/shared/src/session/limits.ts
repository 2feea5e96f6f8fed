import { z } from 'zod';

/**
 * The bounds on everything a feed controls. Each is far beyond any real race, and each keeps
 * what one session can cost (memory, time per update) small and known. docs/protocol.md lists them.
 */
export const LIMITS = {
  /** Cars in one session, and so the highest position. */
  cars: 250,
  classes: 20,
  /** Laps of one car: several times the most any 24-hour race has run (Daytona, about 800). */
  laps: 5_000,
  /** Race time, time remaining, elapsed: a week, for a 24-hour race with any stoppage. */
  raceTimeMs: 7 * 24 * 3_600_000,
  /** One lap, red-flag stoppage included. */
  lapTimeMs: 24 * 3_600_000,
  /** Round and race numbers of a season. */
  racesInSeason: 100,
  /**
   * A feed's update counter. 2^50: room for a counter or epoch milliseconds, and exact for `+ 1`
   * (2^53 is not). A session whose feed reaches it takes no later update: archive it and start another.
   */
  seq: 2 ** 50,
} as const;

/**
 * Characters that change how text around them is shown without being seen: controls, bidirectional
 * overrides and isolates (U+202E turns "Smith" into "htimS"), zero-width marks, and halves of
 * surrogate pairs that have lost their other half.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point of this one
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const INVISIBLE =
  /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as it is safe to show: controls become spaces, invisible marks go, spaces are collapsed. */
export function cleanText(text: string): string {
  return text.replace(CONTROLS, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** A name shown to viewers: cleaned, then still at least one character when required. */
export function displayText(max: number, options: { optional: boolean } = { optional: false }) {
  const cleaned = z.string().max(max).transform(cleanText);
  return options.optional
    ? cleaned
    : cleaned.pipe(z.string().min(1, 'must have a visible character (control and invisible ones are taken out)'));
}

/** A key (car number, class id): taken as sent, so it must be clean already; a cleaned key would be another key. */
export function identifier(max: number) {
  return z
    .string()
    .min(1)
    .max(max)
    .refine((text) => text === cleanText(text), {
      message: 'control, invisible or bidirectional characters, or spaces at either end, are not allowed',
    });
}

/** Colours are hex only: any other CSS colour syntax can carry `url(...)`, which every viewer's browser would fetch. */
export const colourSchema = z
  .string()
  .regex(/^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i, 'must be a hex colour such as #ff5a5f');

/** A whole number from `min` to `max`, with the bound in the message. */
export function boundedInt(min: number, max: number) {
  return z.number().int().min(min).max(max);
}

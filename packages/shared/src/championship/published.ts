import { z } from 'zod';
import type { StandingRow } from './standings';

/**
 * Standings tables as a series published them (packages/shared/src/championship/published/*.json),
 * each dated by the race it was captured after, so the engine can be held to every one of them.
 */

export const publishedRowSchema = z.object({
  position: z.number().int().positive(),
  /** As the championship names competitors: driver name, car number, entrant or manufacturer. */
  competitor: z.string().min(1),
  points: z.number().int(),
});
export type PublishedRow = z.infer<typeof publishedRowSchema>;

/**
 * A published row the transcribed season cannot reproduce because the source contradicts itself.
 * It records what the engine computes instead, so the entry fails as soon as either side changes.
 */
export const knownDiscrepancySchema = z.object({
  competitor: z.string().min(1),
  /** The published total, quoted so a retyped row cannot silently keep an old explanation. */
  published: z.number().int(),
  computed: z.number().int(),
  /** Only when the engine also places the competitor elsewhere than the published position. */
  computedPosition: z.number().int().positive().optional(),
  reason: z.string().min(1),
});
export type KnownDiscrepancy = z.infer<typeof knownDiscrepancySchema>;

export const publishedTableSchema = z
  .object({
    championship: z.string().min(1),
    /** The last race the table counts: its last filled race column, not the end of the season. */
    afterRace: z.number().int().positive(),
    rows: z.array(publishedRowSchema).min(1),
    knownDiscrepancies: z.array(knownDiscrepancySchema).default([]),
  })
  .superRefine((table, ctx) => {
    const issue = (message: string) =>
      ctx.addIssue({ code: 'custom', message: `${table.championship} after race ${table.afterRace}: ${message}` });
    const seen = new Set<string>();
    for (const { competitor } of table.rows) {
      if (seen.has(competitor)) issue(`${competitor} has two rows`);
      seen.add(competitor);
    }
    const listed = new Set<string>();
    for (const discrepancy of table.knownDiscrepancies) {
      const { competitor, published, computed, computedPosition } = discrepancy;
      if (listed.has(competitor)) issue(`${competitor} is listed twice as a discrepancy`);
      listed.add(competitor);
      const row = table.rows.find((r) => r.competitor === competitor);
      if (row === undefined) {
        issue(`discrepancy names ${competitor}, who has no row`);
      } else if (published !== row.points) {
        issue(`discrepancy quotes ${published} points for ${competitor}, the row has ${row.points}`);
      } else if (computed === row.points && (computedPosition ?? row.position) === row.position) {
        // A discrepancy identical to its row would pass whether or not the engine reproduces it.
        issue(`discrepancy for ${competitor} expects exactly the published row: remove it`);
      }
    }
  });
export type PublishedTable = z.infer<typeof publishedTableSchema>;

export const publishedStandingsSchema = z
  .object({
    seriesId: z.string().min(1),
    tables: z.array(publishedTableSchema).min(1),
  })
  .superRefine(({ tables }, ctx) => {
    const dated = tables.map((table) => `${table.championship} after race ${table.afterRace}`);
    const twice = dated.find((key, i) => dated.indexOf(key) !== i);
    if (twice !== undefined) ctx.addIssue({ code: 'custom', message: `${twice} is published twice` });
  });
export type PublishedStandings = z.infer<typeof publishedStandingsSchema>;

/**
 * Every way the computed standings fail to reproduce a published table: a row that differs and is
 * not a known discrepancy, or a known discrepancy the engine no longer computes. Empty when the
 * table is reproduced. Computed competitors the table leaves out are not its concern.
 */
export function reproductionMismatches(table: PublishedTable, computed: readonly StandingRow[]): string[] {
  return table.rows.flatMap((row) => {
    const mine = computed.find((standing) => standing.competitor === row.competitor);
    if (mine === undefined) return [`${row.competitor}: published P${row.position}, not in the computed standings`];
    const known = table.knownDiscrepancies.find((d) => d.competitor === row.competitor);
    const expected =
      known === undefined ? row : { position: known.computedPosition ?? row.position, points: known.computed };
    if (mine.position === expected.position && mine.points === expected.points) return [];
    const was = known === undefined ? 'published' : 'known discrepancy expects';
    return [
      `${row.competitor}: ${was} P${expected.position} on ${expected.points} points, computed P${mine.position} on ${mine.points}`,
    ];
  });
}

import { feedUpdateSchema } from '@pitwall/shared';
import { describe, expect, it } from 'vitest';
import { parseLine } from './parser';
import { createSessionBuilder } from './session-builder';
import {
  ORBITS_MOCK,
  SEBRING_2009,
  capturesAvailable,
  createMapIngest,
  readCapture,
} from '../../test-support/rmonitor';
import { mulberry32 } from '@pitwall/shared';

/** Damage real feeds do to lines: cut short, run together, bytes lost or flipped, fields moved. */
function mutate(lines: string[], random: () => number): string[] {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const out: string[] = [];
  for (const line of lines) {
    const roll = random();
    if (roll < 0.75) out.push(line);
    else if (roll < 0.8) out.push(line.slice(0, Math.floor(random() * line.length)));
    else if (roll < 0.84) out.push(line.slice(0, Math.floor(random() * line.length)) + pick(lines));
    else if (roll < 0.88) {
      const at = Math.floor(random() * line.length);
      out.push(line.slice(0, at) + line.slice(at + 1 + Math.floor(random() * 4)));
    } else if (roll < 0.92) {
      const at = Math.floor(random() * line.length);
      out.push(line.slice(0, at) + pick(['"', ',', '$', '9', '-', ':', '\u0000', 'é', '$G,', '""']) + line.slice(at));
    } else if (roll < 0.96) {
      const fields = line.split(',');
      const [i, j] = [Math.floor(random() * fields.length), Math.floor(random() * fields.length)];
      [fields[i], fields[j]] = [fields[j]!, fields[i]!];
      out.push(fields.join(','));
    } else {
      out.push(line, line);
    }
  }
  return out;
}

describe.skipIf(!capturesAvailable())('mutated and truncated capture lines', () => {
  for (const [capture, seeds] of [
    [ORBITS_MOCK, [1, 2, 3, 4, 5, 6, 7, 8]],
    [SEBRING_2009, [11, 12]],
  ] as const) {
    it(`${capture}: never throws, every update is schema-valid with positions 1..N`, () => {
      const lines = readCapture(capture).split(/\r?\n/);
      let rejected = 0;
      let updates = 0;
      for (const seed of seeds) {
        const builder = createSessionBuilder({
          sessionId: `fuzz-${seed}`,
          seriesId: 'test',
          event: 'Fuzz',
          name: 'Session',
        });
        const { ingest, sessions } = createMapIngest();
        const check = (update: ReturnType<typeof builder.flush>) => {
          if (!update) return;
          updates += 1;
          expect(feedUpdateSchema.safeParse(update).success).toBe(true);
          expect(ingest(update)).toMatchObject({ status: 'accepted' });
          const positions = [...sessions.get(update.sessionId)!.cars.values()].map((car) => car.position);
          expect(positions.sort((a, b) => a - b)).toEqual(positions.map((_, i) => i + 1));
        };
        for (const line of mutate(lines, mulberry32(seed))) {
          for (const record of parseLine(line)) {
            if (record.kind === 'rejected') {
              rejected += 1;
              continue;
            }
            const { update, problem } = builder.push(record);
            if (problem) rejected += 1;
            check(update);
          }
        }
        check(builder.flush());
      }
      expect(rejected).toBeGreaterThan(0);
      expect(updates).toBeGreaterThan(0);
    });
  }
});

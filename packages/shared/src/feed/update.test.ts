import { describe, expect, it } from 'vitest';
import { feedUpdateSchema } from './update';
import { fullUpdate } from '../test-support/sessions';

describe('feedUpdateSchema', () => {
  it('accepts a full running order', () => {
    expect(feedUpdateSchema.safeParse(fullUpdate(1)).success).toBe(true);
  });

  it('names the field at fault', () => {
    const bad = fullUpdate(1) as unknown as { cars: { position: unknown }[] };
    bad.cars[2]!.position = 0;
    const result = feedUpdateSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['cars', 2, 'position']);
  });

  it('rejects an unknown update type and a negative seq', () => {
    expect(feedUpdateSchema.safeParse({ ...fullUpdate(1), type: 'merge' }).success).toBe(false);
    expect(feedUpdateSchema.safeParse({ ...fullUpdate(1), seq: -1 }).success).toBe(false);
  });

  it('rejects a flag the model does not know', () => {
    expect(
      feedUpdateSchema.safeParse({ type: 'patch', sessionId: 's', seq: 1, session: { flag: 'purple' } }).success,
    ).toBe(false);
  });
});

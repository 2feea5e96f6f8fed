import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues } from './describe-issues';

describe('describeIssues', () => {
  it('names each field by its path, the input itself by the given word, and stops at five', () => {
    const schema = z.object({ cars: z.array(z.object({ position: z.number().positive() })) }).strict();
    const refused = schema.safeParse({ cars: [{ position: 0 }], pad: 1 });
    expect(refused.success).toBe(false);
    expect(describeIssues(refused.error!.issues, 'settings')).toBe(
      'cars.0.position: Too small: expected number to be >0; settings: Unrecognized key: "pad"',
    );
    const many = Array.from({ length: 7 }, (_, i) => ({ path: [`f${i}`], message: 'bad' }));
    expect(describeIssues(many).split('; ')).toHaveLength(5);
    expect(describeIssues([{ path: [], message: 'Invalid input' }])).toBe('update: Invalid input');
  });
});

import { describe, expect, it } from 'vitest';
import { replayControlSchema } from './http-requests';

describe('replayControlSchema', () => {
  it('takes pause, resume and a positive finite speed', () => {
    expect(replayControlSchema.parse({ action: 'pause' })).toEqual({ action: 'pause' });
    expect(replayControlSchema.parse({ action: 'resume' })).toEqual({ action: 'resume' });
    expect(replayControlSchema.parse({ action: 'speed', speed: 20 })).toEqual({ action: 'speed', speed: 20 });
  });

  it('refuses a speed of 0, negative or infinite, an unknown action and unknown fields', () => {
    for (const speed of [0, -1, Number.POSITIVE_INFINITY])
      expect(replayControlSchema.safeParse({ action: 'speed', speed }).success).toBe(false);
    expect(replayControlSchema.safeParse({ action: 'rewind' }).success).toBe(false);
    expect(replayControlSchema.safeParse({ action: 'pause', speed: 2 }).success).toBe(false);
  });
});

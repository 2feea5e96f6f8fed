import { describe, expect, it } from 'vitest';
import { describeIssues } from '../validation/describe-issues';
import {
  carDecisionSchema,
  confirmRequestSchema,
  decisionRequestSchema,
  decisionSchema,
  raceControlActionSchema,
  rescindRequestSchema,
} from './decision';

const refusal = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? undefined : describeIssues(result.error!.issues, 'request');

describe('decision requests', () => {
  it('need an official and a reason, trimmed', () => {
    const request = { author: ' Chief Steward ', reason: ' contact ', decision: { kind: 'exclusion', car: '7' } };
    expect(decisionRequestSchema.parse(request)).toEqual({
      author: 'Chief Steward',
      reason: 'contact',
      decision: { kind: 'exclusion', car: '7' },
    });
    expect(refusal(decisionRequestSchema.safeParse({ ...request, author: '  ', reason: '' }))).toBe(
      'author: name the official deciding; reason: give the reason',
    );
  });

  it('let a confirmation go without a reason, but not a rescind', () => {
    expect(confirmRequestSchema.parse({ author: 'Chief Steward' })).toEqual({ author: 'Chief Steward' });
    expect(rescindRequestSchema.safeParse({ author: 'Chief Steward' }).success).toBe(false);
  });
});

describe('decisions', () => {
  it('bound penalties to what a race could need', () => {
    expect(decisionSchema.safeParse({ kind: 'time-penalty', car: '7', seconds: 35 }).success).toBe(true);
    for (const seconds of [0, -5, 86_401])
      expect(decisionSchema.safeParse({ kind: 'time-penalty', car: '7', seconds }).success).toBe(false);
    expect(decisionSchema.safeParse({ kind: 'lap-penalty', car: '7', laps: 1.5 }).success).toBe(false);
    expect(decisionSchema.safeParse({ kind: 'drop-positions', car: '7', positions: 0 }).success).toBe(false);
  });

  it('refuses a points adjustment of 0 points', () => {
    const adjustment = { kind: 'points-adjustment', championship: 'drivers', competitor: 'A Driver' };
    expect(decisionSchema.safeParse({ ...adjustment, points: -10 }).success).toBe(true);
    expect(refusal(decisionSchema.safeParse({ ...adjustment, points: 0 }))).toBe('points: points must not be 0');
  });

  it('refuses a decision kind it does not know, naming the field', () => {
    expect(refusal(decisionSchema.safeParse({ kind: 'warning', car: '7' }))).toMatch(/^kind: /);
  });

  it('keeps points adjustments out of the decisions that move cars', () => {
    expect(carDecisionSchema.options.map((option) => option.shape.kind.value)).toEqual([
      'time-penalty',
      'lap-penalty',
      'drop-positions',
      'back-of-class',
      'exclusion',
      'correction',
    ]);
    expect(
      carDecisionSchema.safeParse({ kind: 'points-adjustment', championship: 'd', competitor: 'x', points: 1 }).success,
    ).toBe(false);
  });

  it('takes rescinds and confirmations as race-control actions besides the decisions', () => {
    expect(raceControlActionSchema.parse({ kind: 'rescind', decisionId: 2 })).toEqual({
      kind: 'rescind',
      decisionId: 2,
    });
    expect(raceControlActionSchema.parse({ kind: 'confirm' })).toEqual({ kind: 'confirm' });
    expect(raceControlActionSchema.safeParse({ kind: 'rescind', decisionId: 0 }).success).toBe(false);
  });
});

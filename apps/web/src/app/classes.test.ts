import { describe, expect, it } from 'vitest';
import { resolveClass } from './classes';

const classes = [
  { id: 'PRO', name: 'Pro' },
  { id: 'PROAM', name: 'Pro-Am' },
  { id: 'MASTERS', name: 'Masters' },
];

describe('class in a link', () => {
  it('matches ids and names without regard to case', () => {
    expect(resolveClass(classes, 'masters')).toEqual({ classId: 'MASTERS' });
    expect(resolveClass(classes, 'ProAm')).toEqual({ classId: 'PROAM' });
    expect(resolveClass(classes, 'pro-am')).toEqual({ classId: 'PROAM' });
  });
  it('names a class the session does not have', () => {
    expect(resolveClass(classes, 'GT3')).toEqual({ classId: undefined, unknown: 'GT3' });
    expect(resolveClass(classes, undefined)).toEqual({ classId: undefined });
  });
});

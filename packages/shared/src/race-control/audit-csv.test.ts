import { describe, expect, it } from 'vitest';
import { auditTrailCsv } from './audit-csv';
import type { AuditEntry } from './race-control';

const entries: AuditEntry[] = [
  {
    id: 1,
    atMs: Date.UTC(2024, 7, 24, 18, 5, 0),
    author: 'Chief Steward',
    reason: 'Contact, causing a collision, "turn 1"',
    action: { kind: 'back-of-class', car: '27' },
    changes: [
      {
        number: '12',
        classId: 'gtd',
        from: { position: 18, classPosition: 10 },
        to: { position: 17, classPosition: 9 },
      },
      {
        number: '27',
        classId: 'gtd',
        from: { position: 6, classPosition: 2 },
        to: { position: 22, classPosition: 14 },
      },
    ],
    rescindedBy: 2,
  },
  {
    id: 2,
    atMs: Date.UTC(2024, 7, 24, 18, 6, 0),
    author: '=HYPERLINK("x")',
    reason: 'appeal upheld',
    action: { kind: 'rescind', decisionId: 1 },
    changes: [],
  },
];

describe('auditTrailCsv', () => {
  it('writes one row per entry with its changes, quoting where needed and defusing formulas', () => {
    expect(auditTrailCsv(entries).split('\r\n')).toEqual([
      'id,time,author,action,car,detail,reason,positions changed,rescinded by',
      '1,2024-08-24T18:05:00.000Z,Chief Steward,back-of-class,27,to the back of its class,"Contact, causing a collision, ""turn 1""",#12 P18 (class P10) -> P17 (class P9); #27 P6 (class P2) -> P22 (class P14),2',
      `2,2024-08-24T18:06:00.000Z,"'=HYPERLINK(""x"")",rescind,,rescinds decision 1,appeal upheld,,`,
      '',
    ]);
  });
});

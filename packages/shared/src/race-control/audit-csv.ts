import type { RaceControlAction } from './decision';
import type { AuditEntry, PositionChange } from './race-control';

const COLUMNS = ['id', 'time', 'author', 'action', 'car', 'detail', 'reason', 'positions changed', 'rescinded by'];

/** The audit trail as a CSV file (RFC 4180, UTC times) for the stewards' records. */
export function auditTrailCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((entry) => [
    String(entry.id),
    new Date(entry.atMs).toISOString(),
    entry.author,
    entry.action.kind,
    'car' in entry.action ? entry.action.car : '',
    describeAction(entry.action),
    entry.reason,
    entry.changes.map(describeChange).join('; '),
    entry.rescindedBy === undefined ? '' : String(entry.rescindedBy),
  ]);
  return [COLUMNS, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The decision in words, as the audit trail shows it. */
export function describeAction(action: RaceControlAction): string {
  switch (action.kind) {
    case 'time-penalty':
      return `${action.seconds} s added to race time`;
    case 'lap-penalty':
      return `${action.laps} ${action.laps === 1 ? 'lap' : 'laps'} taken`;
    case 'drop-positions':
      return `down ${action.positions} in class`;
    case 'back-of-class':
      return 'to the back of its class';
    case 'exclusion':
      return 'excluded';
    case 'correction':
      return (['laps', 'classId', 'driver', 'number'] as const)
        .filter((field) => action[field] !== undefined)
        .map((field) => `${field} ${action[field]}`)
        .join(', ');
    case 'points-adjustment':
      return action.points > 0
        ? `${action.points} points added to ${action.competitor} in ${action.championship}`
        : `${-action.points} points taken from ${action.competitor} in ${action.championship}`;
    case 'rescind':
      return `rescinds decision ${action.decisionId}`;
    case 'confirm':
      return 'result confirmed official';
  }
}

function describeChange(change: PositionChange): string {
  const from = change.from ? `P${change.from.position} (class P${change.from.classPosition})` : 'new';
  return `#${change.number} ${from} -> P${change.to.position} (class P${change.to.classPosition})`;
}

/** Quoted when needed; a leading = + - @ is prefixed so a spreadsheet never runs it as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

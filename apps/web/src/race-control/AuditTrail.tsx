import { useState } from 'react';
import { describeAction, type AuditEntry, type PositionChange } from '@pitwall/shared';
import { useLive } from '../live/store';
import { auditCsvUrl, refusal, useCredential, useRaceControlActions } from './api';

const time = (atMs: number) =>
  new Date(atMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Entries in the order race control took them; the audit is keyed by id as text. */
export function useAuditEntries(): AuditEntry[] {
  const audit = useLive((s) => s.live?.view.raceControl?.audit);
  return audit ? Object.values(audit).sort((a, b) => a.id - b.id) : [];
}

function Change({ change }: { change: PositionChange }) {
  const moved = change.from
    ? `P${change.from.position} → P${change.to.position} (class P${change.from.classPosition} → P${change.to.classPosition})`
    : `new at P${change.to.position}`;
  const worse = change.from !== undefined && change.to.position > change.from.position;
  return (
    <li className={worse ? 'down' : 'up'}>
      <b>#{change.number}</b> {moved}
    </li>
  );
}

/**
 * The cars the decision was about first; the others it moved (a whole class closing up behind a
 * penalised car) folded away, counted, so the line that matters is read first.
 */
function Changes({ entry }: { entry: AuditEntry }) {
  const decided = 'car' in entry.action ? entry.action.car : undefined;
  const main = entry.changes.filter((change) => change.number === decided);
  const others = entry.changes.filter((change) => change.number !== decided);
  const shown = main.length > 0 ? main : others;
  const folded = main.length > 0 ? others : [];
  return (
    <div className="audit-changes" aria-label="Positions changed">
      <ul>
        {shown.map((change) => (
          <Change key={change.number} change={change} />
        ))}
      </ul>
      {folded.length > 0 && (
        <details>
          <summary>
            {folded.length} other {folded.length === 1 ? 'car' : 'cars'} moved
          </summary>
          <ul>
            {folded.map((change) => (
              <Change key={change.number} change={change} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/**
 * Every decision, rescind and confirmation in order, with what it moved. With the credential,
 * a decision still in force can be rescinded from its line.
 */
export function AuditTrail({ sessionId, canDecide }: { sessionId: string; canDecide: boolean }) {
  const entries = useAuditEntries();
  return (
    <section className="rc-card audit" aria-label="Audit trail">
      <div className="audit-head">
        <h2>Audit trail</h2>
        <a className="csv-link" href={auditCsvUrl(sessionId)} download>
          Export CSV
        </a>
      </div>
      {entries.length === 0 ? (
        <p className="muted">No decisions on this session.</p>
      ) : (
        <ol className="audit-list">
          {entries.map((entry) => (
            <AuditLine key={entry.id} entry={entry} sessionId={sessionId} canDecide={canDecide} />
          ))}
        </ol>
      )}
    </section>
  );
}

function AuditLine({ entry, sessionId, canDecide }: { entry: AuditEntry; sessionId: string; canDecide: boolean }) {
  const rescindable =
    canDecide && entry.rescindedBy === undefined && entry.action.kind !== 'rescind' && entry.action.kind !== 'confirm';
  const car = 'car' in entry.action ? `#${entry.action.car} ` : '';
  return (
    <li
      className={`audit-entry kind-${entry.action.kind} ${entry.rescindedBy !== undefined ? 'rescinded' : ''}`}
      data-entry={entry.id}
    >
      <div className="audit-line">
        <span className="audit-id">{entry.id}</span>
        <span className="audit-time">{time(entry.atMs)}</span>
        <span className="audit-what">
          {car}
          {describeAction(entry.action)}
        </span>
        <span className="audit-author">{entry.author}</span>
        {entry.rescindedBy !== undefined && <span className="audit-rescinded">RESCINDED by {entry.rescindedBy}</span>}
      </div>
      <p className="audit-reason">{entry.reason}</p>
      {entry.changes.length > 0 && <Changes entry={entry} />}
      {rescindable && <RescindControl sessionId={sessionId} decisionId={entry.id} />}
    </li>
  );
}

function RescindControl({ sessionId, decisionId }: { sessionId: string; decisionId: number }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const author = useCredential((s) => s.author);
  const { rescind } = useRaceControlActions(sessionId);
  const error = refusal(rescind.error);
  if (!open)
    return (
      <button className="rescind-open" onClick={() => setOpen(true)}>
        Rescind…
      </button>
    );
  return (
    <form
      className="rescind-form"
      onSubmit={(e) => {
        e.preventDefault();
        rescind.mutate({ decisionId, author, reason }, { onSuccess: () => setOpen(false) });
      }}
    >
      <input
        aria-label={`Reason to rescind decision ${decisionId}`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder="reason, e.g. appeal upheld"
      />
      <button type="submit" className="danger" disabled={rescind.isPending}>
        Rescind decision {decisionId}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error && (
        <p className="rc-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

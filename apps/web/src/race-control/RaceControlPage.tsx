import { useState } from 'react';
import type { SessionResultStatus } from '@pitwall/shared';
import { useLive } from '../live/store';
import { useClassView } from '../app/useClassView';
import { Tower } from '../tower/Tower';
import { ClassTabs } from '../session/ClassTabs';
import { refusal, useCredential, useCredentialCheck, useRaceControlActions } from './api';
import { DecisionForm } from './DecisionForm';
import { AuditTrail } from './AuditTrail';
import { ResultStatusTag } from './ResultStatusTag';
import { SessionsCard } from './SessionsCard';
import { TokenForm } from './TokenForm';

/**
 * Race control's desk: the running order as decisions leave it, the decision form, the result's
 * status and its confirmation, and the audit trail. Without the race-control token it shows the
 * trail only; the server refuses decisions from anyone else whatever the page shows. Below, the
 * sessions card archives and deletes sessions with the feed token.
 */
export function RaceControlPage({ sessionId }: { sessionId: string }) {
  const token = useCredential((s) => s.token);
  const check = useCredentialCheck();
  const { classId } = useClassView();
  const canDecide = token !== undefined && check.isSuccess;
  return (
    <div className="rc-page">
      <div className="rc-order">
        <ClassTabs />
        <Tower classId={classId} layout="desk" />
      </div>
      <div className="rc-desk">
        {canDecide ? <SignedIn sessionId={sessionId} /> : <SignIn />}
        {canDecide && <DecisionForm sessionId={sessionId} />}
        <AuditTrail sessionId={sessionId} canDecide={canDecide} />
        <SessionsCard />
      </div>
    </div>
  );
}

function SignIn() {
  const token = useCredential((s) => s.token);
  const signIn = useCredential((s) => s.signIn);
  const signOut = useCredential((s) => s.signOut);
  const check = useCredentialCheck();
  return (
    <TokenForm
      title="Race control"
      tokenName="race-control token"
      hint="Decisions need the race-control token. It stays in this tab only."
      onToken={signIn}
    >
      {token && check.isPending && <p className="muted">Checking the token…</p>}
      {token && check.isError && (
        <p className="rc-error" role="alert">
          {refusal(check.error)}{' '}
          <button type="button" onClick={signOut}>
            Forget it
          </button>
        </p>
      )}
    </TokenForm>
  );
}

function SignedIn({ sessionId }: { sessionId: string }) {
  const status = useLive((s) => s.live?.view.raceControl?.resultStatus);
  const signOut = useCredential((s) => s.signOut);
  return (
    <section className="rc-card rc-status" aria-label="Result">
      <div className="rc-status-line">
        <span>Result</span>
        {status && <ResultStatusTag status={status} />}
        <button className="signout" onClick={signOut}>
          Sign out
        </button>
      </div>
      {status && <ConfirmResult sessionId={sessionId} status={status} />}
    </section>
  );
}

/** Two steps, so that an official result is never one stray click away. */
function ConfirmResult({ sessionId, status }: { sessionId: string; status: SessionResultStatus }) {
  const [asked, setAsked] = useState(false);
  const author = useCredential((s) => s.author);
  const { confirm } = useRaceControlActions(sessionId);
  const error = refusal(confirm.error);
  const stored = confirm.data?.seasonResult;
  if (status === 'official')
    return (
      <p className="rc-ok" role="status">
        The result is official.
        {stored &&
          (stored.stored
            ? ` Stored as race ${stored.race} of the ${stored.year} ${stored.seriesId} season.`
            : ` Not stored for a season: ${stored.reason}.`)}{' '}
        A later decision makes it provisional again.
      </p>
    );
  return (
    <div className="confirm">
      {!asked ? (
        <button onClick={() => setAsked(true)} disabled={status === 'provisional'}>
          Confirm result…
        </button>
      ) : (
        <>
          <span>Make this classification official{author ? ` as ${author}` : ''}?</span>
          <button
            className="primary"
            onClick={() => confirm.mutate({ author }, { onSettled: () => setAsked(false) })}
            disabled={confirm.isPending}
          >
            Yes, make it official
          </button>
          <button onClick={() => setAsked(false)}>Cancel</button>
        </>
      )}
      {status === 'provisional' && (
        <span className="muted"> The result can be confirmed after the checkered flag.</span>
      )}
      {error && (
        <p className="rc-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

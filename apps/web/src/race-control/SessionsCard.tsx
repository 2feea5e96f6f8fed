import { useState } from 'react';
import type { SessionSummary } from '@pitwall/shared';
import { useLive } from '../live/store';
import { useSelection } from '../app/selection';
import { refusal, useArchivedSessions, useFeedCredential, useSessionLifecycle } from './api';
import { TokenForm } from './TokenForm';

/**
 * Which sessions viewers are offered: archive a finished one (out of the list, still open for
 * review), bring it back, or delete it for good. The server asks for the feed token.
 */
export function SessionsCard() {
  const token = useFeedCredential((s) => s.token);
  const signIn = useFeedCredential((s) => s.signIn);
  if (!token)
    return (
      <TokenForm
        title="Sessions"
        tokenName="feed token"
        hint="Archiving and deleting sessions need the feed token. It stays in this tab only."
        submit="Use feed token"
        onToken={signIn}
      />
    );
  return <SessionAdmin />;
}

function SessionAdmin() {
  const live = useLive((s) => s.sessionList?.sessions) ?? [];
  const archived = useArchivedSessions();
  const signOut = useFeedCredential((s) => s.signOut);
  const select = useSelection((s) => s.select);
  const { archive, unarchive, remove } = useSessionLifecycle();
  const [deleting, setDeleting] = useState<string>();
  const failed = [archive, unarchive, remove].find((action) => action.isError);
  const busy = archive.isPending || unarchive.isPending || remove.isPending;
  const deleteButton = (id: string) =>
    deleting === id ? (
      <span className="confirm-delete">
        <span>Delete “{id}” for good, with its timing and decisions?</span>
        <button
          className="danger"
          disabled={busy}
          onClick={() => remove.mutate(id, { onSettled: () => setDeleting(undefined) })}
        >
          Yes, delete
        </button>
        <button onClick={() => setDeleting(undefined)}>Cancel</button>
      </span>
    ) : (
      <button onClick={() => setDeleting(id)} disabled={busy}>
        Delete…
      </button>
    );
  return (
    <section className="rc-card rc-sessions" aria-label="Sessions">
      <div className="rc-status-line">
        <h2>Sessions</h2>
        <button className="signout" onClick={signOut}>
          Forget feed token
        </button>
      </div>
      <ul aria-label="Live sessions">
        {live.map((session) => (
          <li key={session.id}>
            <SessionName session={session} />
            {session.demo ? (
              <span className="muted">built-in demo</span>
            ) : (
              <>
                <button onClick={() => archive.mutate(session.id)} disabled={busy}>
                  Archive
                </button>
                {deleteButton(session.id)}
              </>
            )}
          </li>
        ))}
      </ul>
      <h3>Archived</h3>
      {archived.data?.length === 0 && <p className="muted">No archived sessions.</p>}
      <ul aria-label="Archived sessions">
        {archived.data?.map((session) => (
          <li key={session.id}>
            <SessionName session={session} />
            <button onClick={() => select({ sessionId: session.id, page: 'review' })}>Review</button>
            <button onClick={() => unarchive.mutate(session.id)} disabled={busy}>
              Unarchive
            </button>
            {deleteButton(session.id)}
          </li>
        ))}
      </ul>
      {failed && (
        <p className="rc-error" role="alert">
          {refusal(failed.error, 'feed token')}
        </p>
      )}
    </section>
  );
}

function SessionName({ session }: { session: SessionSummary }) {
  return (
    <span className="rc-session-name">
      {session.event} · {session.name} <span className="muted">{session.id}</span>
    </span>
  );
}

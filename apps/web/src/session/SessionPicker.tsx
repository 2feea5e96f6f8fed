import { useLive } from '../live/store';
import { useSelection } from '../app/selection';

export function SessionPicker() {
  const sessions = useLive((s) => s.sessionList?.sessions);
  const sessionId = useSelection((s) => s.sessionId);
  const select = useSelection((s) => s.select);
  return (
    <label className="picker">
      <span className="visually-hidden">Session</span>
      <select
        aria-label="Session"
        value={sessionId ?? ''}
        onChange={(e) => select({ sessionId: e.target.value || undefined })}
      >
        {!sessionId && <option value="">Choose a session…</option>}
        {sessionId && !sessions?.some((s) => s.id === sessionId) && <option value={sessionId}>{sessionId}</option>}
        {sessions?.map((s) => (
          <option key={s.id} value={s.id}>
            {s.event} · {s.name}
            {s.demo ? ' (demo)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { ReplayControl, ReplayState } from '@pitwall/shared';
import { useLive } from '../live/store';
import { clock } from '../app/format';
import { requestJson } from '../app/http';

const SPEEDS = [1, 5, 20, 60];
const TOKEN_KEY = 'pitwall.feedToken';

function sendControl(sessionId: string, token: string, control: ReplayControl): Promise<ReplayState> {
  return requestJson<ReplayState>(`/api/sessions/${encodeURIComponent(sessionId)}/replay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(control),
  });
}

/** Pause and speed for a replayed session. Writing needs the feed token, kept in this browser. */
export function ReplayControls() {
  const sessionId = useLive((s) => s.sessionId);
  const replay = useLive((s) => s.health?.replay);
  const [token, setToken] = useState(() => localStorage.getItem(TOKEN_KEY) ?? '');
  const control = useMutation({
    mutationFn: (c: ReplayControl) => sendControl(sessionId!, token, c),
    onSuccess: () => localStorage.setItem(TOKEN_KEY, token),
  });
  if (!replay || !sessionId) return null;
  return (
    <div className="replay-controls" aria-label="Replay">
      <span className="replay-position">
        REPLAY {clock(replay.positionMs)} / {clock(replay.durationMs)}
        {replay.finished ? ' · ended' : ''}
      </span>
      <button
        onClick={() => control.mutate(replay.paused ? { action: 'resume' } : { action: 'pause' })}
        disabled={replay.finished}
      >
        {replay.paused ? 'Resume' : 'Pause'}
      </button>
      {SPEEDS.map((speed) => (
        <button
          key={speed}
          aria-pressed={replay.speed === speed}
          onClick={() => control.mutate({ action: 'speed', speed })}
        >
          {speed}×
        </button>
      ))}
      <input
        type="password"
        placeholder="feed token"
        aria-label="Feed token"
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      {control.error && <span className="replay-error">{control.error.message}</span>}
    </div>
  );
}

import { useLive } from '../live/store';

const LABEL = { connecting: 'CONNECTING', live: 'LIVE', reconnecting: 'RECONNECTING', stale: 'STALE DATA' } as const;

export function ConnectionBadge() {
  const connection = useLive((s) => s.connection);
  return (
    <span
      className={`connection connection-${connection}`}
      role="status"
      aria-live="polite"
      data-connection={connection}
    >
      {LABEL[connection]}
    </span>
  );
}

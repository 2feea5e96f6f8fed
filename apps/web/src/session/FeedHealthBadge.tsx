import { useLive } from '../live/store';

/** After this long without an update from a running session's feed, race control should look. */
const QUIET_AFTER_MS = 15_000;

/** Rate, age of the last message and rejections of the followed session's feed. */
export function FeedHealthBadge() {
  const health = useLive((s) => s.health);
  const running = useLive((s) => s.copy?.view.info.status === 'running');
  if (!health) return null;
  const age = health.lastMessageAgeMs;
  const quiet = running && (age === undefined || age > QUIET_AFTER_MS) && !health.replay?.paused;
  const againstTimes = health.orderAgainstRaceTimes;
  const state = quiet ? 'quiet' : health.rejected > 0 ? 'rejecting' : againstTimes ? 'against-times' : 'ok';
  const lastRejection = health.lastRejections.at(-1);
  return (
    <details className={`feed-health feed-${state}`} data-feed-state={state}>
      <summary>
        FEED {health.messagesPerSecond.toFixed(1)}/s ·{' '}
        {age === undefined ? 'no data' : `${(age / 1000).toFixed(age < 10_000 ? 1 : 0)}s ago`}
        {health.rejected > 0 && ` · ${health.rejected} rejected`}
        {againstTimes && ` · ${againstTimes.count} out of time order`}
      </summary>
      <div className="feed-health-detail">
        {health.source && (
          <p>
            Source: {health.source.label}
            {'connection' in health.source ? ` (${health.source.connection})` : ''}
          </p>
        )}
        <p>
          Accepted {health.accepted} · ignored {health.ignored} · rejected {health.rejected}
        </p>
        {againstTimes && (
          <ul className="order-against-times">
            {againstTimes.cars.map((car) => (
              <li key={car.number}>
                #{car.number} is placed behind #{car.ahead} but crossed the line {(car.earlierMs / 1000).toFixed(3)} s
                earlier (shown as the feed orders them)
              </li>
            ))}
          </ul>
        )}
        {lastRejection ? (
          <ol className="rejections">
            {health.lastRejections
              .slice()
              .reverse()
              .map((rejection) => (
                <li key={`${rejection.atMs}-${rejection.reason}`}>
                  <time>{new Date(rejection.atMs).toLocaleTimeString()}</time> {rejection.source}: {rejection.reason}
                </li>
              ))}
          </ol>
        ) : (
          <p>No rejected updates.</p>
        )}
      </div>
    </details>
  );
}

import { useLive } from '../live/store';
import { STALE_AFTER_MS, ageText, useOrderAge } from '../live/staleness';

/** Says loudly how old the order is once the link or the feed has been quiet for a while. */
export function StaleBanner() {
  const age = useOrderAge();
  const linkDown = useLive((s) => s.connection !== 'live');
  if (age === undefined || age < STALE_AFTER_MS) return null;
  return (
    <div className="stale-banner" role="alert" data-testid="stale">
      <strong>ORDER IS {ageText(age)} OLD</strong>
      <span>{linkDown ? 'no link to the timing server' : 'no news from the timing feed'}</span>
    </div>
  );
}

/** True when the order should be shown dimmed. */
export function useStale(): boolean {
  const age = useOrderAge();
  return age !== undefined && age >= STALE_AFTER_MS;
}

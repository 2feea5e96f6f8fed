import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LapRecord, SessionView } from '@pitwall/shared';

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  const body = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `${response.status} ${response.statusText}`);
  return body;
}

const sessionPath = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}`;

/** While a race runs its history grows; a finished one is fetched once. */
const LIVE_REFRESH_MS = 20_000;

/** Every car's laps, for the lap and gap charts. */
export function useLapHistory(sessionId: string, running: boolean) {
  return useQuery({
    queryKey: ['laps', sessionId],
    queryFn: () =>
      getJson<{ cars: { number: string; laps: LapRecord[] }[] }>(`${sessionPath(sessionId)}/laps`).then((r) => r.cars),
    refetchInterval: running ? LIVE_REFRESH_MS : false,
    staleTime: running ? LIVE_REFRESH_MS : Infinity,
  });
}

/** A moment of the session: the end of a lap of the leader's, or a race time. */
export type Moment = { lap: number } | { raceTimeMs: number };

export interface SessionAt {
  lap: number;
  raceTimeMs?: number;
  view: SessionView;
}

/** The session as it stood at a moment, for this viewer only. */
export function useSessionAt(sessionId: string | undefined, moment: Moment | undefined) {
  const query = moment && ('lap' in moment ? `lap=${moment.lap}` : `raceTimeMs=${moment.raceTimeMs}`);
  return useQuery({
    queryKey: ['session-at', sessionId, query],
    queryFn: () => getJson<SessionAt>(`${sessionPath(sessionId!)}/at?${query}`),
    enabled: sessionId !== undefined && query !== undefined,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });
}

import { create } from 'zustand';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { AuditEntry, ConfirmRequest, DecisionRequest, RescindRequest, SessionResultStatus } from '@pitwall/shared';

/**
 * The race-control token lives in this tab's sessionStorage: never in the URL (it would end up in
 * history, logs and shared links) and gone when the tab closes.
 */
const TOKEN_KEY = 'pitwall.raceControlToken';
const AUTHOR_KEY = 'pitwall.raceControlAuthor';

interface Credential {
  token: string | undefined;
  /** The official's name, offered again as the author of the next decision. */
  author: string;
  signIn(token: string): void;
  signOut(): void;
  rememberAuthor(author: string): void;
}

export const useCredential = create<Credential>()((set) => ({
  token: sessionStorage.getItem(TOKEN_KEY) ?? undefined,
  author: sessionStorage.getItem(AUTHOR_KEY) ?? '',
  signIn: (token) => {
    sessionStorage.setItem(TOKEN_KEY, token);
    set({ token });
  },
  signOut: () => {
    sessionStorage.removeItem(TOKEN_KEY);
    set({ token: undefined });
  },
  rememberAuthor: (author) => {
    sessionStorage.setItem(AUTHOR_KEY, author);
    set({ author });
  },
}));

/** A refusal from the server, with its status and its own words. */
export class RaceControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'POST', url: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const answer = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new RaceControlError(response.status, answer.error ?? response.statusText);
  return answer;
}

/** Whether the server takes the token in this tab: decision controls are shown only when it does. */
export function useCredentialCheck() {
  const token = useCredential((s) => s.token);
  return useQuery({
    queryKey: ['race-control-credential', token],
    queryFn: () => call<{ ok: true }>('GET', '/api/race-control/credential', token!),
    enabled: token !== undefined,
    retry: (count, error) => !(error instanceof RaceControlError) && count < 2,
    staleTime: Infinity,
  });
}

interface Accepted {
  entry: AuditEntry;
  resultStatus: SessionResultStatus;
  seasonResult?: { stored: true; seriesId: string; year: number; race: number } | { stored: false; reason: string };
}

const sessionPath = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}`;

/**
 * Decisions, rescinds and the confirmation. Their effect reaches the screen the way every change
 * does, as a delta on the socket; the answer only says the server took it.
 */
export function useRaceControlActions(sessionId: string) {
  const token = useCredential((s) => s.token) ?? '';
  return {
    decide: useMutation({
      mutationFn: (request: DecisionRequest) =>
        call<Accepted>('POST', `${sessionPath(sessionId)}/decisions`, token, request),
    }),
    rescind: useMutation({
      mutationFn: ({ decisionId, ...request }: RescindRequest & { decisionId: number }) =>
        call<Accepted>('POST', `${sessionPath(sessionId)}/decisions/${decisionId}/rescind`, token, request),
    }),
    confirm: useMutation({
      mutationFn: (request: ConfirmRequest) =>
        call<Accepted>('POST', `${sessionPath(sessionId)}/confirm`, token, request),
    }),
  };
}

export const auditCsvUrl = (sessionId: string) => `${sessionPath(sessionId)}/audit.csv`;

/** "Refused (400): decision.seconds: Number must be greater than 0" */
export function refusal(error: Error | null): string | undefined {
  if (!error) return undefined;
  if (error instanceof RaceControlError) {
    const why =
      error.status === 401
        ? 'the race-control token was not accepted'
        : error.status === 403
          ? 'this token may not decide'
          : 'refused';
    return `${why} (${error.status}): ${error.message}`;
  }
  return `no answer from the server: ${error.message}`;
}

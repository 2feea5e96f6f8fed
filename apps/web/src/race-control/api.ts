import { create } from 'zustand';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ArchivedSessionListAnswer,
  ConfirmRequest,
  DecisionRequest,
  RaceControlAnswer,
  RescindRequest,
  SessionLifecycleAnswer,
} from '@pitwall/shared';

/**
 * Tokens live in this tab's sessionStorage: never in the URL (it would end up in history, logs
 * and shared links) and gone when the tab closes.
 */
const TOKEN_KEY = 'pitwall.raceControlToken';
const FEED_TOKEN_KEY = 'pitwall.feedToken';
const AUTHOR_KEY = 'pitwall.raceControlAuthor';

interface TokenHolder {
  token: string | undefined;
  signIn(token: string): void;
  signOut(): void;
}

interface Credential extends TokenHolder {
  /** The official's name, offered again as the author of the next decision. */
  author: string;
  rememberAuthor(author: string): void;
}

function storedToken(key: string, set: (change: Pick<TokenHolder, 'token'>) => void): TokenHolder {
  return {
    token: sessionStorage.getItem(key) ?? undefined,
    signIn: (token) => {
      sessionStorage.setItem(key, token);
      set({ token });
    },
    signOut: () => {
      sessionStorage.removeItem(key);
      set({ token: undefined });
    },
  };
}

export const useCredential = create<Credential>()((set) => ({
  ...storedToken(TOKEN_KEY, set),
  author: sessionStorage.getItem(AUTHOR_KEY) ?? '',
  rememberAuthor: (author) => {
    sessionStorage.setItem(AUTHOR_KEY, author);
    set({ author });
  },
}));

/** The feed token: archiving and deleting sessions need it, not the race-control token. */
export const useFeedCredential = create<TokenHolder>()((set) => storedToken(FEED_TOKEN_KEY, set));

/** A refusal from the server, with its status and its own words. */
export class RaceControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'POST' | 'DELETE', url: string, token: string, body?: unknown): Promise<T> {
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
        call<RaceControlAnswer>('POST', `${sessionPath(sessionId)}/decisions`, token, request),
    }),
    rescind: useMutation({
      mutationFn: ({ decisionId, ...request }: RescindRequest & { decisionId: number }) =>
        call<RaceControlAnswer>('POST', `${sessionPath(sessionId)}/decisions/${decisionId}/rescind`, token, request),
    }),
    confirm: useMutation({
      mutationFn: (request: ConfirmRequest) =>
        call<RaceControlAnswer>('POST', `${sessionPath(sessionId)}/confirm`, token, request),
    }),
  };
}

/**
 * Archiving, unarchiving and deleting sessions (feed token). The live list changes on the socket
 * like any list change; the archived list is asked for again after each action.
 */
export function useSessionLifecycle() {
  const token = useFeedCredential((s) => s.token) ?? '';
  const queryClient = useQueryClient();
  const onSettled = () => queryClient.invalidateQueries({ queryKey: ['archived-sessions'] });
  const path = (sessionId: string, suffix = '') => `${sessionPath(sessionId)}${suffix}`;
  return {
    archive: useMutation({
      mutationFn: (sessionId: string) => call<SessionLifecycleAnswer>('POST', path(sessionId, '/archive'), token),
      onSettled,
    }),
    unarchive: useMutation({
      mutationFn: (sessionId: string) => call<SessionLifecycleAnswer>('POST', path(sessionId, '/unarchive'), token),
      onSettled,
    }),
    remove: useMutation({
      mutationFn: (sessionId: string) => call<SessionLifecycleAnswer>('DELETE', path(sessionId), token),
      onSettled,
    }),
  };
}

export function useArchivedSessions() {
  return useQuery({
    queryKey: ['archived-sessions'],
    queryFn: async () => {
      const response = await fetch('/api/sessions?archived=true');
      if (!response.ok) throw new RaceControlError(response.status, response.statusText);
      return ((await response.json()) as ArchivedSessionListAnswer).sessions;
    },
  });
}

export const auditCsvUrl = (sessionId: string) => `${sessionPath(sessionId)}/audit.csv`;

/** "Refused (400): decision.seconds: Number must be greater than 0" */
export function refusal(error: Error | null, token = 'race-control token'): string | undefined {
  if (!error) return undefined;
  if (error instanceof RaceControlError) {
    const why =
      error.status === 401
        ? `the ${token} was not accepted`
        : error.status === 403
          ? 'this token may not decide'
          : 'refused';
    return `${why} (${error.status}): ${error.message}`;
  }
  return `no answer from the server: ${error.message}`;
}

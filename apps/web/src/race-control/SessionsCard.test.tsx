import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { SessionSummary } from '@pitwall/shared';
import { useLive } from '../live/store';
import { useFeedCredential } from './api';
import { SessionsCard } from './SessionsCard';

const summary = (id: string, demo = false) =>
  ({ id, event: 'Sebring', name: `Race ${id}`, demo }) as unknown as SessionSummary;

function showCard() {
  const calls: { method: string; url: string; authorization?: string }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      calls.push({ method: init?.method ?? 'GET', url, authorization: headers.authorization });
      const body = url.includes('archived=true') ? { sessions: [] } : { sessionId: 'sebring-race', state: 'deleted' };
      return new Response(JSON.stringify(body), { status: 200 });
    }),
  );
  act(() =>
    useLive.getState().receiveSessionList({ seq: 1, sessions: [summary('sebring-race'), summary('demo-r1', true)] }),
  );
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SessionsCard />
    </QueryClientProvider>,
  );
  return calls;
}

describe('the sessions card on the race-control page', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    act(() => useFeedCredential.getState().signOut());
  });

  it('asks for the feed token first', () => {
    showCard();
    expect(screen.getByLabelText('Feed token')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Archive' })).toBeNull();
  });

  it('deletes only once asked twice, with the feed token; the demo\u2019s sessions have no buttons', async () => {
    act(() => useFeedCredential.getState().signIn('feed-secret'));
    const calls = showCard();
    expect(screen.getAllByRole('button', { name: 'Archive' })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    expect(calls.filter((call) => call.method === 'DELETE')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() =>
      expect(calls.filter((call) => call.method === 'DELETE')).toEqual([
        { method: 'DELETE', url: '/api/sessions/sebring-race', authorization: 'Bearer feed-secret' },
      ]),
    );
  });
});

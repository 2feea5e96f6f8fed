import { create } from 'zustand';

/** What the screen shows. It lives in the URL so a view can be opened on a second screen by link. */
export interface Selection {
  sessionId: string | undefined;
  /** A class id, or undefined for the overall order. */
  classId: string | undefined;
  championshipId: string | undefined;
  select(change: Partial<Pick<Selection, 'sessionId' | 'classId' | 'championshipId'>>): void;
}

function fromUrl(): Pick<Selection, 'sessionId' | 'classId' | 'championshipId'> {
  const params = new URLSearchParams(window.location.search);
  return {
    sessionId: params.get('session') ?? undefined,
    classId: params.get('class') ?? undefined,
    championshipId: params.get('championship') ?? undefined,
  };
}

function toUrl(selection: Pick<Selection, 'sessionId' | 'classId' | 'championshipId'>): string {
  const params = new URLSearchParams();
  if (selection.sessionId) params.set('session', selection.sessionId);
  if (selection.classId) params.set('class', selection.classId);
  if (selection.championshipId) params.set('championship', selection.championshipId);
  const query = params.toString();
  return `${window.location.pathname}${query ? `?${query}` : ''}`;
}

export const useSelection = create<Selection>()((set, get) => ({
  ...fromUrl(),
  select: (change) => {
    const next = { ...get(), ...change };
    // A class belongs to a session: a new session starts on its overall order.
    if (change.sessionId !== undefined && change.sessionId !== get().sessionId && !('classId' in change))
      next.classId = undefined;
    const selection = { sessionId: next.sessionId, classId: next.classId, championshipId: next.championshipId };
    set(selection);
    const url = toUrl(selection);
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, '', url);
  },
}));

window.addEventListener('popstate', () => useSelection.setState(fromUrl()));

import { create } from 'zustand';
import { delayFromParam } from '../live/delay';

/** The pages of the app: the timing screen, lap-by-lap review, race control's desk. */
export const PAGES = ['timing', 'review', 'race-control'] as const;
export type Page = (typeof PAGES)[number];

type Chosen = Pick<Selection, 'sessionId' | 'classId' | 'championshipId' | 'page' | 'delayS'>;

/** What the screen shows. It lives in the URL so a view can be opened on a second screen by link. */
export interface Selection {
  sessionId: string | undefined;
  /** A class id, or undefined for the overall order. */
  classId: string | undefined;
  championshipId: string | undefined;
  page: Page;
  /** This viewer's delay behind live in seconds (`?delay=30`), 0 for live. */
  delayS: number;
  select(change: Partial<Chosen>): void;
}

function fromUrl(): Chosen {
  const params = new URLSearchParams(window.location.search);
  const page = params.get('page');
  return {
    sessionId: params.get('session') ?? undefined,
    classId: params.get('class') ?? undefined,
    championshipId: params.get('championship') ?? undefined,
    page: PAGES.find((known) => known === page) ?? 'timing',
    delayS: delayFromParam(params.get('delay')) / 1000,
  };
}

function toUrl(selection: Chosen): string {
  const params = new URLSearchParams();
  if (selection.sessionId) params.set('session', selection.sessionId);
  if (selection.classId) params.set('class', selection.classId);
  if (selection.championshipId) params.set('championship', selection.championshipId);
  if (selection.page !== 'timing') params.set('page', selection.page);
  if (selection.delayS > 0) params.set('delay', String(selection.delayS));
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
    const selection: Chosen = {
      sessionId: next.sessionId,
      classId: next.classId,
      championshipId: next.championshipId,
      page: next.page,
      delayS: next.delayS,
    };
    set(selection);
    const url = toUrl(selection);
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, '', url);
  },
}));

window.addEventListener('popstate', () => useSelection.setState(fromUrl()));

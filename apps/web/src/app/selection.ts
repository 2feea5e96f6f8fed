import { create } from 'zustand';
import { delayFromParam } from '../live/delay';

/** The pages of the app: the timing screen, lap-by-lap review, race control's desk. */
export const PAGES = ['timing', 'review', 'race-control'] as const;
export type Page = (typeof PAGES)[number];

export const MODES = ['desk', 'tv', 'overlay'] as const;
/** desk: the full tool. tv: chromeless and scaled for a screen at 3 m. overlay: transparent, for OBS. */
export type Mode = (typeof MODES)[number];
export const VIEWS = ['tower', 'standings', 'battle'] as const;
/** What a tv or overlay screen shows. */
export type View = (typeof VIEWS)[number];

const MY_CARS_KEY = 'pitwall.myCars';
/** A car number as feeds send it; anything else in a link or in storage is ignored. */
const CAR_NUMBER = /^[A-Za-z0-9]{1,8}$/;

/** What the screen shows. It lives in the URL so a view can be opened on a second screen by link. */
export interface Selection {
  sessionId: string | undefined;
  /** A class id as written in the link (matched case-insensitively), or undefined for overall. */
  classId: string | undefined;
  championshipId: string | undefined;
  page: Page;
  /** This viewer's delay behind live in seconds (`?delay=30`), 0 for live. */
  delayS: number;
  mode: Mode;
  view: View;
  /** The engineer's cars, highlighted everywhere and pinned at the top; also kept in this browser. */
  myCars: string[];
  select(change: Partial<Pick<Selection, 'sessionId' | 'classId' | 'championshipId' | 'page' | 'delayS'>>): void;
  toggleMyCar(number: string): void;
}

type Linked = Pick<
  Selection,
  'sessionId' | 'classId' | 'championshipId' | 'page' | 'delayS' | 'mode' | 'view' | 'myCars'
>;

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  const lower = value?.toLowerCase();
  return values.find((v) => v === lower) ?? fallback;
}

export function carList(value: string | null | undefined): string[] {
  return [...new Set((value ?? '').split(',').map((n) => n.trim().replace(/^#/, '')))].filter((n) =>
    CAR_NUMBER.test(n),
  );
}

function storedCars(): string[] {
  try {
    return carList(localStorage.getItem(MY_CARS_KEY));
  } catch {
    return [];
  }
}

function fromUrl(): Linked {
  const params = new URLSearchParams(window.location.search);
  const page = params.get('page');
  return {
    sessionId: params.get('session') ?? undefined,
    classId: params.get('class') ?? undefined,
    championshipId: params.get('championship') ?? undefined,
    page: PAGES.find((known) => known === page) ?? 'timing',
    delayS: delayFromParam(params.get('delay')) / 1000,
    mode: oneOf(MODES, params.get('mode'), 'desk'),
    view: oneOf(VIEWS, params.get('view'), 'tower'),
    myCars: params.has('cars') ? carList(params.get('cars')) : storedCars(),
  };
}

function toUrl(selection: Linked): string {
  const params = new URLSearchParams();
  if (selection.sessionId) params.set('session', selection.sessionId);
  if (selection.classId) params.set('class', selection.classId);
  if (selection.championshipId) params.set('championship', selection.championshipId);
  if (selection.page !== 'timing') params.set('page', selection.page);
  if (selection.delayS > 0) params.set('delay', String(selection.delayS));
  if (selection.mode !== 'desk') params.set('mode', selection.mode);
  if (selection.mode !== 'desk' && selection.view !== 'tower') params.set('view', selection.view);
  if (selection.myCars.length > 0) params.set('cars', selection.myCars.join(','));
  const query = params.toString().replaceAll('%2C', ',');
  return `${window.location.pathname}${query ? `?${query}` : ''}`;
}

function linked(selection: Selection | Linked): Linked {
  const { sessionId, classId, championshipId, page, delayS, mode, view, myCars } = selection;
  return { sessionId, classId, championshipId, page, delayS, mode, view, myCars };
}

function publish(selection: Linked) {
  const url = toUrl(selection);
  if (url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, '', url);
}

export const useSelection = create<Selection>()((set, get) => ({
  ...fromUrl(),
  select: (change) => {
    const next = { ...linked(get()), ...change };
    // A class belongs to a session: a new session starts on its overall order.
    if (change.sessionId !== undefined && change.sessionId !== get().sessionId && !('classId' in change))
      next.classId = undefined;
    set(next);
    publish(next);
  },
  toggleMyCar: (number) => {
    const mine = get().myCars;
    const myCars = mine.includes(number) ? mine.filter((n) => n !== number) : [...mine, number];
    try {
      localStorage.setItem(MY_CARS_KEY, myCars.join(','));
    } catch {
      // Private browsing may refuse storage; the URL still carries the cars.
    }
    set({ myCars });
    publish({ ...linked(get()), myCars });
  },
}));

window.addEventListener('popstate', () => useSelection.setState(fromUrl()));

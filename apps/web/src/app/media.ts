import { useSyncExternalStore } from 'react';

/** True while the CSS media query matches, following resizes and rotations. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

/** Phones: the compact tower and a single column. */
export const PHONE = '(max-width: 640px)';
/** Wide enough for a two-column broadcast tower. */
export const WIDE = '(min-width: 1000px)';
/** Wide enough for the engineer's columns: sectors, stint and stops. */
export const ENGINEER = '(min-width: 1280px)';

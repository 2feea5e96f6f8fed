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

/**
 * Phones, and tablets held upright: the compact tower and a single column (the full desk tower
 * needs about 900 px even at its smaller type).
 */
export const PHONE = '(max-width: 900px)';
/** Wide enough for a two-column broadcast tower. */
export const WIDE = '(min-width: 1000px)';
/** Wide enough for the engineer's columns: sectors, stint and stops. */
export const ENGINEER = '(min-width: 1280px)';

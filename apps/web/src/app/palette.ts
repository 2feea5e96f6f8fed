/**
 * Timing colours, as every timing screen uses them: purple for the fastest lap of the session,
 * green for a driver's own best (and places gained), red for places lost. Class colours (series
 * files, or the fallbacks below) are chosen to stay apart from these and from one another for
 * colour-blind viewers too (palette.test.ts simulates protan, deutan and tritan vision).
 */
export const TIMING_COLOURS = {
  purple: '#c77dff',
  green: '#3ddc84',
  red: '#ff5d5d',
} as const;

/** For series whose file gives no class colours. */
export const FALLBACK_CLASS_COLOURS = ['#f2f2f2', '#99ccff', '#cc9900', '#999999'] as const;

/** The stylesheet reads the timing colours from these custom properties. */
export function applyTimingColours(root: HTMLElement): void {
  for (const [name, colour] of Object.entries(TIMING_COLOURS)) root.style.setProperty(`--${name}`, colour);
}

/**
 * Timing colours, as every timing screen uses them: purple for the fastest lap or sector of the
 * session, yellow for the fastest of a class, green for a driver's own best (and places gained),
 * red for places lost. The tower tells the bests by shape as well (a filled chip, a box, an
 * underline), and places by ▲▼, so no colour has to be told apart alone. Class colours (series
 * files, or the fallbacks below) are chosen to stay apart from these and from one another for
 * colour-blind viewers too (palette.test.ts simulates protan, deutan and tritan vision).
 */
export const TIMING_COLOURS = {
  purple: '#c77dff',
  classBest: '#ffdd00',
  green: '#3ddc84',
  red: '#ff5d5d',
} as const;

/** For series whose file gives no class colours. */
export const FALLBACK_CLASS_COLOURS = ['#f2f2f2', '#99ccff', '#cc9900', '#999999'] as const;

/** The stylesheet reads the timing colours from these custom properties (`classBest` as `--class-best`). */
export function applyTimingColours(root: HTMLElement): void {
  for (const [name, colour] of Object.entries(TIMING_COLOURS)) {
    root.style.setProperty(`--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`, colour);
  }
}

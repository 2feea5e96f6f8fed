import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FALLBACK_CLASS_COLOURS, TIMING_COLOURS } from './palette';

/*
 * Colour-blind simulation: Machado, Oliveira & Fernandes (2009) matrices at full severity, applied
 * in linear sRGB; distances are CIE76 ΔE in Lab (D65). 20 is a difference seen at a glance.
 */
const VISION: Record<string, number[]> = {
  normal: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  protan: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
  deutan: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
  tritan: [1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039],
};
const APART = 20;

function lab(hex: string, m: number[]): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  const linear = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const [r, g, b] = [0, 3, 6].map((row) =>
    Math.min(1, Math.max(0, m[row]! * linear[0]! + m[row + 1]! * linear[1]! + m[row + 2]! * linear[2]!)),
  ) as [number, number, number];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** The smallest difference between two colours over normal and the three colour-blind visions. */
function leastDifference(a: string, b: string): { deltaE: number; vision: string } {
  return Object.entries(VISION)
    .map(([vision, m]) => {
      const [p, q] = [lab(a, m), lab(b, m)];
      return { vision, deltaE: Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]) };
    })
    .reduce((least, next) => (next.deltaE < least.deltaE ? next : least));
}

const SERIES_DIR = path.resolve(__dirname, '../../../../packages/shared/data/series');
const palettes: [string, string[]][] = [
  ...readdirSync(SERIES_DIR).map((file): [string, string[]] => {
    const series = JSON.parse(readFileSync(path.join(SERIES_DIR, file), 'utf8')) as { classes: { color?: string }[] };
    return [file, series.classes.flatMap((c) => (c.color ? [c.color] : []))];
  }),
  ['fallback', [...FALLBACK_CLASS_COLOURS]],
];

describe('class colours for colour-blind viewers', () => {
  it.each(palettes)('%s: every class stays apart from the timing colours', (_name, colours) => {
    for (const colour of colours) {
      for (const [timing, value] of Object.entries(TIMING_COLOURS)) {
        const { deltaE, vision } = leastDifference(colour, value);
        expect(deltaE, `${colour} against ${timing} ${value} in ${vision} vision`).toBeGreaterThanOrEqual(APART);
      }
    }
  });

  it.each(palettes)('%s: classes stay apart from one another', (_name, colours) => {
    colours.forEach((a, i) =>
      colours.slice(i + 1).forEach((b) => {
        const { deltaE, vision } = leastDifference(a, b);
        expect(deltaE, `${a} against ${b} in ${vision} vision`).toBeGreaterThanOrEqual(APART);
      }),
    );
  });

  it('keeps the three bests apart from one another (red and green are told apart by ▲▼ as well)', () => {
    const { purple, classBest, green } = TIMING_COLOURS;
    const timing = Object.entries({ purple, classBest, green });
    timing.forEach(([a, x], i) =>
      timing.slice(i + 1).forEach(([b, y]) => {
        const { deltaE, vision } = leastDifference(x, y);
        expect(deltaE, `${a} against ${b} in ${vision} vision`).toBeGreaterThanOrEqual(APART);
      }),
    );
  });

  it('tells the old clashes apart from the new palette', () => {
    // The colours the issue reported: LMP3 next to the overall-best purple, GSX next to personal-best green.
    expect(leastDifference('#c084fc', TIMING_COLOURS.purple).deltaE).toBeLessThan(APART);
    expect(leastDifference('#34d399', TIMING_COLOURS.green).deltaE).toBeLessThan(APART);
  });
});

import type { LapRecord } from './lap-history';
import { personalBestSectors, type SectorBests } from './sector-marks';
import { currentStint, type CarStint } from './stints';

/** What the tower shows of a car's lap history beyond the feed's own fields. */
export interface LapSummary {
  stint?: CarStint;
  personalSectors: SectorBests;
  /** The most recent lap the history holds. */
  lastLap?: LapRecord;
}

/**
 * Summaries by lap list. recordLaps gives a car a new list only when it completes a lap, and the
 * classification is derived after every update for every car: this keeps that cost to the cars
 * that crossed the line (a 24-hour race holds hundreds of laps per car). Weak, so a summary goes
 * with its history; the answer depends on the list alone, so this changes no result.
 */
const summaries = new WeakMap<readonly LapRecord[], LapSummary>();

export function lapSummary(laps: readonly LapRecord[]): LapSummary {
  let summary = summaries.get(laps);
  if (!summary) {
    const stint = currentStint(laps);
    const lastLap = laps.at(-1);
    summary = { ...(stint && { stint }), personalSectors: personalBestSectors(laps), ...(lastLap && { lastLap }) };
    summaries.set(laps, summary);
  }
  return summary;
}

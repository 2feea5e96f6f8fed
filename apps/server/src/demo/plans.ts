import type { RaceResult, ResultRow, Season, SeriesDefinition } from '@pitwall/shared';
import type { DemoCar, DemoPlan } from './simulation';

const MINUTE = 60_000;

/**
 * Race length per series. The MX-5 Cup figure is from its 2024 season notes; the other two are
 * the usual sprint lengths of those series, as the season data does not carry race lengths.
 */
const RACE_DURATION_MS: Record<string, number> = {
  'mx5-cup': 45 * MINUTE,
  'vp-sportscar-challenge': 45 * MINUTE,
  'carrera-cup-na': 40 * MINUTE,
};

/** Approximate green-flag race laps per circuit and class: enough to make the demo look right. */
const TYPICAL_LAP_MS: readonly { circuit: RegExp; lapMs: Record<string, number> }[] = [
  {
    circuit: /road atlanta/i,
    lapMs: { MX5: 93_500, LMP3: 77_500, GSX: 89_500, PRO: 78_500, PROAM: 79_300, MASTERS: 79_800 },
  },
  { circuit: /circuit of the americas/i, lapMs: { PRO: 131_000, PROAM: 132_300, MASTERS: 133_000 } },
];

/** The yellow comes at half distance and lasts this long; the restart leaves time to settle the order. */
const YELLOW_AT_SHARE = 0.5;
const YELLOW_MS = 4 * MINUTE;

/**
 * The demo of one race of a season: its real entry, finishing in its real order where the season
 * has a result. Overall order comes from `position`; where only class order is known the faster
 * class is put ahead. A class missing from the result takes the season's entries for that race.
 * The race's pole sitter, fastest lap and most laps led, where the result records them, go to the
 * cars that had them, and a car excluded from the result is excluded at the end of the demo, so
 * the demo ends on the season's real standings.
 */
export function demoPlanFor(series: SeriesDefinition, season: Season, race: number): DemoPlan {
  const fail = (problem: string): never => {
    throw new Error(`no demo for ${series.id} ${season.year} race ${race}: ${problem}`);
  };
  const event = season.races.find((candidate) => candidate.race === race) ?? fail('the season has no such race');
  const durationMs = RACE_DURATION_MS[series.id] ?? fail('its race length is not known');
  const laps =
    TYPICAL_LAP_MS.find((known) => known.circuit.test(event.circuit))?.lapMs ??
    fail(`no lap times for ${event.circuit}`);
  const result = season.results.find((candidate) => candidate.race === race);
  const rows = (result?.classification ?? []).filter((row) => row.status !== 'withdrawn');
  const reported = new Set(rows.map((row) => row.classId));
  const entered = series.classes.flatMap((c) => (reported.has(c.id) ? [] : enteredRows(season, race, c.id)));
  const field = [...rows, ...entered];
  if (field.length === 0) fail('nobody is entered');

  const baseLapMs: Record<string, number> = {};
  for (const classId of new Set(field.map((row) => row.classId))) {
    baseLapMs[classId] = laps[classId] ?? fail(`no lap time for class ${classId} at ${event.circuit}`);
  }
  const order = finishingOrder(field, baseLapMs);
  const cars: DemoCar[] = order.map((row, index) => ({
    number: row.number,
    classId: row.classId,
    driver: row.drivers.join(' / '),
    team: row.team,
    ...(row.manufacturer ? { manufacturer: row.manufacturer } : {}),
    finishPosition: index + 1,
    ...(row.status === 'dns' ? { dns: true } : {}),
    ...(row.status === 'excluded' ? { excluded: true } : {}),
  }));
  const starters = new Set(cars.filter((car) => !car.dns).map((car) => car.number));
  const grid = result?.grid?.filter((number) => starters.has(number));
  const { fastestLap, mostLapsLed } = bonusCars(result, starters);
  return {
    sessionId: `demo-${series.id}-r${race}`,
    seriesId: series.id,
    event: event.circuit,
    name: `${series.shortName} · Race ${race}`,
    round: event.round,
    race,
    classes: series.classes.filter((c) => c.id in baseLapMs),
    cars,
    ...(grid && grid.length > 0 ? { grid } : {}),
    ...(fastestLap ? { fastestLap } : {}),
    ...(mostLapsLed ? { mostLapsLed } : {}),
    durationMs,
    baseLapMs,
    fcy: { startMs: Math.round(durationMs * YELLOW_AT_SHARE), durationMs: YELLOW_MS },
    retirements: retirementsFrom(order),
  };
}

/** The cars the result credits with the fastest lap and most laps led, by name or by their times and counts. */
function bonusCars(
  result: RaceResult | undefined,
  starters: ReadonlySet<string>,
): { fastestLap?: string; mostLapsLed?: string } {
  const rows = (result?.classification ?? []).filter((row) => starters.has(row.number));
  const best = (measure: (row: ResultRow) => number | undefined) =>
    rows.reduce<{ number: string; value: number } | undefined>((top, row) => {
      const value = measure(row);
      return value !== undefined && (top === undefined || value > top.value) ? { number: row.number, value } : top;
    }, undefined)?.number;
  const named = (number: string | undefined) => (number !== undefined && starters.has(number) ? number : undefined);
  const fastestLap = named(result?.fastestLap) ?? best((row) => (row.bestLapMs ? -row.bestLapMs : undefined));
  const mostLapsLed = named(result?.mostLapsLed) ?? best((row) => row.lapsLed || undefined);
  return { ...(fastestLap ? { fastestLap } : {}), ...(mostLapsLed ? { mostLapsLed } : {}) };
}

/** A class's entries for one race, as unplaced result rows in entry-list order. */
function enteredRows(season: Season, race: number, classId: string): ResultRow[] {
  return season.entries.flatMap((entry) => {
    const drivers = entry.drivers
      .filter((driver) => !driver.races || driver.races.includes(race))
      .map((driver) => driver.name);
    if (entry.classId !== classId || drivers.length === 0) return [];
    return [
      {
        number: entry.number,
        drivers,
        team: entry.team,
        classId,
        manufacturer: entry.manufacturer,
        status: 'classified' as const,
      },
    ];
  });
}

/**
 * Placed cars by position; then cars with only a class order, the fastest class first; then the
 * cars excluded from the result, which run to the flag last of the finishers, ahead of the cars
 * that retired; then the cars that did not start.
 */
function finishingOrder(rows: ResultRow[], baseLapMs: Record<string, number>): ResultRow[] {
  const started = rows.filter((row) => row.status !== 'dns' && row.status !== 'excluded');
  const placed = started
    .filter((row) => row.position !== undefined)
    .sort((a, b) => (a.position as number) - (b.position as number));
  const unplaced = started
    .filter((row) => row.position === undefined)
    .map((row, index) => ({ row, index }))
    .sort(
      (a, b) =>
        (baseLapMs[a.row.classId] as number) - (baseLapMs[b.row.classId] as number) ||
        (a.row.classPosition ?? Infinity) - (b.row.classPosition ?? Infinity) ||
        a.index - b.index,
    )
    .map(({ row }) => row);
  const ranked = [...placed, ...unplaced];
  const retiredTail = ranked.length - ranked.findLastIndex((row) => row.status !== 'retired') - 1;
  return [
    ...ranked.slice(0, ranked.length - retiredTail),
    ...rows.filter((row) => row.status === 'excluded'),
    ...ranked.slice(ranked.length - retiredTail),
    ...rows.filter((row) => row.status === 'dns'),
  ];
}

/**
 * The real retirements at the tail of the order; when there are none the last starter retires, so
 * the demo shows one, unless that car was excluded (it must run to the flag to be excluded there).
 */
function retirementsFrom(order: ResultRow[]): string[] {
  const starters = order.filter((row) => row.status !== 'dns');
  const tail: string[] = [];
  for (let index = starters.length - 1; index > 0 && starters[index]?.status === 'retired'; index--) {
    tail.push((starters[index] as ResultRow).number);
  }
  const last = starters.at(-1);
  return tail.length > 0 || !last || starters.length < 2 || last.status === 'excluded' ? tail : [last.number];
}

import { z } from 'zod';
import { applyDrops, droppableRaces, totalOf } from './drops';
import { maxRacePoints, pointsForPosition, pointsTableOf } from './points';
import type { RaceScore } from './race-score';
import type {
  ChampionshipDefinition,
  PointsAdjustment,
  PointsTable,
  RaceResult,
  ResultRow,
  Season,
  SeriesDefinition,
} from './schema';
import {
  computeStandings,
  countedResults,
  type ChampionshipStandings,
  type StandingRow,
  type StandingsOptions,
} from './standings';

/*
 * Method, kept exact rather than clever:
 * - A competitor's best possible final total gives it a win plus every bonus in each remaining
 *   race; its worst gives it nothing (a car that does not start scores nothing). Both re-choose
 *   drops over all races, so a 0 in a remaining earlier-round race is dropped like any other.
 *   More points in a race never lower a total, drops included, so these are the true extremes.
 * - In contention: best total >= every rival's worst total (a tie may still go its way on
 *   countback). Champion: worst total > every rival's best total, and > what a newcomer could
 *   still score. Both extremes are reachable together: the contender wins everything while the
 *   rivals do not start. (Co-drivers sharing the contender's car would score with it; they are
 *   not modelled, as entries for future races are not known for certain.)
 * - With one race left, each contender gets a sufficient condition, derived exactly from the
 *   points table: the worst place that wins the title whatever the others do (rivals taking
 *   every bonus), else P1 (without, then with every bonus) and, per rival, the best place that
 *   rival may take without beating it. Ties count as not enough, since countback may go either way.
 */

export const contenderSchema = z.object({
  competitor: z.string(),
  name: z.string(),
  points: z.number(),
  /** Final total if it won every remaining race with every bonus. */
  maxPoints: z.number(),
  /** Final total if it scored nothing more. */
  minPoints: z.number(),
  /** With one race left: what it needs, e.g. "champion if P5 or better". */
  needs: z.string().optional(),
});
export type Contender = z.infer<typeof contenderSchema>;

export interface ChampionshipContention {
  championshipId: string;
  name: string;
  racesRemaining: number[];
  /** Set once the title is decided. */
  champion?: string;
  /** Competitors who can still win the title, in standings order. */
  contenders: Contender[];
}

/** A hypothetical result in a race not yet run: a scoring place (or none) and bonus points. */
interface Outcome {
  position?: number;
  bonus: number;
}

export function computeContention(
  series: SeriesDefinition,
  season: Season,
  options: StandingsOptions = {},
): ChampionshipContention[] {
  return contentionOf(series, season, computeStandings(series, season, options), options);
}

/** computeContention from the standings those options give, when the caller has them already. */
function contentionOf(
  series: SeriesDefinition,
  season: Season,
  standingsNow: readonly ChampionshipStandings[],
  options: StandingsOptions,
): ChampionshipContention[] {
  const counted = countedResults(season, options).map((result) => result.race);
  return standingsNow.map((standings, i) =>
    titleContention(series.championships[i]!, series, season, standings, counted),
  );
}

/** One championship's contention after the counted races, from its standings after them. */
function titleContention(
  championship: ChampionshipDefinition,
  series: SeriesDefinition,
  season: Season,
  standings: ChampionshipStandings,
  counted: readonly number[],
): ChampionshipContention {
  const lastCounted = Math.max(0, ...counted);
  const remaining = season.races.map((race) => race.race).filter((race) => race > lastCounted);
  const droppable = droppableRaces(championship, season.races, [...counted, ...remaining]);
  const table = pointsTableOf(series, championship);
  const best: Outcome = { position: 1, bonus: maxRacePoints(table, championship) - pointsForPosition(table, 1) };
  const finalTotal = (row: Pick<StandingRow, 'racePoints' | 'adjustments'>, outcomes: readonly Outcome[]) =>
    totalWith(championship, table, row, remaining, outcomes, droppable);
  const extremes = standings.standings.map((row) => ({
    row,
    max: finalTotal(
      row,
      remaining.map(() => best),
    ),
    min: finalTotal(
      row,
      remaining.map(() => ({ bonus: 0 })),
    ),
  }));
  const newcomerMax = finalTotal(
    { racePoints: [], adjustments: [] },
    remaining.map(() => best),
  );
  const bestRivalMin = (competitor: string) =>
    Math.max(0, ...extremes.filter((e) => e.row.competitor !== competitor).map((e) => e.min));
  const bestRivalMax = (competitor: string) =>
    Math.max(
      remaining.length > 0 ? newcomerMax : 0,
      ...extremes.filter((e) => e.row.competitor !== competitor).map((e) => e.max),
    );

  const champion = extremes.find((e) => e.min > bestRivalMax(e.row.competitor));
  const contenders = extremes
    .filter((e) => e.max >= bestRivalMin(e.row.competitor))
    .map(({ row, max, min }): Contender => ({
      competitor: row.competitor,
      name: row.name,
      points: row.points,
      maxPoints: max,
      minPoints: min,
    }));
  if (!champion && remaining.length === 1) {
    const rows = new Map(standings.standings.map((row) => [row.competitor, row]));
    for (const contender of contenders) {
      // Every other competitor is a rival here: one out of contention may still finish above a contender.
      contender.needs = lastRaceNeeds(
        table,
        best.bonus,
        (competitor, outcome) => finalTotal(rows.get(competitor)!, [outcome]),
        contender.competitor,
        standings.standings.filter((rival) => rival.competitor !== contender.competitor),
      );
    }
  }
  return {
    championshipId: standings.championshipId,
    name: standings.name,
    racesRemaining: remaining,
    ...(champion ? { champion: champion.row.competitor } : {}),
    contenders: champion ? [] : contenders,
  };
}

/** A competitor's final total with the given outcomes in the remaining races, drops re-chosen. */
function totalWith(
  championship: ChampionshipDefinition,
  table: PointsTable,
  row: Pick<StandingRow, 'racePoints' | 'adjustments'>,
  remaining: readonly number[],
  outcomes: readonly Outcome[],
  /** droppableRaces over every race of the season's count, worked out once by the caller. */
  droppable: readonly number[],
): number {
  const future = remaining.map((race, i): RaceScore => {
    const { position, bonus } = outcomes[i]!;
    return position === undefined
      ? { race, points: 0, bonus, dropped: false, status: 'dns' }
      : { race, position, points: pointsForPosition(table, position), bonus, dropped: false, status: 'classified' };
  });
  const scores = [...row.racePoints, ...future];
  const counted =
    championship.drops && droppable.length > 0 ? applyDrops(scores, droppable, championship.drops.count) : scores;
  return totalOf(counted) + row.adjustments.reduce((sum, adjustment) => sum + adjustment.points, 0);
}

/**
 * What `competitor` needs in the last race (see the method above). `total` gives a competitor's
 * final total for one outcome of that race; places run from P1 to the first place the table
 * pays only `beyond` for, as every place below scores the same.
 */
function lastRaceNeeds(
  table: PointsTable,
  allBonuses: number,
  total: (competitor: string, outcome: Outcome) => number,
  competitor: string,
  rivals: readonly { competitor: string; name: string }[],
): string {
  const lastPlace = table.points.length + 1;
  const places = Array.from({ length: lastPlace }, (_, i) => i + 1);
  const secured = places.filter((place) => {
    const mine = total(competitor, { position: place, bonus: 0 });
    return rivals.every(
      (rival) => total(rival.competitor, { position: place === 1 ? 2 : 1, bonus: allBonuses }) < mine,
    );
  });
  // Securing a place secures every better one, so the worst secured place is the answer.
  const worstSecured = secured.at(-1);
  if (worstSecured !== undefined && secured.length === worstSecured) {
    if (worstSecured === lastPlace) return 'champion if classified';
    return worstSecured === 1 ? 'champion if P1' : `champion if P${worstSecured} or better`;
  }
  for (const bonus of allBonuses > 0 ? [0, allBonuses] : [0]) {
    const mine = total(competitor, { position: 1, bonus });
    const rivalBonus = bonus === 0 ? allBonuses : 0;
    const conditions: string[] = [];
    const possible = rivals.every((rival) => {
      const beaten = (outcome: Outcome) => total(rival.competitor, outcome) < mine;
      const place = places.slice(1).find((p) => beaten({ position: p, bonus: rivalBonus }));
      if (place === 2) return true;
      if (place !== undefined) conditions.push(`${rival.name} P${place} or lower`);
      else if (beaten({ bonus: 0 })) conditions.push(`${rival.name} not to score`);
      else return false;
      return true;
    });
    if (possible) return ['needs P1' + (bonus > 0 ? ' with every bonus point' : ''), ...conditions].join(' and ');
  }
  return 'needs P1, every bonus point and a tie broken on countback';
}

/**
 * Where the live race stands. running: the order may still change, and "if it ends now" applies.
 * provisional: the flag has fallen, the result awaits race control. official: confirmed.
 */
export const racePhaseSchema = z.enum(['running', 'provisional', 'official']);
export type RacePhase = z.infer<typeof racePhaseSchema>;

export interface LiveContention {
  championshipId: string;
  name: string;
  phase: RacePhase;
  /** Races still to run after the live one. */
  racesAfter: number[];
  /** The most one competitor can still add after the live race: a win and every bonus in each. */
  pointsStillAvailable: number;
  /** The title is won: before this race, during it whatever happens from here, or at the flag. */
  champion?: string;
  /** While the race runs: the competitor the title goes to if it ends in the current order. */
  championIfEndsNow?: string;
  /** Competitors who can still win, in standings order (empty once the title is won). */
  contenders: Contender[];
}

/*
 * Live contention, recomputed from the race as it stands.
 * - The season's final race, running: the title is decided by this race's places from here. Pole is
 *   settled at the start; fastest lap and most laps led stay open until the flag, so each rival is
 *   assumed to take them (and the contender not), which keeps every "needs" line sufficient whatever
 *   happens to them. Each contender's line is, in order of preference: the worst place that wins
 *   whatever the others do ("champion if P5 or better"); else its current place, or the nearest
 *   better one, with the place below which each rival must finish ("needs P2 and X P4 or lower").
 *   Places are distinct, so a set of such conditions is only offered when the rivals can all be
 *   fitted below their limits at once (Hall's condition on the places left), and a contender is one
 *   that could take the title with a win, every open bonus and the rivals fitted in behind.
 * - Any other race, or the final one after the flag: the live race counts as it stands (its bonuses
 *   as they are now) and the races after it are open, as computeContention treats them.
 */
export function liveContention(
  series: SeriesDefinition,
  season: Season,
  liveRace: RaceResult,
  phase: RacePhase,
  options: {
    adjustments?: PointsAdjustment[];
    /** The standings as if the race ended now, when the caller has computed them already. */
    projected?: readonly ChampionshipStandings[];
  } = {},
): LiveContention[] {
  const { adjustments = [] } = options;
  const race = liveRace.race;
  const projected = options.projected ?? computeStandings(series, season, { afterRace: race, liveRace, adjustments });
  let settled: ChampionshipStandings[] | undefined;
  const settledOf = (i: number) =>
    (settled ??= computeStandings(series, season, { afterRace: race, liveRace: settledRace(liveRace), adjustments }))[
      i
    ]!;
  return series.championships.map((championship, i) =>
    championshipLiveContention(championship, series, season, liveRace, phase, {
      projected: projected[i]!,
      settled: () => settledOf(i),
    }),
  );
}

/** The season's final race while it runs: its places from here decide every title (see liveContention). */
export function settlesInThisRace(season: Season, race: number, phase: RacePhase): boolean {
  return phase === 'running' && !season.races.some((r) => r.race > race);
}

/**
 * A live race with only what is settled while it runs: the grid (pole). Fastest lap and most
 * laps led stay open until the flag, so their data is left out. `rows` keeps the settled row of
 * each live row for a caller that settles the same rows update after update.
 */
export function settledRace(liveRace: RaceResult, rows?: WeakMap<ResultRow, ResultRow>): RaceResult {
  const { fastestLap: _fastest, mostLapsLed: _mostLed, ...settled } = liveRace;
  const settle = (row: ResultRow): ResultRow => {
    const kept = rows?.get(row);
    if (kept) return kept;
    const { bestLapMs: _best, lapsLed: _led, ...settledRow } = row;
    rows?.set(row, settledRow);
    return settledRow;
  };
  return { ...settled, classification: liveRace.classification.map(settle) };
}

/**
 * A competitor's total in the final race before this race's places and bonuses, by competitor:
 * the same on every update of one race, so a caller projecting it update after update keeps them
 * here (one map per championship, for one race of an unchanged season and adjustments).
 */
export type TotalsBeforeRace = Map<string, number>;

/**
 * liveContention for one championship. `projected`: its standings as if the race ended now;
 * `settled`: in the final race while it runs (settlesInThisRace), its standings with the live race
 * reduced to settledRace, asked for only when the projected standings do not settle the title.
 */
export function championshipLiveContention(
  championship: ChampionshipDefinition,
  series: SeriesDefinition,
  season: Season,
  liveRace: RaceResult,
  phase: RacePhase,
  standings: { projected: ChampionshipStandings; settled?: () => ChampionshipStandings },
  totalsBefore?: TotalsBeforeRace,
): LiveContention {
  const { projected, settled } = standings;
  const race = liveRace.race;
  if (settlesInThisRace(season, race, phase)) {
    if (!settled) throw new Error('the final race while it runs needs its settled standings');
    return finalRaceContention(championship, series, season, liveRace, settled, projected, totalsBefore);
  }
  const racesAfter = season.races.map((r) => r.race).filter((r) => r > race);
  const counted = countedResults(season, { afterRace: race, liveRace }).map((result) => result.race);
  const title = titleContention(championship, series, season, projected, counted);
  const leaders = projected.standings.filter((row) => row.position === 1);
  // After the final flag, countback settles a tie on points; only identical records share the title.
  const decidedAtFlag = racesAfter.length === 0 && leaders.length === 1 ? leaders[0]!.competitor : title.champion;
  const decided = phase === 'running' ? undefined : decidedAtFlag;
  return {
    championshipId: title.championshipId,
    name: title.name,
    phase,
    racesAfter,
    pointsStillAvailable: racesAfter.length * maxRacePoints(pointsTableOf(series, championship), championship),
    ...(decided ? { champion: decided } : {}),
    ...(phase === 'running' && title.champion ? { championIfEndsNow: title.champion } : {}),
    contenders: decided
      ? []
      : title.contenders.map(({ needs, ...contender }) =>
          // "Needs" in the next race only once this one is over: mid-race it would rest on an order that will change.
          phase === 'running' || !needs ? contender : { ...contender, needs },
        ),
  };
}

/** One competitor in the final race: its season so far and what this race has settled for it. */
interface Entrant {
  row: StandingRow;
  /** Its total before this race's places and open bonuses. */
  settled: number;
  /** Total if it scores no place: only for competitors not in the race. */
  fixed?: number;
  /** Its scoring place as the race stands. */
  now?: number;
}

/** An entrant with what each place of this race would bring it. */
interface Runner extends Entrant {
  /** Total for each place 1..field (index 0 unused), without and with every open bonus. */
  plain: number[];
  open: number[];
}

function finalRaceContention(
  championship: ChampionshipDefinition,
  series: SeriesDefinition,
  season: Season,
  liveRace: RaceResult,
  settledOf: () => ChampionshipStandings,
  projected: ChampionshipStandings,
  totalsBefore: TotalsBeforeRace = new Map(),
): LiveContention {
  const race = liveRace.race;
  const droppable = droppableRaces(
    championship,
    season.races,
    countedResults(season, { afterRace: race, liveRace }).map((result) => result.race),
  );
  const table = pointsTableOf(series, championship);
  const { fastestLap = 0, mostLapsLed = 0 } = championship.bonuses ?? {};
  const openBonus = fastestLap + mostLapsLed;
  const totalBefore = (row: StandingRow, score: RaceScore | undefined) => {
    const known = totalsBefore.get(row.competitor);
    if (known !== undefined) return known;
    const before = { racePoints: row.racePoints.filter((s) => s !== score), adjustments: row.adjustments };
    const total = totalWith(championship, table, before, [race], [{ bonus: 0 }], droppable);
    totalsBefore.set(row.competitor, total);
    return total;
  };
  // Each competitor with its total before this race's places plus its live bonus. Race points run
  // in race order and the live race is the last one counted: its score is the last.
  const entrantsOf = (standings: ChampionshipStandings) =>
    standings.standings.map((row): Entrant => {
      const last = row.racePoints.at(-1);
      const score = last?.race === race ? last : undefined;
      const settled = (score?.bonus ?? 0) + totalBefore(row, score);
      return score?.position === undefined ? { row, settled, fixed: settled } : { row, settled, now: score.position };
    });
  const leaders = projected.standings.filter((row) => row.position === 1);
  const base = {
    championshipId: projected.championshipId,
    name: projected.name,
    phase: 'running' as const,
    racesAfter: [],
    pointsStillAvailable: 0,
    ...(leaders.length === 1 ? { championIfEndsNow: leaders[0]!.competitor } : {}),
  };
  const best = (r: Entrant) => r.fixed ?? r.settled + pointsForPosition(table, 1) + openBonus;
  // Places are the same with or without the open bonuses: so is the field, the last place taken.
  const fieldOf = (entrants: readonly Entrant[]) => Math.max(0, ...entrants.map((r) => r.now ?? 0));
  const worstIn = (field: number) => (r: Entrant) => r.fixed ?? r.settled + pointsForPosition(table, field);
  /** The competitor whose worst, less `slack`, beats every rival's best. */
  const decidedAmong = (entrants: readonly Entrant[], slack: number) => {
    const worst = worstIn(fieldOf(entrants));
    return entrants.find((r) => entrants.every((rival) => rival === r || best(rival) < worst(r) - slack));
  };
  // Most titles are decided by the final race. The projected totals (with the open bonuses won so
  // far) are at most openBonus above the settled ones: a title decided even so is decided, and
  // the settled race need not be ranked. Where a win pays the most, at most one competitor is.
  const winPaysMost = [...table.points, table.beyond].every((points) => points <= pointsForPosition(table, 1));
  const surely = winPaysMost ? decidedAmong(entrantsOf(projected), openBonus) : undefined;
  if (surely) return { ...base, champion: surely.row.competitor, contenders: [] };

  const title = settledOf();
  const entrants = entrantsOf(title);
  const decided = decidedAmong(entrants, 0);
  if (decided) return { ...base, champion: decided.row.competitor, contenders: [] };

  const field = fieldOf(entrants);
  const worst = worstIn(field);
  const places = Array.from({ length: field }, (_, p) => p + 1);
  const runners = entrants.map((r): Runner => {
    if (r.fixed !== undefined) return { ...r, plain: [], open: [] };
    // The final race is never dropped (drops reach earlier rounds only), so a place adds its points as they are.
    const plain = [0, ...places.map((p) => r.settled + pointsForPosition(table, p))];
    return { ...r, plain, open: plain.map((total) => total + openBonus) };
  });

  // Cheap test first: beaten by a rival's worst, a runner is out without fitting anyone in. The
  // two highest worst totals give every runner's best rival worst without a pass over the rest.
  let first: Runner | undefined;
  let second: Runner | undefined;
  for (const r of runners) {
    if (first === undefined || worst(r) > worst(first)) [first, second] = [r, first];
    else if (second === undefined || worst(r) > worst(second)) second = r;
  }
  const bestRivalWorst = (r: Runner) => (r === first ? second : first);
  const projectedPoints = new Map(projected.standings.map((row) => [row.competitor, row.points]));
  const contenders = runners
    .filter((r) => {
      const rival = bestRivalWorst(r);
      if (rival !== undefined && worst(rival) > best(r)) return false;
      if (r.fixed !== undefined) return true;
      const mine = r.open[1]!;
      const rivals = runners.filter((other) => other !== r);
      return rivalLimits(rivals, 1, field, (other, p) => totalAt(other, other.plain, p) > mine) !== undefined;
    })
    .map((r): Contender => {
      const rivals = runners.filter((rival) => rival !== r);
      return {
        competitor: r.row.competitor,
        name: r.row.name,
        points: projectedPoints.get(r.row.competitor) ?? r.row.points,
        maxPoints: best(r),
        minPoints: worst(r),
        needs:
          r.fixed !== undefined ? 'not in this race: needs the others to fall short' : needsFromHere(r, rivals, field),
      };
    });
  return { ...base, contenders };
}

/** A runner's total from a place of the live race (none for a competitor not in it). */
function totalAt(runner: Runner, totals: readonly number[], place: number | undefined): number {
  return runner.fixed ?? totals[place ?? 0] ?? 0;
}

/**
 * Where each rival must finish for the competitor at `place` to stay ahead: the best place from
 * which the rival no longer `beats` it. Undefined when some rival beats it from every place, or
 * when the places left cannot hold all the rivals below their limits at once.
 */
function rivalLimits(
  rivals: readonly Runner[],
  place: number,
  field: number,
  beats: (rival: Runner, place: number | undefined) => boolean,
): { rival: Runner; limit: number }[] | undefined {
  const limits: { rival: Runner; limit: number }[] = [];
  for (const rival of rivals) {
    if (rival.fixed !== undefined) {
      if (beats(rival, undefined)) return undefined;
      continue;
    }
    // Run on every update for every contender, place and rival: a plain loop, no allocation.
    let limit = 0;
    for (let p = 1; p <= field && limit === 0; p++) if (p !== place && !beats(rival, p)) limit = p;
    if (limit === 0) return undefined;
    limits.push({ rival, limit });
  }
  // Hall's condition: the k rivals with the highest limits need k free places at or below the k-th of them.
  const sorted = [...limits].sort((a, b) => b.limit - a.limit);
  const fits = sorted.every(({ limit }, k) => field - limit + 1 - (place >= limit ? 1 : 0) >= k + 1);
  return fits ? limits : undefined;
}

/** A contender's line in the final race, as described above liveContention. */
function needsFromHere(me: Runner, rivals: readonly Runner[], field: number): string {
  // The best a rival can do with the competitor at p: the first place that is not p, every open bonus.
  const bestOf = (rival: Runner, p: number) => totalAt(rival, rival.open, p === 1 ? 2 : 1);
  const secured = Array.from({ length: field }, (_, p) => p + 1).filter((p) =>
    rivals.every((rival) => bestOf(rival, p) < me.plain[p]!),
  );
  // Securing a place secures every better one, so the worst secured place is the answer.
  const worstSecured = secured.length > 0 && secured.length === secured.at(-1) ? secured.length : undefined;
  const securedLine =
    worstSecured === undefined
      ? undefined
      : worstSecured === 1
        ? 'champion if P1'
        : `champion if P${worstSecured} or better`;
  const now = me.now ?? field;
  if (securedLine && now <= worstSecured!) return securedLine;
  const line = (place: number, mine: number, rivalTotals: (rival: Runner) => number[]) => {
    // A tie is not enough here: countback may go either way.
    const limits = rivalLimits(rivals, place, field, (rival, p) => totalAt(rival, rivalTotals(rival), p) >= mine);
    if (!limits) return undefined;
    const conditions = limits
      .filter(({ limit }) => limit > 1 && !(limit === 2 && place === 1))
      .map(({ rival, limit }) => `${rival.row.name} P${limit} or lower`);
    return [`needs P${place}`, ...conditions].join(' and ');
  };
  // From where it is now, or the nearest better place that can still do it.
  for (let place = now; place > (worstSecured ?? 0); place--) {
    const found = line(place, me.plain[place]!, (rival) => rival.open);
    if (found) return securedLine ? `${found}; ${securedLine}` : found;
  }
  if (securedLine) return securedLine;
  const hasOpenBonus = me.open[1]! > me.plain[1]!;
  const withBonuses = hasOpenBonus ? line(1, me.open[1]!, (rival) => rival.plain) : undefined;
  if (withBonuses) return withBonuses.replace('needs P1', 'needs P1 with every bonus point');
  return `needs P1${hasOpenBonus ? ', every bonus point' : ''} and a tie broken on countback`;
}

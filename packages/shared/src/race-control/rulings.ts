import { crossingList, NO_CROSSINGS, type LineCrossings } from '../session/crossings';
import type { CarFeed } from '../session/model';
import { z } from 'zod';
import { carDecisionSchema, type CarDecision } from './decision';

/** A decision in force (not rescinded), with the id the audit trail knows it by. */
export interface ActiveDecision {
  id: number;
  decision: CarDecision;
}

/** What the tower shows beside a car race control has ruled on, e.g. "+35s" or "EXCL". */
export const decisionMarkSchema = z.object({
  // The kinds come from the decision schemas; `map` loses the tuple type `z.enum` is declared with.
  kind: z.enum(carDecisionSchema.options.map((option) => option.shape.kind.value) as [CarDecision['kind']]),
  label: z.string(),
  /** The decisions behind the mark: stacked penalties of one kind make one mark. */
  decisions: z.array(z.number().int().positive()),
});
export type DecisionMark = z.infer<typeof decisionMarkSchema>;

export interface RuledOrder {
  /** In classification order, positions 1..N, with corrections and penalties applied. */
  cars: CarFeed[];
  crossings: ReadonlyMap<string, LineCrossings>;
  marks: Map<string, DecisionMark[]>;
  /** Timing number of each car shown under another number by a correction. */
  renumbered: Map<string, string>;
}

/**
 * The classification order with race control's decisions applied on top of the timing order
 * (cars in feed position order). Corrections and penalties to laps and time first, and each car
 * they touch is re-placed by laps and race time; then the positional decisions in the order they
 * were taken; exclusions last, at the foot of the order.
 */
export function applyRulings(
  timingOrder: readonly CarFeed[],
  crossings: ReadonlyMap<string, LineCrossings>,
  decisions: readonly ActiveDecision[],
): RuledOrder {
  const marks = new Map<string, DecisionMark[]>();
  const ruledCrossings = new Map(crossings);
  const renumbered = new Map<string, string>();
  const byNumber = new Map(timingOrder.map((car) => [car.number, { ...car }]));
  const totals = new Map<string, number>();
  /** One mark per kind per car: a stacked penalty shows its total. */
  const mark = (
    number: string,
    kind: DecisionMark['kind'],
    id: number,
    label: (total: number) => string,
    amount = 1,
  ) => {
    const key = `${kind}:${number}`;
    const total = (totals.get(key) ?? 0) + amount;
    totals.set(key, total);
    const list = marks.get(number) ?? [];
    const existing = list.find((m) => m.kind === kind);
    const next = { kind, label: label(total), decisions: [...(existing?.decisions ?? []), id] };
    marks.set(number, existing ? list.map((m) => (m === existing ? next : m)) : [...list, next]);
  };
  const retimed: string[] = [];

  for (const { id, decision } of decisions) {
    const car = byNumber.get(decision.car);
    if (!car) continue;
    switch (decision.kind) {
      case 'correction': {
        if (decision.laps !== undefined) car.laps = decision.laps;
        if (decision.classId !== undefined) car.classId = decision.classId;
        if (decision.driver !== undefined) car.driver = decision.driver;
        mark(car.number, 'correction', id, () => 'CORR');
        retimed.push(car.number);
        break;
      }
      case 'time-penalty': {
        const ms = Math.round(decision.seconds * 1000);
        if (car.totalTimeMs !== undefined) car.totalTimeMs += ms;
        const seen = crossingList(ruledCrossings.get(car.number) ?? NO_CROSSINGS);
        ruledCrossings.set(car.number, {
          laps: seen.map(([lap]) => lap),
          atMs: seen.map(([, at]) => at + ms),
          count: seen.length,
        });
        mark(car.number, 'time-penalty', id, (total) => `+${formatSeconds(total)}s`, ms);
        retimed.push(car.number);
        break;
      }
      case 'lap-penalty': {
        const laps = Math.min(decision.laps, car.laps);
        car.laps -= laps;
        // Lap n of the penalised car is what it crossed as lap n + N: it is N laps worse off throughout.
        const kept = crossingList(ruledCrossings.get(car.number) ?? NO_CROSSINGS).filter(([lap]) => lap > laps);
        ruledCrossings.set(car.number, {
          laps: kept.map(([lap]) => lap - laps),
          atMs: kept.map(([, at]) => at),
          count: kept.length,
        });
        mark(car.number, 'lap-penalty', id, (total) => `-${total} ${total === 1 ? 'lap' : 'laps'}`, decision.laps);
        retimed.push(car.number);
        break;
      }
      default:
        break;
    }
  }

  let order = timingOrder.map((car) => byNumber.get(car.number)!);
  for (const number of new Set(retimed)) order = replaceByTiming(order, byNumber.get(number)!);
  const excluded: CarFeed[] = [];
  for (const { id, decision } of decisions) {
    const car = byNumber.get(decision.car);
    if (!car) continue;
    if (decision.kind === 'drop-positions') {
      order = dropInClass(order, car, decision.positions);
      mark(car.number, 'drop-positions', id, (total) => `DROP ${total}`, decision.positions);
    } else if (decision.kind === 'back-of-class') {
      order = dropInClass(order, car, Infinity);
      mark(car.number, 'back-of-class', id, () => 'BACK');
    } else if (decision.kind === 'exclusion') {
      car.status = 'excluded';
      if (!excluded.includes(car)) excluded.push(car);
      mark(car.number, 'exclusion', id, () => 'EXCL');
    }
  }
  order = [...order.filter((car) => !excluded.includes(car)), ...excluded];
  for (const { decision } of decisions) {
    if (decision.kind !== 'correction' || decision.number === undefined) continue;
    const car = byNumber.get(decision.car);
    // A number another car holds would make two cars one: that part of the correction waits.
    if (!car || byNumber.has(decision.number) || renumbered.has(decision.number)) continue;
    renumbered.set(decision.number, car.number);
    ruledCrossings.set(decision.number, ruledCrossings.get(car.number) ?? NO_CROSSINGS);
    marks.set(decision.number, marks.get(car.number) ?? []);
    marks.delete(car.number);
    car.number = decision.number;
  }
  order.forEach((car, index) => (car.position = index + 1));
  return { cars: order, crossings: ruledCrossings, marks, renumbered };
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(3).replace(/0+$/, '');
}

/** Ahead by timing: more laps, or the same laps completed no later. */
function beats(ahead: CarFeed, car: CarFeed): boolean {
  if (ahead.laps !== car.laps) return ahead.laps > car.laps;
  return ahead.totalTimeMs !== undefined && car.totalTimeMs !== undefined && ahead.totalTimeMs <= car.totalTimeMs;
}

/** The car taken out and put back directly behind the last car that beats it on laps and time. */
function replaceByTiming(order: CarFeed[], car: CarFeed): CarFeed[] {
  const rest = order.filter((other) => other !== car);
  const behind = rest.findLastIndex((other) => beats(other, car));
  rest.splice(behind + 1, 0, car);
  return rest;
}

/** The car moved behind the `places`-th car of its class that is behind it (or the last one). */
function dropInClass(order: CarFeed[], car: CarFeed, places: number): CarFeed[] {
  const from = order.indexOf(car);
  const classBehind = order
    .map((other, index) => ({ other, index }))
    .filter(({ other, index }) => index > from && other.classId === car.classId);
  if (classBehind.length === 0) return order;
  const target = classBehind[Math.min(places, classBehind.length) - 1]!.other;
  const rest = order.filter((other) => other !== car);
  rest.splice(rest.indexOf(target) + 1, 0, car);
  return rest;
}

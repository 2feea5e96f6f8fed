import { feedUpdateSchema } from '@pitwall/shared';
import { describe, expect, it } from 'vitest';
import { parseLine } from './parser';
import { rmonitorTimeline } from './replay';
import { createSessionBuilder } from './session-builder';
import {
  ORBITS_MOCK,
  SEBRING_2009,
  capturesAvailable,
  createMapIngest,
  orderByClass,
  readCapture,
} from '../../test-support/rmonitor';

const OPTIONS = { sessionId: 'capture', seriesId: 'test', event: 'Capture replay', name: 'Session' };

/** Plain comma split: enough for these captures, whose quoted fields hold no commas. */
const fieldsOf = (line: string) => line.trim().replace(/"/g, '').split(',');

/**
 * What the capture itself says the order is at the end of a stretch of lines: each car's last
 * $G position, ranked, split by class (from $A/$COMP class numbers and $C names). Computed
 * straight from the text, without the parser's or the builder's logic.
 */
function lastGPositionsByClass(lines: string[]): Map<string, string[]> {
  const position = new Map<string, number>();
  const classOf = new Map<string, string>();
  const numberOf = new Map<string, string>();
  const className = new Map<string, string>();
  for (const line of lines) {
    const fields = fieldsOf(line);
    if (fields[0] === '$G') position.set(fields[2]!, Number(fields[1]));
    if (fields[0] === '$A') classOf.set(fields[1]!, fields[7]!);
    if (fields[0] === '$COMP') classOf.set(fields[1]!, fields[3]!);
    if (fields[0] === '$A' || fields[0] === '$COMP') numberOf.set(fields[1]!, fields[2]!);
    if (fields[0] === '$C') className.set(fields[1]!, fields[2]!);
  }
  const ranked = [...position].filter(([registration]) => classOf.has(registration)).sort((a, b) => a[1] - b[1]);
  expect(new Set(ranked.map(([, p]) => p)).size, 'the capture ends with one car per position').toBe(ranked.length);
  const byClass = new Map<string, string[]>();
  for (const [registration] of ranked) {
    const classNumber = classOf.get(registration)!;
    const id = className.get(classNumber) ?? classNumber;
    byClass.set(id, [...(byClass.get(id) ?? []), numberOf.get(registration)!]);
  }
  return byClass;
}

/** The capture cut at each $I (the scoreboard clear): each stretch is checked on its own. */
function stretchesBetweenInits(text: string): string[][] {
  const stretches: string[][] = [[]];
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('$I,')) stretches.push([]);
    stretches.at(-1)!.push(line);
  }
  return stretches;
}

describe.skipIf(!capturesAvailable())('replaying the real captures', () => {
  for (const capture of [ORBITS_MOCK, SEBRING_2009]) {
    it(`${capture}: the order emitted at the end of every stretch equals the capture's last $G, class by class`, () => {
      const builder = createSessionBuilder(OPTIONS);
      const { ingest, sessions } = createMapIngest();
      const stretches = stretchesBetweenInits(readCapture(capture));
      let checked = 0;
      for (const stretch of stretches) {
        for (const line of stretch) {
          for (const record of parseLine(line)) {
            expect(record.kind, line).not.toBe('rejected');
            if (record.kind === 'rejected') continue;
            const { update, problem } = builder.push(record);
            expect(problem, line).toBeUndefined();
            if (update) expect(ingest(update)).toMatchObject({ status: 'accepted' });
          }
        }
        const last = builder.flush();
        if (last) expect(ingest(last)).toMatchObject({ status: 'accepted' });
        const cars = sessions.get('capture')!.cars;
        expect(orderByClass(cars.values())).toEqual(lastGPositionsByClass(stretch));
        checked += cars.size;
      }
      expect(checked).toBeGreaterThan(5);
    });
  }

  it('the Orbits mock race: six Formula Vee cars, finish flag, 5 minute clock run down', () => {
    const timeline = rmonitorTimeline(readCapture(ORBITS_MOCK), OPTIONS);
    const { ingest, sessions } = createMapIngest();
    for (const { update } of timeline) expect(ingest(update)).toMatchObject({ status: 'accepted' });
    const { session, classes, cars } = sessions.get('capture')!;
    expect(classes).toEqual([{ id: 'Formula Vee', name: 'Formula Vee' }]);
    // After the finish Orbits closes the run: blank flag, 0 laps to go, race time back to zero.
    expect(session).toMatchObject({
      name: 'Test Race',
      flag: 'none',
      status: 'finished',
      timeRemainingMs: 0,
      lapsRemaining: 0,
    });
    const winner = [...cars.values()].find((car) => car.position === 1);
    expect(winner).toEqual({
      number: '3',
      classId: 'Formula Vee',
      driver: 'Morgan Freeman',
      position: 1,
      laps: 8,
      totalTimeMs: 5 * 60_000 + 14_808,
      lastLapMs: 39_560,
      bestLapMs: 33_271,
      bestLapNumber: 1,
      status: 'running',
    });
  });

  it('the Sebring 2009 test: three classes, red flags, $L pit lane, the $I clear starts a new full update', () => {
    const timeline = rmonitorTimeline(readCapture(SEBRING_2009), OPTIONS);
    const fulls = timeline.filter(({ update }) => update.type === 'full');
    expect(fulls).toHaveLength(2);
    const flags = new Set(timeline.map(({ update }) => update.session?.flag).filter(Boolean));
    expect([...flags].sort()).toEqual(['checkered', 'green', 'none', 'red']);
    expect(timeline.some(({ update }) => update.cars?.some((car) => car.status === 'pit' && car.inPit))).toBe(true);
    const classLists = timeline.flatMap(({ update }) => (update.classes ? [update.classes.map((c) => c.id)] : []));
    expect(classLists).toContainEqual(['LMGT2', 'LMP2', 'LMP1']);
    // $I came at 10:03:08 time of day; the capture's first heartbeat says 07:59:36.
    expect(fulls[1]!.atMs).toBe((10 * 3600 + 3 * 60 + 8) * 1000 - (7 * 3600 + 59 * 60 + 36) * 1000);
    // The clear empties the board; the refresh that follows brings the next session's entry.
    expect(fulls[1]!.update).toMatchObject({ cars: [], classes: [] });
    const { ingest, sessions } = createMapIngest();
    for (const { update } of timeline) ingest(update);
    const { classes, cars } = sessions.get('capture')!;
    expect(classes).toEqual([
      { id: 'L1', name: 'L1' },
      { id: 'L3', name: 'L3' },
    ]);
    expect(cars.get('22')).toMatchObject({ classId: 'L3', driver: 'Sean Wagner', team: 'AFI Racing', laps: 0 });
  });

  it('timelines are in time order and every update is schema-valid', () => {
    for (const capture of [ORBITS_MOCK, SEBRING_2009]) {
      const timeline = rmonitorTimeline(readCapture(capture), OPTIONS);
      expect(timeline.map(({ update }) => update.seq)).toEqual(timeline.map((_, i) => i + 1));
      expect(timeline.every(({ atMs }, i) => i === 0 || atMs >= timeline[i - 1]!.atMs)).toBe(true);
      for (const { update } of timeline) expect(feedUpdateSchema.safeParse(update).success).toBe(true);
    }
  });
});

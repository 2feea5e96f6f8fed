import { feedUpdateSchema, type FeedUpdate } from '@pitwall/shared';
import { describe, expect, it } from 'vitest';
import { parseLine } from './parser';
import { createSessionBuilder, type SessionBuilder } from './session-builder';

const OPTIONS = { sessionId: 'sebring-r1', seriesId: 'mx5-cup', event: 'Sebring', name: 'Race 1', round: 1 };
const tick = (flag = 'Green ', timeToGo = '00:00:00', raceTime = '00:10:00', lapsToGo = 9999) =>
  `$F,${lapsToGo},"${timeToGo}","14:00:00","${raceTime}","${flag}"`;

/** Feeds lines and returns the updates emitted, each checked against the schema. */
function feed(builder: SessionBuilder, lines: string[]): FeedUpdate[] {
  const updates: FeedUpdate[] = [];
  for (const line of lines) {
    for (const record of parseLine(line)) {
      if (record.kind === 'rejected') throw new Error(`${record.reason}: ${line}`);
      const { update, problem } = builder.push(record);
      if (problem) throw new Error(problem);
      if (update) updates.push(feedUpdateSchema.parse(update));
    }
  }
  return updates;
}

const ENTRY = [
  '$C,1,"MX-5"',
  '$COMP,"7","7",1,"Joel","Feinberg","",""',
  '$COMP,"8","8",1,"Anthony","Nicolosi","","Primetime Race Group"',
  '$A,"9","9",8353891,"Jarrett","Boon","",1',
];
const RUNNING = ['$G,1,"8",3,"00:06:10.100"', '$G,2,"7",3,"00:06:11.200"', '$G,3,"9",2,"00:04:05.000"'];

describe('createSessionBuilder', () => {
  it('first emits a full update on the heartbeat, then patches with only what changed', () => {
    const builder = createSessionBuilder(OPTIONS);
    const [full] = feed(builder, [...ENTRY, ...RUNNING, tick()]);
    expect(full).toEqual({
      type: 'full',
      sessionId: 'sebring-r1',
      seq: 1,
      session: {
        seriesId: 'mx5-cup',
        event: 'Sebring',
        name: 'Race 1',
        round: 1,
        status: 'running',
        flag: 'green',
        elapsedMs: 600_000,
      },
      classes: [{ id: 'MX-5', name: 'MX-5' }],
      cars: [
        {
          number: '8',
          classId: 'MX-5',
          driver: 'Anthony Nicolosi',
          team: 'Primetime Race Group',
          position: 1,
          laps: 3,
          totalTimeMs: 370_100,
          status: 'running',
        },
        {
          number: '7',
          classId: 'MX-5',
          driver: 'Joel Feinberg',
          position: 2,
          laps: 3,
          totalTimeMs: 371_200,
          status: 'running',
        },
        {
          number: '9',
          classId: 'MX-5',
          driver: 'Jarrett Boon',
          position: 3,
          laps: 2,
          totalTimeMs: 245_000,
          status: 'running',
        },
      ],
    });
    const patches = feed(builder, [
      '$J,"7","00:02:01.500","00:08:12.700"',
      '$G,1,"7",4,"00:08:12.700"',
      '$H,1,"7",4,"00:02:01.500"',
      tick('Yellow', '00:00:00', '00:10:01'),
    ]);
    expect(patches).toEqual([
      {
        type: 'patch',
        sessionId: 'sebring-r1',
        seq: 2,
        session: { flag: 'yellow', elapsedMs: 601_000 },
        cars: [
          {
            number: '7',
            position: 1,
            laps: 4,
            totalTimeMs: 492_700,
            lastLapMs: 121_500,
            bestLapMs: 121_500,
            bestLapNumber: 4,
          },
          { number: '8', position: 2 },
        ],
      },
    ]);
  });

  it('the 30 s refresh repeating everything produces no update', () => {
    const builder = createSessionBuilder(OPTIONS);
    feed(builder, [...ENTRY, ...RUNNING, '$H,1,"8",2,"00:02:00.000"', tick()]);
    const refresh = ['$B,3,"Race 1"', ...ENTRY, '$E,"TRACKNAME","Sebring"', '$H,1,"8",2,"00:02:00.000"', ...RUNNING];
    expect(feed(builder, [...refresh, tick(), ...refresh.reverse(), tick()])).toEqual([]);
    expect(builder.flush()).toBeUndefined();
  });

  it('mid-burst, two cars on one position: the newest claim is ahead, and the order is always 1..N', () => {
    const builder = createSessionBuilder(OPTIONS);
    feed(builder, [...ENTRY, ...RUNNING, tick()]);
    // #9 passes #7 and #8 crossing the line; only its own $G has arrived when the heartbeat comes.
    const [midBurst] = feed(builder, ['$G,1,"9",4,"00:08:00.000"', tick()]);
    expect(midBurst?.cars?.map((car) => [car.number, car.position])).toEqual([
      ['9', 1],
      ['8', 2],
      ['7', 3],
    ]);
    // The rest of the burst confirms it: nothing moves again.
    expect(feed(builder, ['$G,2,"8",3,"00:06:10.100"', '$G,3,"7",3,"00:06:11.200"', tick()])).toEqual([]);
  });

  it('cars without $G go last in registration order; a $G for an unregistered car waits for its $A', () => {
    const builder = createSessionBuilder(OPTIONS);
    const [full] = feed(builder, ['$G,1,"99",1,"00:02:00.000"', '$G,2,"9",1,"00:02:01.000"', ...ENTRY, tick()]);
    expect(full?.type === 'full' && full.cars.map((car) => [car.number, car.position, car.laps])).toEqual([
      ['9', 1, 1],
      ['7', 2, 0],
      ['8', 3, 0],
    ]);
    const [patch] = feed(builder, ['$A,"99","99",1,"Late","Entry","",1', tick()]);
    expect(patch?.cars).toEqual([
      {
        number: '99',
        classId: 'MX-5',
        driver: 'Late Entry',
        position: 1,
        laps: 1,
        totalTimeMs: 120_000,
        status: 'running',
      },
      { number: '9', position: 2 },
      { number: '7', position: 3 },
      { number: '8', position: 4 },
    ]);
  });

  it('a class named after its cars appear: a numbered class first, then the cars move to the name', () => {
    const builder = createSessionBuilder(OPTIONS);
    const [full] = feed(builder, ['$A,"15","15",1,"","Adrian Fernandez","Acura",2', tick()]);
    expect(full).toMatchObject({ classes: [{ id: '2', name: 'Class 2' }], cars: [{ number: '15', classId: '2' }] });
    const [patch] = feed(builder, ['$C,2,"LMP2"', tick()]);
    expect(patch).toMatchObject({ classes: [{ id: 'LMP2', name: 'LMP2' }], cars: [{ number: '15', classId: 'LMP2' }] });
  });

  it('$COMP Retired/Excluded and $L pit lane crossings set the car status', () => {
    const builder = createSessionBuilder(OPTIONS);
    feed(builder, [...ENTRY, ...RUNNING, tick()]);
    const [patch] = feed(builder, [
      '$L,"7","P1","PIT","01/27/2009","10:02:49.185"',
      '$COMP,"9","9",1,"Jarrett","Boon","Retired",""',
      '$A,"9","9",8353891,"Jarrett","Boon","",1',
      tick(),
    ]);
    expect(patch?.cars).toEqual([
      { number: '7', inPit: true, status: 'pit' },
      { number: '9', status: 'retired' },
    ]);
    const [out] = feed(builder, ['$L,"7","P2","POP","01/27/2009","10:03:49.185"', tick()]);
    expect(out?.cars).toEqual([{ number: '7', inPit: false, status: 'running' }]);
  });

  it('clocks: race time only once a flag is out, time to go once the race is timed, Finish is checkered', () => {
    const builder = createSessionBuilder(OPTIONS);
    const [before] = feed(builder, [tick('      ', '00:00:00', '00:59:59', 0)]);
    expect(before?.session).toEqual({ seriesId: 'mx5-cup', event: 'Sebring', name: 'Race 1', round: 1, flag: 'none' });
    const [armed, green, lastLap, finish] = feed(builder, [
      tick('      ', '00:45:00', '00:00:00', 9999),
      tick('Green ', '00:44:59', '00:00:01', 9999),
      tick('Green ', '00:00:00', '00:45:00', 1),
      tick('Finish', '00:00:00', '00:46:30', 0),
    ]);
    expect(armed?.session).toEqual({ timeRemainingMs: 2_700_000 });
    expect(green?.session).toEqual({ status: 'running', flag: 'green', timeRemainingMs: 2_699_000, elapsedMs: 1000 });
    expect(lastLap?.session).toEqual({ timeRemainingMs: 0, elapsedMs: 2_700_000, lapsRemaining: 1 });
    expect(finish?.session).toEqual({ status: 'finished', flag: 'checkered', elapsedMs: 2_790_000, lapsRemaining: 0 });
  });

  it('$B refines the session name; $I clears the board and the next emission is a full update', () => {
    const builder = createSessionBuilder(OPTIONS);
    feed(builder, [...ENTRY, ...RUNNING, '$B,3,"Race 1 - Sebring"', tick()]);
    const [full] = feed(builder, [
      '$I,"10:03:08","27 Jan 09"',
      '$C,1,"MX-5"',
      '$A,"9","9",1,"Jarrett","Boon","",1',
      tick('      '),
    ]);
    expect(full).toEqual({
      type: 'full',
      sessionId: 'sebring-r1',
      seq: 2,
      session: { seriesId: 'mx5-cup', event: 'Sebring', name: 'Race 1', round: 1, flag: 'none' },
      classes: [{ id: 'MX-5', name: 'MX-5' }],
      cars: [{ number: '9', classId: 'MX-5', driver: 'Jarrett Boon', position: 1, laps: 0, status: 'running' }],
    });
  });

  it('refuses records the session model cannot hold, and they change nothing', () => {
    const builder = createSessionBuilder(OPTIONS);
    feed(builder, [...ENTRY, tick()]);
    const push = (line: string) => builder.push(parseLine(line)[0] as never);
    expect(push('$A,"X9","9",1,"Other","Driver","",1').problem).toBe('car number 9 is already registered to "9"');
    expect(push('$A,"10","123456789",1,"A","B","",1').problem).toMatch(/^car number "123456789": /);
    expect(push(`$COMP,"11","11",1,"${'x'.repeat(200)}","B","",""`).problem).toMatch(/^driver of #11: /);
    expect(push(`$C,2,"${'C'.repeat(41)}"`).problem).toMatch(/^class 2 name: /);
    for (let n = 2; n <= 20; n++) push(`$C,${n},"Class ${n}"`);
    expect(push('$C,21,"One too many"').problem).toBe('more than 20 classes: class 21 not added');
    const [update] = feed(builder, [tick()]);
    expect(update?.cars).toBeUndefined();
    expect(update?.classes).toHaveLength(20);
  });

  it('resync: after the store refused or is ahead, a full update numbered after its seq', () => {
    const builder = createSessionBuilder(OPTIONS);
    feed(builder, [...ENTRY, tick()]);
    builder.resync(41);
    expect(builder.flush()).toMatchObject({ type: 'full', seq: 42 });
    expect(builder.flush()).toBeUndefined();
  });
});

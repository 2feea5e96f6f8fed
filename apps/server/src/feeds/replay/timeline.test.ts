import { describe, expect, it } from 'vitest';
import type { FeedUpdate } from '@pitwall/shared';
import { parseClassMap } from './class-map';
import { detectReplayFormat, forRace, renameClasses, replayFileTimeline, sessionIdFromFile } from './timeline';

const ANALYSIS_HEADER =
  '\uFEFFNUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; LAP_IMPROVEMENT; CROSSING_FINISH_LINE_IN_PIT; S1; ELAPSED; HOUR; CLASS'.replace(
    /;/g,
    ',',
  );

describe('replay file format', () => {
  it('knows an Al Kamel analysis file by its header and an RMonitor capture by its records', () => {
    expect(detectReplayFormat(`${ANALYSIS_HEADER}\n52,1,1,1:10.000,,,,1:10.000,,LMP2,\n`)).toBe('alkamel-analysis');
    expect(
      detectReplayFormat('$F,9999,"00:00:00","10:00:00","00:00:00","      "\r\n$A,"1","1",1,"A","B","",1\r\n'),
    ).toBe('rmonitor');
    expect(
      detectReplayFormat('Orbits capture 2024-05-01\n12:00:01 $F,9999,"00:00:00","10:00:00","00:00:00","Green "\n'),
    ).toBe('rmonitor');
  });

  it('says what is wrong with anything else', () => {
    expect(() => detectReplayFormat('')).toThrow('the file is empty');
    expect(() => detectReplayFormat('\uFEFFPOSITION,NUMBER,STATUS,LAPS,\n1,52,Classified,120,\n')).toThrow(
      /results file .* `import`/,
    );
    expect(() => detectReplayFormat('{"type":"full"}\n')).toThrow(
      /expected an RMonitor capture .* or an Al Kamel race-analysis CSV/,
    );
  });

  it('checks the session it fills before reading the file', () => {
    const options = { sessionId: 'bad id', seriesId: 's', event: 'e', name: 'n' };
    expect(() => replayFileTimeline('$F,1', options)).toThrow(/session id "bad id"/);
    expect(() => replayFileTimeline('$F,1', { ...options, sessionId: 'ok', race: 0 })).toThrow(/race/);
  });
});

describe('timeline adjustments', () => {
  const full: FeedUpdate = {
    type: 'full',
    sessionId: 's',
    seq: 1,
    session: { seriesId: 'vp', event: 'VIR', name: 'Race' },
    classes: [
      { id: 'GTD', name: 'GTD' },
      { id: 'GTDPRO', name: 'GTD Pro' },
      { id: 'LMP3', name: 'LMP3' },
    ],
    cars: [
      { number: '1', classId: 'GTD', driver: 'A', position: 1, laps: 0 },
      { number: '2', classId: 'LMP3', driver: 'B', position: 2, laps: 0 },
    ],
  };

  it('maps class ids on the class list and every car, merging classes mapped to one id; others are kept', () => {
    const renamed = renameClasses(
      full,
      new Map([
        ['GTD', 'GSX'],
        ['GTDPRO', 'GSX'],
      ]),
    );
    expect(renamed).toMatchObject({
      classes: [
        { id: 'GSX', name: 'GTD' },
        { id: 'LMP3', name: 'LMP3' },
      ],
      cars: [{ classId: 'GSX' }, { classId: 'LMP3' }],
    });
    const patch: FeedUpdate = {
      type: 'patch',
      sessionId: 's',
      seq: 2,
      cars: [
        { number: '1', laps: 1 },
        { number: '3', classId: 'GTD', driver: 'C', position: 3, laps: 0 },
      ],
    };
    expect(renameClasses(patch, new Map([['GTD', 'GSX']]))).toEqual({
      ...patch,
      cars: [
        { number: '1', laps: 1 },
        { number: '3', classId: 'GSX', driver: 'C', position: 3, laps: 0 },
      ],
    });
  });

  it('marks full updates with the race of the season, leaves patches alone', () => {
    expect(forRace(full, 7).type === 'full' && forRace(full, 7).session).toMatchObject({ race: 7, seriesId: 'vp' });
    const patch: FeedUpdate = { type: 'patch', sessionId: 's', seq: 2 };
    expect(forRace(patch, 7)).toBe(patch);
    expect(forRace(full, undefined)).toBe(full);
  });

  it('derives a valid session id from a file name', () => {
    expect(sessionIdFromFile('../shared/data/alkamel/2024-imsa-ctmp-race-analysis.csv')).toBe(
      '2024-imsa-ctmp-race-analysis',
    );
    expect(sessionIdFromFile('/tmp/Orbits Mock (copy).txt')).toBe('Orbits-Mock-copy-');
    expect(sessionIdFromFile('/tmp/__.txt')).toBe('replay');
  });
});

describe('--class-map', () => {
  it('reads FEED=SERIES pairs', () => {
    expect(parseClassMap('GTD=GSX, LMP3 = LMP3')).toEqual(
      new Map([
        ['GTD', 'GSX'],
        ['LMP3', 'LMP3'],
      ]),
    );
  });

  it('names the entry at fault', () => {
    expect(() => parseClassMap('GTD')).toThrow('class map entry "GTD" is not FEED=SERIES');
    expect(() => parseClassMap('GTD=GSX,GTD=TCR')).toThrow('class map names "GTD" twice');
    expect(() => parseClassMap(`GTD=${'x'.repeat(41)}`)).toThrow(/is not a valid class id/);
    expect(() => parseClassMap('GTD=GSX,')).toThrow('class map entry "" is not FEED=SERIES');
  });
});

import { raceResultSchema } from '@pitwall/shared';
import { describe, expect, it } from 'vitest';
import { analysisTimeline } from './analysis';
import { finishingOrderByClass, raceResultFromAlkamel } from './results';
import { IMSA_CLASS_MAP, readAlkamelFile, skipWithoutAlkamelData } from '../../test-support/alkamel-files';

const HEADER =
  'POSITION,NUMBER,STATUS,LAPS,TOTAL_TIME,FL_TIME,TEAM,CLASS,DRIVER1_FIRSTNAME,DRIVER1_SECONDNAME,DRIVER2_FIRSTNAME,DRIVER2_SECONDNAME,';
const resultsFile = (rows: string[]) => `\uFEFF${[HEADER, ...rows].join('\n')}\n`;
const CLASS_MAP = new Map([
  ['GTD', 'gtd'],
  ['GTDPRO', 'gtd-pro'],
]);

describe('raceResultFromAlkamel', () => {
  it('maps every status and counts class positions only for cars placed by position', () => {
    const { result, rejected } = raceResultFromAlkamel(
      resultsFile([
        '1,1,Classified,86,2:40:49.112,1:45.546,Paul Miller Racing,GTDPRO,Madison,Snow,Bryan,Sellers,',
        '2,32,Classified,86,2:41:05.215,1:45.736,"Korthoff/Preston, Motorsports",GTD,Kenton,Koch,',
        '3,57,Not classified,40,1:10:00.000,1:46.257,WINWARD RACING,GTD,Philip,Ellis,Russell,Ward,',
        '4,9,Retired,20,40:00.000,,Pfaff Motorsports,GTDPRO,Oliver,Jarvis,',
        '5,13,DSQ,86,2:41:13.545,1:45.959,AWA,GTD,Matthew,Bell,',
        ',70,DNS,0,,,Inception Racing,GTD,Frederik,Schandorff,',
        ',12,Withdrawn,0,,,VasserSullivan,GTD,Parker,Thompson,',
      ]),
      { race: 3, classMap: CLASS_MAP },
    );
    expect(rejected).toEqual([]);
    expect(raceResultSchema.safeParse(result).success).toBe(true);
    expect(result.race).toBe(3);
    expect(result.classification).toEqual([
      {
        number: '1',
        drivers: ['Madison Snow', 'Bryan Sellers'],
        team: 'Paul Miller Racing',
        classId: 'gtd-pro',
        position: 1,
        classPosition: 1,
        status: 'classified',
        bestLapMs: 105_546,
      },
      {
        number: '32',
        drivers: ['Kenton Koch'],
        team: 'Korthoff/Preston, Motorsports',
        classId: 'gtd',
        position: 2,
        classPosition: 1,
        status: 'classified',
        bestLapMs: 105_736,
      },
      {
        number: '57',
        drivers: ['Philip Ellis', 'Russell Ward'],
        team: 'WINWARD RACING',
        classId: 'gtd',
        position: 3,
        classPosition: 2,
        status: 'retired',
        bestLapMs: 106_257,
      },
      {
        number: '9',
        drivers: ['Oliver Jarvis'],
        team: 'Pfaff Motorsports',
        classId: 'gtd-pro',
        position: 4,
        classPosition: 2,
        status: 'retired',
      },
      {
        number: '13',
        drivers: ['Matthew Bell'],
        team: 'AWA',
        classId: 'gtd',
        position: 5,
        status: 'excluded',
        bestLapMs: 105_959,
      },
      { number: '70', drivers: ['Frederik Schandorff'], team: 'Inception Racing', classId: 'gtd', status: 'dns' },
      { number: '12', drivers: ['Parker Thompson'], team: 'VasserSullivan', classId: 'gtd', status: 'withdrawn' },
    ]);
    expect(Object.fromEntries(finishingOrderByClass(result.classification))).toEqual({
      'gtd-pro': ['1', '9'],
      gtd: ['32', '57', '13', '70', '12'],
    });
  });

  it('sorts by position whatever the file order, and takes manufacturers from a map when the file has none', () => {
    const { result } = raceResultFromAlkamel(
      resultsFile(['2,32,Classified,86,,,Team B,GTD,Kenton,Koch,', '1,1,Classified,86,,,Team A,GTD,Madison,Snow,']),
      { race: 1, classMap: CLASS_MAP, manufacturers: new Map([['1', 'BMW']]) },
    );
    expect(result.classification.map((row) => [row.number, row.position, row.classPosition, row.manufacturer])).toEqual(
      [
        ['1', 1, 1, 'BMW'],
        ['32', 2, 2, undefined],
      ],
    );
  });

  it('rejects each bad row with its line and a reason, keeping the others as they are', () => {
    const { result, rejected } = raceResultFromAlkamel(
      resultsFile([
        '1,1,Classified,86,,1:45.546,Team A,GTDPRO,Madison,Snow,',
        '2,2,Classified,86,,,Team L,LMP2,Ann,Proto,',
        '3,3,Parked,86,,,Team C,GTD,Bo,Car,',
        ',4,Classified,86,,,Team D,GTD,Cy,Car,',
        'x,5,Classified,86,,,Team E,GTD,Di,Car,',
        '6,1,Classified,86,,,Team F,GTD,Ed,Car,',
        '1,7,Classified,86,,,Team G,GTD,Fa,Car,',
        '8,8,Classified,86,,1:75.000,Team H,GTD,Gu,Car,',
        '9,9,Classified,86,,,Team I,GTD,,,',
        '10,10,Classified,86,,,,GTD,Hu,Car,',
        '11,11,Classified,86',
        '12,12,Classified,86,,,Team J,GTD,Ia,Car,',
      ]),
      { race: 1, classMap: CLASS_MAP },
    );
    expect(rejected).toEqual([
      { line: 3, reason: 'class "LMP2" is not in the class map (it maps GTD, GTDPRO)' },
      {
        line: 4,
        reason:
          'STATUS "Parked" is not one of classified, running, finished, not classified, nc, retired, dnf, did not finish, not started, dns, did not start, dnq, did not qualify, disqualified, dsq, dq, excluded, exc, ex, withdrawn, wd',
      },
      { line: 5, reason: 'car #4 is Classified but has no POSITION' },
      { line: 6, reason: 'POSITION "x" is not a position' },
      { line: 7, reason: 'car #1 is classified twice' },
      { line: 8, reason: 'position 1 is given twice' },
      { line: 9, reason: 'FL_TIME "1:75.000" is not a lap time' },
      { line: 10, reason: 'car #9: drivers: Too small: expected array to have >=1 items' },
      { line: 11, reason: 'car #10: team: Too small: expected string to have >=1 characters' },
      { line: 12, reason: 'has 4 fields: it stops before DRIVER1_SECONDNAME (field 10)' },
    ]);
    expect(result.classification.map((row) => [row.number, row.position, row.classPosition])).toEqual([
      ['1', 1, 1],
      ['12', 12, 1],
    ]);
  });

  it('reports a file that is not a results file, and options that cannot make a result', () => {
    expect(raceResultFromAlkamel('NUMBER,TEAM\n1,A\n', { race: 1, classMap: CLASS_MAP })).toEqual({
      result: { race: 1, classification: [] },
      rejected: [
        { line: 1, reason: 'the header lacks POSITION, STATUS, FL_TIME, CLASS, DRIVER1_FIRSTNAME, DRIVER1_SECONDNAME' },
      ],
    });
    expect(() => raceResultFromAlkamel(resultsFile([]), { race: 0, classMap: CLASS_MAP })).toThrow(
      /race 0 is not a race number/,
    );
    expect(() => raceResultFromAlkamel(resultsFile([]), { race: 1, classMap: new Map([['GTD', ' ']]) })).toThrow(
      /class GTD maps to an empty class id/,
    );
  });
});

describe.skipIf(skipWithoutAlkamelData)('importing the official 2024 IMSA results files', () => {
  it('CTMP: 34 cars, all classified, class positions counted within LMP2, GTD Pro and GTD', () => {
    const { result, rejected } = raceResultFromAlkamel(readAlkamelFile('2024-imsa-ctmp-race-results.csv'), {
      race: 7,
      classMap: IMSA_CLASS_MAP,
    });
    expect(rejected).toEqual([]);
    expect(raceResultSchema.safeParse(result).success).toBe(true);
    expect(result.classification).toHaveLength(34);
    expect(result.classification.every((row) => row.status === 'classified')).toBe(true);
    expect(result.classification[0]).toEqual({
      number: '52',
      drivers: ['Nick Boulle', 'Tom Dillmann'],
      team: 'Inter Europol by PR1 Mathiasen Motorsports',
      classId: 'lmp2',
      position: 1,
      classPosition: 1,
      status: 'classified',
      bestLapMs: 68_660,
    });
    expect(Object.fromEntries(finishingOrderByClass(result.classification))).toEqual({
      lmp2: ['52', '74', '11', '2', '22', '8', '04', '99', '88', '33', '18', '20'],
      'gtd-pro': ['3', '4', '77', '64', '23', '9', '65', '1', '14'],
      gtd: ['27', '57', '70', '96', '12', '45', '66', '32', '78', '86', '34', '55', '13'],
    });
    expect(result.classification.find((row) => row.number === '1')).toMatchObject({ position: 27, classPosition: 8 });
    expect(result.classification.find((row) => row.number === '9')?.drivers).toEqual([
      'Marvin Kirchhöfer',
      'Oliver Jarvis',
    ]);
  });

  it('VIR: hometowns with quoted commas are read, #27 is last in GTD, manufacturers come from the analysis file', () => {
    const analysis = analysisTimeline(readAlkamelFile('2024-imsa-vir-race-analysis.csv'), {
      sessionId: 'vir',
      seriesId: 'imsa',
      event: 'VIR',
      name: 'Race',
    });
    const full = analysis.timeline[0]?.update;
    const manufacturers = new Map(
      (full?.type === 'full' ? full.cars : []).map((car) => [car.number, car.manufacturer ?? '']),
    );
    const { result, rejected } = raceResultFromAlkamel(readAlkamelFile('2024-imsa-vir-race-results.csv'), {
      race: 8,
      classMap: IMSA_CLASS_MAP,
      manufacturers,
    });
    expect(rejected).toEqual([]);
    expect(result.classification).toHaveLength(23);
    expect(result.classification[0]).toMatchObject({
      number: '1',
      drivers: ['Madison Snow', 'Bryan Sellers'],
      classId: 'gtd-pro',
      manufacturer: 'BMW',
      classPosition: 1,
    });
    expect(result.classification.find((row) => row.number === '27')).toMatchObject({
      position: 22,
      classPosition: 14,
      manufacturer: 'Aston Martin',
    });
    expect(finishingOrderByClass(result.classification).get('gtd')?.at(-1)).toBe('27');
  });

  it('names a class the class map lacks', () => {
    const { result, rejected } = raceResultFromAlkamel(readAlkamelFile('2024-imsa-vir-race-results.csv'), {
      race: 8,
      classMap: new Map([['GTD', 'gtd']]),
    });
    expect(rejected).toHaveLength(9);
    expect(new Set(rejected.map((row) => row.reason))).toEqual(
      new Set(['class "GTDPRO" is not in the class map (it maps GTD)']),
    );
    expect(result.classification.map((row) => row.classPosition)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
    ]);
  });
});

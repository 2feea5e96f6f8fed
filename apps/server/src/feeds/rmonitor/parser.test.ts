import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter';
import { parseClockMs, parseLine, parseRecord, splitFields, type ParsedLine } from './parser';

const one = (line: string): ParsedLine => {
  const records = parseLine(line);
  expect(records).toHaveLength(1);
  return records[0]!;
};

describe('the RMonitor v1.0 spec examples', () => {
  it('$F heartbeat: laps to go, clocks in ms, the padded flag', () => {
    expect(one('$F,14,"00:12:45","13:34:23","00:09:47","Green "')).toEqual({
      kind: 'heartbeat',
      lapsToGo: 14,
      timeToGoMs: 765_000,
      timeOfDayMs: (13 * 3600 + 34 * 60 + 23) * 1000,
      raceTimeMs: 587_000,
      flag: 'green',
    });
  });

  it('$A and $COMP competitor records', () => {
    expect(one('$A,"1234BE","12X",52474,"John","Johnson","USA",5')).toEqual({
      kind: 'competitor',
      source: 'A',
      registration: '1234BE',
      number: '12X',
      transponder: 52474,
      firstName: 'John',
      lastName: 'Johnson',
      nationality: 'USA',
      classNumber: 5,
    });
    expect(one('$COMP,"1234BE","12X",5,"John","Johnson","USA","CAMEL"')).toEqual({
      kind: 'competitor',
      source: 'COMP',
      registration: '1234BE',
      number: '12X',
      classNumber: 5,
      firstName: 'John',
      lastName: 'Johnson',
      nationality: 'USA',
      additionalData: 'CAMEL',
    });
  });

  it('$B run, $C class and $E settings', () => {
    expect(one('$B,5,"Friday free practice"')).toEqual({
      kind: 'run',
      runNumber: 5,
      description: 'Friday free practice',
    });
    expect(one('$C,5,"Formula 3000"')).toEqual({ kind: 'class', classNumber: 5, description: 'Formula 3000' });
    expect(one('$E,"TRACKNAME","Indianapolis Motor Speedway"')).toEqual({
      kind: 'setting',
      name: 'TRACKNAME',
      value: 'Indianapolis Motor Speedway',
    });
    expect(one('$E,"TRACKLENGTH","2.500"')).toEqual({ kind: 'setting', name: 'TRACKLENGTH', value: '2.500' });
  });

  it('$G race and $H practice results', () => {
    expect(one('$G,3,"1234BE",14,"01:12:47.872"')).toEqual({
      kind: 'race',
      position: 3,
      registration: '1234BE',
      laps: 14,
      totalTimeMs: 4_367_872,
    });
    expect(one('$H,2,"1234BE",3,"00:02:17.872"')).toEqual({
      kind: 'practice',
      position: 2,
      registration: '1234BE',
      bestLapNumber: 3,
      bestLapMs: 137_872,
    });
  });

  it('$I init, $J passing and $COR correction', () => {
    expect(one('$I,"16:36:08.000","12 jan 01"')).toEqual({ kind: 'init', timeOfDayMs: 59_768_000, date: '12 jan 01' });
    expect(one('$J,"1234BE","00:02:03.826","01:42:17.672"')).toEqual({
      kind: 'passing',
      registration: '1234BE',
      lapTimeMs: 123_826,
      totalTimeMs: 6_137_672,
    });
    expect(one('$COR,"123BE","658",2,"00:00:35.272","+00:00:00.012"')).toEqual({
      kind: 'correction',
      registration: '123BE',
      number: '658',
      laps: 2,
      totalTimeMs: 35_272,
      correctionMs: 12,
    });
    expect(one('$COR,"123BE","658",2,"00:00:35.272","-00:00:01.500"')).toMatchObject({ correctionMs: -1500 });
  });
});

describe('the IMSA Enhanced RMon v1.03 additions', () => {
  it('$L line crossings tell pit lane from track', () => {
    expect(one('$L,"13","P2","POP","01/27/2009","10:10:20.589",1,"PC"')).toEqual({
      kind: 'line-crossing',
      carNumber: '13',
      timeLine: 'P2',
      timeLineName: 'POP',
      date: '01/27/2009',
      timeOfDayMs: 36_620_589,
      inPitLane: false,
      driverId: 1,
      className: 'PC',
    });
    expect(one('$L,"8","P1","SFP","01/27/2009","10:10:23.494",0,"GT3P"')).toMatchObject({
      inPitLane: true,
      driverId: 0,
    });
    expect(one('$L,"87","P3","PIP","01/27/2009","10:02:49.185"')).toMatchObject({ inPitLane: true });
    expect(one('$L,"21","T1","SFT","01/27/2009","10:03:11.603"')).toMatchObject({ inPitLane: false });
    expect(one('$L,"Tx339393","T4","S04","01/27/2009","10:03:11.603"')).toMatchObject({
      carNumber: 'Tx339393',
      inPitLane: false,
    });
    expect(one('$L,"21","X1","ABC","01/27/2009","10:03:11.603"')).toMatchObject({ kind: 'rejected' });
  });

  it('$T track description with its sections', () => {
    const record = one(
      '$T,"Circuit of the Americas","COTA","3.40",3,"S01","T1","T2",3375,"S02","T2","T3",36559,"PIT","PB","P2",19688',
    );
    expect(record).toEqual({
      kind: 'track',
      name: 'Circuit of the Americas',
      shortName: 'COTA',
      distance: '3.40',
      sections: [
        { name: 'S01', startLine: 'T1', endLine: 'T2', distanceInches: 3375 },
        { name: 'S02', startLine: 'T2', endLine: 'T3', distanceInches: 36559 },
        { name: 'PIT', startLine: 'PB', endLine: 'P2', distanceInches: 19688 },
      ],
    });
    expect(one('$T,"Circuit of the Americas","COTA","3.40",15,"S01","T1","T2",3375')).toMatchObject({
      kind: 'rejected',
      reason: '$T needs 64 fields, got 8 (truncated line?)',
    });
  });

  it('$COMP status: Retired and Excluded, anything else is a running car', () => {
    expect(one('$COMP,"7","7",1,"Joel","Feinberg","Retired",""')).toMatchObject({ status: 'retired' });
    expect(one('$COMP,"7","7",1,"Joel","Feinberg","EXCLUDED",""')).toMatchObject({ status: 'excluded' });
    expect(one('$COMP,"21","21",1,"","Dominik Farnbacher","Panoz Esperante",""')).not.toHaveProperty('status');
  });

  it('maps every flag word, padded or blank', () => {
    const flagOf = (flag: string) =>
      (one(`$F,9999,"00:00:00","08:00:00","00:00:00","${flag}"`) as { flag?: string }).flag;
    expect(['Green ', 'Yellow', 'Red   ', 'Finish', 'FCY   ', '      ', ''].map(flagOf)).toEqual([
      'green',
      'yellow',
      'red',
      'checkered',
      'fcy',
      'none',
      'none',
    ]);
    expect(one('$F,9999,"00:00:00","08:00:00","00:00:00","Purple"')).toEqual({
      kind: 'rejected',
      reason: '$F flag "Purple" is not Green, Yellow, Red, Finish, FCY or blank',
      line: '$F,9999,"00:00:00","08:00:00","00:00:00","Purple"',
    });
  });
});

describe('odd lines real feeds send', () => {
  it('placeholders: empty laps, zero and 00:59:59.999 times are "no time yet"', () => {
    expect(one('$G,1,"1",,"00:00:00.000"')).toEqual({ kind: 'race', position: 1, registration: '1' });
    expect(one('$G,2,"45",,"00:59:59.999"')).toEqual({ kind: 'race', position: 2, registration: '45' });
    expect(one('$H,1,"21",0,"00:59:59.999"')).toEqual({ kind: 'practice', position: 1, registration: '21' });
    expect(one('$J,"21","00:00:00.000","00:00:56.665"')).toEqual({
      kind: 'passing',
      registration: '21',
      totalTimeMs: 56_665,
    });
    expect(one('$I,"10:03:08","27 Jan 09"')).toEqual({ kind: 'init', timeOfDayMs: 36_188_000, date: '27 Jan 09' });
  });

  it('names with slashes and doubled spaces, commas inside quotes, doubled quotes', () => {
    expect(one('$COMP,"28","28",1,"Gigliotti / Drissi /","Ruhlman / Goossens","Riley Corvette  C6",""')).toMatchObject({
      firstName: 'Gigliotti / Drissi /',
      lastName: 'Ruhlman / Goossens',
    });
    expect(one('$A,"5","5",1005,"Jr, Michael","O""Neil","",1')).toMatchObject({
      firstName: 'Jr, Michael',
      lastName: 'O"Neil',
      classNumber: 1,
    });
  });

  it('CR LF, a byte-order mark, a timestamp or banner before the $', () => {
    expect(one('\uFEFF$C,1,"Formula Vee"\r')).toEqual({ kind: 'class', classNumber: 1, description: 'Formula Vee' });
    expect(one('2024-05-04 14:02:11.123 $C,1,"GSX"')).toEqual({ kind: 'class', classNumber: 1, description: 'GSX' });
    expect(one('Welcome to the Orbits RMonitor feed')).toEqual({ kind: 'unknown' });
    expect(one('')).toEqual({ kind: 'unknown' });
    expect(one('$Q,"something new"')).toEqual({ kind: 'unknown', command: 'Q' });
  });

  it('truncated lines are rejected with the reason, never half-read', () => {
    expect(one('$G,8,"21",12,"00:50:4')).toMatchObject({
      kind: 'rejected',
      reason: 'unterminated quoted field (truncated line?)',
    });
    expect(one('$J,"21","00:02:03.242"')).toMatchObject({
      kind: 'rejected',
      reason: '$J needs 3 fields, got 2 (truncated line?)',
    });
    expect(one('$G,x,"21",12,"00:50:47.338"')).toMatchObject({ reason: '$G position "x" is not a whole number' });
    expect(one('$G,0,"21",12,"00:50:47.338"')).toMatchObject({ reason: '$G position must be 1 or more, got 0' });
    expect(one('$G,3,"",12,"00:50:47.338"')).toMatchObject({ reason: '$G registration number is empty' });
    expect(one('$J,"21","00:61:03.242","00:50:47.338"')).toMatchObject({
      reason: '$J lap time "00:61:03.242" is not a time',
    });
    expect(one('$C,1,"LMP2"x')).toMatchObject({ reason: 'unexpected text after quoted field 3' });
  });

  it('two records run together: the truncated first is rejected, the second is read', () => {
    const records = parseLine('$G,3,"45",12,"00:5$F,9999,"00:00:00","08:50:42","00:50:43","Green "');
    expect(records.map((record) => record.kind)).toEqual(['rejected', 'heartbeat']);
  });
});

describe('field and time helpers', () => {
  it('splitFields keeps empty fields', () => {
    expect(splitFields('$G,1,"1",,"00:00:00.000"')).toEqual(['$G', '1', '1', '', '00:00:00.000']);
    expect(splitFields('$X,')).toEqual(['$X', '']);
  });

  it('parseClockMs reads hours, minutes, seconds and 1 to 3 decimals', () => {
    expect(['01:12:47.872', '00:09:47', '1:23.4', '59.06', '25:00:00'].map(parseClockMs)).toEqual([
      4_367_872, 587_000, 83_400, 59_060, 90_000_000,
    ]);
    expect(['', 'x', '1:2:3:4', '00:00:00.0001', '00:60:00'].map(parseClockMs)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('parseRecord never throws on garbage', () => {
    for (const text of ['$', '$,', '$F', '$F,', '$G,,,,', '$T,"a","b","c",-1', '$COR,"1","2",x,"0","+"', '"$A,']) {
      expect(() => parseRecord(text)).not.toThrow();
    }
  });
});

describe('LineSplitter', () => {
  it('joins lines split across chunks, CR LF or LF, and keeps the partial tail', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('$C,1,"GT')).toEqual([]);
    expect(splitter.push('D"\r\n$C,2,"LMP3"\n$F,9')).toEqual(['$C,1,"GTD"', '$C,2,"LMP3"']);
    expect(splitter.reset()).toBe('$F,9');
    expect(splitter.push('$B,1,"Race"\n')).toEqual(['$B,1,"Race"']);
  });

  it('decodes a multi-byte character split between chunks and drops the byte-order mark', () => {
    const bytes = Buffer.from('\uFEFF$A,"1","1",1,"Sébastien","Bourdais","",1\n', 'utf8');
    const cut = bytes.indexOf(0xa9); // the second byte of é
    const splitter = new LineSplitter();
    expect([...splitter.push(bytes.subarray(0, cut)), ...splitter.push(bytes.subarray(cut))]).toEqual([
      '$A,"1","1",1,"Sébastien","Bourdais","",1',
    ]);
  });
});

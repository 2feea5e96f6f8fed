import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger';
import { startServer, type RunningServer } from '../server';
import { DATABASE_FILE } from '../storage/sqlite/sqlite-storage';
import { openResultsStore } from '../storage/sqlite/results-store';
import { loadCatalog } from './catalog';
import { importAlkamelResults, ImportError } from './import-results';
import type { RaceResult } from '@pitwall/shared';

/**
 * Official results files as IMSA publishes them (Al Kamel's full header: no MANUFACTURER column,
 * drivers in numbered slots, status words), imported into VP Racing's 2024 season.
 */
const HEADER =
  'POSITION,NUMBER,STATUS,LAPS,TOTAL_TIME,GAP_FIRST,GAP_PREVIOUS,FL_LAPNUM,FL_TIME,FL_KPH,TEAM,CLASS,GROUP,DIVISION,VEHICLE,TIRES,' +
  'IMSA_CarId,IMSA_TeamId,IMSA_ClassId,IMSA_CarTypeId,IMSA_ManufacturerId,IMSA_TireId,IMSA_SponsorId,IMSA_EventEntryId,*Extra 9,*Extra 10,' +
  'DRIVER1_FIRSTNAME,DRIVER1_SECONDNAME,DRIVER1_LICENSE,DRIVER1_HOMETOWN,DRIVER1_COUNTRY,' +
  'DRIVER2_FIRSTNAME,DRIVER2_SECONDNAME,DRIVER2_LICENSE,DRIVER2_HOMETOWN,DRIVER2_COUNTRY,';

const row = (
  position: string,
  number: string,
  status: string,
  laps: number,
  team: string,
  className: string,
  vehicle: string,
  driver: string,
) => {
  const [first, ...rest] = driver.split(' ');
  return `${position},${number},${status},${laps},,,,5,1:25.${100 + Number(number)},160.1,${team},${className},,,${vehicle},M,,,,,,,,,,,${first},${rest.join(' ')},Bronze,"Atlanta, GA",USA,,,,,,`;
};

const file = (rows: string[]) => `\uFEFF${HEADER}\n${rows.join('\n')}\n`;

const atlantaRace12 = [
  row('1', '87', 'Classified', 29, 'FastMD Racing with Remstar', 'LMP3', 'Duqueine D-08', 'Jagger Jones'),
  row('2', '6', 'Classified', 29, 'MLT Motorsports', 'LMP3', 'Ligier JS P320', 'Steven Aghakhani'),
  row('3', '59', 'Classified', 26, 'KohR Motorsports', 'GSX', 'Ford Mustang GT4', 'Luca Mars'),
  // #19 changed make during the season and has no driver entered for race 12: no manufacturer.
  row('4', '19', 'Classified', 26, 'Stephen Cameron Racing', 'GSX', 'Ford Mustang GT4', 'Sean Quinlan'),
  row('5', '88', 'Not classified', 12, 'Split Decision Motorsports', 'GSX', 'BMW M4 GT4 Gen II', 'Patrick Wilmot'),
  row('6', '45', 'Retired', 3, 'Ruckus Racing', 'GSX', 'Aston Martin Vantage AMR GT4', 'Scott Blind'),
  row('', '72', 'Not started', 0, 'Rebel Rock Racing', 'GSX', 'Aston Martin Vantage AMR GT4 Evo', 'Frank DePew'),
  row('', '21', 'Disqualified', 26, 'Motorsport in Action', 'GSX', 'McLaren Artura GT4', 'Jesse Lazare'),
];
const CLASS_MAP = new Map([
  ['LMP3', 'LMP3'],
  ['GSX', 'GSX'],
]);
const OPTIONS = { seriesId: 'vp-sportscar-challenge', race: 12, classMap: CLASS_MAP, source: 'atl-race2.csv' };

function memoryStore() {
  const saved: RaceResult[] = [];
  return { saved, saveRaceResult: (_series: string, _year: number, result: RaceResult) => void saved.push(result) };
}

describe('importing an official results file into VP Racing', () => {
  const catalog = loadCatalog();

  it('takes each manufacturer from the entry list, maps every status word, and warns of a car no manufacturer is known for', () => {
    const store = memoryStore();
    const { result, warnings } = importAlkamelResults(file(atlantaRace12), catalog, store, OPTIONS);
    expect(store.saved).toEqual([result]);
    expect(result.classification.map((r) => [r.number, r.status, r.manufacturer, r.position])).toEqual([
      ['87', 'classified', 'Duqueine', 1],
      ['6', 'classified', 'Ligier', 2],
      ['59', 'classified', 'Ford', 3],
      ['19', 'classified', undefined, 4],
      ['88', 'retired', 'BMW', 5],
      ['45', 'retired', 'Aston Martin', 6],
      ['72', 'dns', 'Aston Martin', undefined],
      ['21', 'excluded', 'McLaren', undefined],
    ]);
    expect(warnings).toEqual([
      "car #19 (Stephen Cameron Racing): no manufacturer in the file or the season's entry list, so it scores nothing in GSX Manufacturers' Championship",
    ]);
  });

  it('refuses a file whose POSITION column skips a number, naming the line, and saves nothing', () => {
    const store = memoryStore();
    const skipping = [...atlantaRace12.slice(0, 3), atlantaRace12[3]!.replace(/^4,/, '30,')];
    expect(() => importAlkamelResults(file(skipping), catalog, store, OPTIONS)).toThrow(
      new ImportError(
        '1 row(s) refused, nothing imported:\n  line 5: POSITION 30 skips a place: positions 4-29 are missing from the file',
      ),
    );
    expect(store.saved).toEqual([]);
  });
});

describe('an imported result counts in standings at once, without a restart', () => {
  let dataDir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'pitwall-import-'));
    server = await startServer({ port: 0, feedToken: 'token', dataDir, log: silentLogger });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const standings = async (championship: string) => {
    const response = await fetch(`${server.pitwall.url}/api/series/vp-sportscar-challenge/standings?after=12`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      championships: { id: string; standings: { competitor: string; points: number }[] }[];
    };
    const table = body.championships.find((c) => c.id === championship)!.standings;
    return new Map(table.map((r) => [r.competitor, r.points]));
  };

  it('imported by another process (the CLI) into the server data folder', async () => {
    const before = await standings('gsx-manufacturers');
    expect(before.get('Ford')).toBe(3240);
    // What `pitwall import` does: its own connection to the server's database.
    const store = openResultsStore(path.join(dataDir, DATABASE_FILE));
    try {
      importAlkamelResults(file(atlantaRace12), loadCatalog(), store, OPTIONS);
    } finally {
      store.close();
    }
    const after = await standings('gsx-manufacturers');
    // Ford's #59 leads GSX; #19 scores for nobody, so BMW's #88 ranks 2nd among manufacturers.
    expect(after.get('Ford')).toBe(3240 + 350);
    expect(after.get('BMW')).toBe(before.get('BMW')! + 320);
    expect((await standings('lmp3-drivers')).get('Jagger Jones')).toBe(3310);
  });
});

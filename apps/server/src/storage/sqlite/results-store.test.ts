import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RaceResult } from '@pitwall/shared';
import { openResultsStore, type ResultsStore } from './results-store';

const result = (race: number, winner: string): RaceResult => ({
  race,
  classification: [
    {
      number: winner,
      drivers: ['Gresham Wagner'],
      team: 'Hixon Motor Sports',
      classId: 'MX5',
      position: 1,
      classPosition: 1,
      status: 'classified',
      lapsLed: 12,
    },
    {
      number: '99',
      drivers: ['Jared Thomas'],
      team: 'JTR Motorsports Engineering',
      classId: 'MX5',
      position: 2,
      classPosition: 2,
      status: 'retired',
    },
  ],
  grid: ['99', winner],
});

describe('results store', () => {
  let dir: string;
  let file: string;
  let store: ResultsStore;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pitwall-results-'));
    file = path.join(dir, 'pitwall.db');
    store = openResultsStore(file);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('changes its revision when a result is saved here or by another process, and not otherwise', () => {
    const before = store.revision();
    expect(store.revision()).toBe(before);
    store.saveRaceResult('mx5-cup', 2024, result(1, '5'), 'first.csv');
    const afterOwn = store.revision();
    expect(afterOwn).not.toBe(before);
    const importer = openResultsStore(file);
    try {
      importer.saveRaceResult('mx5-cup', 2024, result(2, '5'), 'second.csv');
    } finally {
      importer.close();
    }
    expect(store.revision()).not.toBe(afterOwn);
    expect(store.raceResults('mx5-cup', 2024).map((r) => r.race)).toEqual([1, 2]);
  });

  it('returns a season by race number, apart from other seasons and series', () => {
    store.saveRaceResult('mx5-cup', 2024, result(2, '47'), 'alkamel:02_Race 2.CSV');
    store.saveRaceResult('mx5-cup', 2024, result(1, '7'), 'alkamel:01_Race 1.CSV');
    store.saveRaceResult('mx5-cup', 2023, result(1, '18'), 'season file');
    store.saveRaceResult('porsche-carrera-cup', 2024, result(1, '1'), 'season file');
    expect(store.raceResults('mx5-cup', 2024)).toEqual([result(1, '7'), result(2, '47')]);
    expect(store.raceResults('mx5-cup', 2023)).toEqual([result(1, '18')]);
    expect(store.raceResults('mx5-cup', 2022)).toEqual([]);
  });

  it('replaces an earlier result for the same race and keeps the newer source', () => {
    store.saveRaceResult('mx5-cup', 2024, result(1, '7'), 'live timing');
    store.saveRaceResult('mx5-cup', 2024, result(1, '47'), 'alkamel:01_Race 1.CSV');
    expect(store.raceResults('mx5-cup', 2024)).toEqual([result(1, '47')]);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT source FROM race_results').pluck().all()).toEqual(['alkamel:01_Race 1.CSV']);
    db.close();
  });

  it('survives a reopen', () => {
    store.saveRaceResult('mx5-cup', 2024, result(1, '7'), 'live timing');
    store.close();
    store = openResultsStore(file);
    expect(store.raceResults('mx5-cup', 2024)).toEqual([result(1, '7')]);
  });

  it('refuses invalid input with a clear error and stores nothing', () => {
    const noDrivers = { ...result(1, '7'), classification: [{ ...result(1, '7').classification[0]!, drivers: [] }] };
    expect(() => store.saveRaceResult('mx5-cup', 2024, noDrivers, 'x')).toThrow(
      /race result is invalid: .*classification\.0\.drivers/s,
    );
    expect(() => store.saveRaceResult('MX5 Cup', 2024, result(1, '7'), 'x')).toThrow(/season is invalid: .*seriesId/s);
    expect(() => store.saveRaceResult('mx5-cup', 24.5, result(1, '7'), 'x')).toThrow(/season is invalid: .*year/s);
    expect(() => store.saveRaceResult('mx5-cup', 2024, result(1, '7'), '  ')).toThrow(/result source is invalid/);
    expect(() => store.raceResults('../etc', 2024)).toThrow(/season is invalid/);
    expect(store.raceResults('mx5-cup', 2024)).toEqual([]);
  });

  it('fails loudly on a damaged stored result rather than leaving a race out of the standings', () => {
    store.saveRaceResult('mx5-cup', 2024, result(1, '7'), 'live timing');
    const db = new Database(file);
    db.prepare('UPDATE race_results SET payload = \'{"race":1}\'').run();
    db.close();
    expect(() => store.raceResults('mx5-cup', 2024)).toThrow(
      /stored result mx5-cup 2024 race 1 is invalid: .*classification/s,
    );
  });
});

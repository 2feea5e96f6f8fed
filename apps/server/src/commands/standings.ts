import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { loadCatalog, type Catalog } from '../catalog/catalog';
import { withStoredResults } from '../catalog/stored-results';
import { printStandings } from '../championships/print';
import { SeasonQueryError, seasonStandings } from '../championships/season';
import { openResultsStore } from '../storage/sqlite/results-store';
import { DATABASE_FILE } from '../storage/sqlite/sqlite-storage';
import { DEFAULTS } from './defaults';
import { raceNumber, UsageError } from './options';
import type { CliOutput } from './program';

interface StandingsOptions {
  series?: string;
  after?: number;
  json?: boolean;
  dataDir?: string;
}

/** `standings`: every championship of a series after a race of its season, as text or JSON. */
export function standingsCommand(output: CliOutput): Command {
  return new Command('standings')
    .description('Every championship of a series after a race of its season.')
    .option('--series <id>', 'series id (mx5-cup, vp-sportscar-challenge, carrera-cup-na, ...)')
    .addOption(
      new Option('--after <race>', 'standings after this race number (default: every completed race)').argParser(
        raceNumber,
      ),
    )
    .option('--json', 'JSON: {"championships":[{"id","name","standings":[{"position","name","points",...}]}]}')
    .option('--data-dir <dir>', `include results imported there (default: ${DEFAULTS.dataDir}, when it exists)`)
    .action((options: StandingsOptions) => standings(options, output));
}

function standings(options: StandingsOptions, output: CliOutput): void {
  const catalog = catalogWithImports(options.dataDir);
  const seriesId = options.series;
  if (!seriesId) throw new UsageError(`--series is required (one of: ${[...catalog.series.keys()].join(', ')})`);
  const result = askSeason(() => seasonStandings(catalog, seriesId, options.after));
  output.out(
    options.json ? JSON.stringify({ championships: result.championships }, null, 2) + '\n' : printStandings(result),
  );
}

/** A question the season cannot answer is the user's to fix: a usage error naming the option. */
function askSeason<T>(ask: () => T): T {
  try {
    return ask();
  } catch (error) {
    if (!(error instanceof SeasonQueryError)) throw error;
    throw new UsageError(error.option ? `--${error.option} ${error.message}` : error.message);
  }
}

/** The season files with the results imported into the data dir, when there is one. */
function catalogWithImports(dataDir: string | undefined): Catalog {
  const database = path.join(path.resolve(dataDir ?? DEFAULTS.dataDir), DATABASE_FILE);
  if (!existsSync(database)) {
    if (dataDir !== undefined)
      throw new UsageError(`--data-dir ${dataDir} holds no Pitwall data (${database} does not exist)`);
    return loadCatalog();
  }
  // Left open for the command's life: the catalog reads the stored results when asked.
  return withStoredResults(loadCatalog(), openResultsStore(database));
}

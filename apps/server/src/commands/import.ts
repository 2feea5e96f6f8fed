import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { loadCatalog } from '../catalog/catalog';
import { importAlkamelResults } from '../catalog/import-results';
import { openResultsStore } from '../storage/sqlite/results-store';
import { DATABASE_FILE } from '../storage/sqlite/sqlite-storage';
import { classMap, dataDirOption, raceNumber, UsageError } from './options';
import type { CliOutput } from './program';

interface ImportOptions {
  series: string;
  race: number;
  classMap?: Map<string, string>;
  dataDir: string;
}

/** `import <results.csv>`: an Al Kamel results file saved as a race result of a series' season. */
export function importCommand(output: CliOutput): Command {
  return new Command('import')
    .description("Save an Al Kamel results CSV as a race result of a series' current season.")
    .argument('<results.csv>', 'the official results file')
    .requiredOption('--series <id>', 'series id')
    .addOption(new Option('--race <n>', 'race number in the season').argParser(raceNumber).makeOptionMandatory())
    .addOption(
      new Option(
        '--class-map <A=B,..>',
        'Al Kamel CLASS to series class ids; every class of the file (required)',
      ).argParser(classMap),
    )
    .addOption(dataDirOption())
    .action((file: string, options: ImportOptions) => importResults(file, options, output));
}

function importResults(file: string, options: ImportOptions, output: CliOutput): void {
  // Checked here rather than made mandatory, to say why the file's names do not do.
  if (options.classMap === undefined)
    throw new UsageError(
      '--class-map is required (e.g. GTD=GSX,LMP3=LMP3): results name classes as the timing system does',
    );
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const text = readFileSync(file, 'utf8');
  const source = path.basename(file);
  const database = path.join(path.resolve(options.dataDir), DATABASE_FILE);
  const store = openResultsStore(database);
  try {
    const { year, result, warnings } = importAlkamelResults(text, loadCatalog(), store, {
      seriesId: options.series,
      race: options.race,
      classMap: options.classMap,
      source,
    });
    output.out(
      `imported ${source} as race ${result.race} of ${options.series} ${year}: ${result.classification.length} cars, into ${database}\n`,
    );
    for (const warning of warnings) output.err(`warning: ${warning}\n`);
  } finally {
    store.close();
  }
}

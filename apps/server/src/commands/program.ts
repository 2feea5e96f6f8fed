import { Command, CommanderError } from 'commander';
import { importCommand } from './import';
import { UsageError } from './options';
import { replayCommand } from './replay';
import { serveCommand } from './serve';
import { standingsCommand } from './standings';

/** Where the commands write: the process's stdout and stderr, or a test's buffers. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes: a command line the user must fix, and a command that failed while running. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** What to run for help: the command's own options when the command is known. */
function usageHint(command?: string): string {
  return `Run 'npm run pitwall -- ${command ?? '<command>'} --help' for ${command ? 'its' : 'the'} options.`;
}

/** The `pitwall` command line; commander reads it and writes help and errors to `output`. */
export function pitwallProgram(output: CliOutput): Command {
  const program = new Command('pitwall')
    .usage('<command> [options]   (npm run pitwall -- <command> [options])')
    .description('Pitwall: live timing with class splits and projected championship standings.')
    // Set before the commands are added, so that each of them takes these settings too.
    .configureOutput({ writeOut: (text) => output.out(text), writeErr: (text) => output.err(text) })
    .showHelpAfterError(usageHint())
    .exitOverride();
  for (const command of [serveCommand(), replayCommand(), importCommand(output), standingsCommand(output)]) {
    program.addCommand(command.copyInheritedSettings(program).showHelpAfterError(usageHint(command.name())));
  }
  return program;
}

/**
 * Runs a command line: the exit code once the command has done its work (a server keeps running
 * after), `usage` for a command line to fix (help and errors were written), `failed` otherwise.
 */
export async function runPitwall(argv: readonly string[], output: CliOutput): Promise<number> {
  const program = pitwallProgram(output);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.ok;
    }
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // Commander has written its message (or the help asked for) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError) {
      output.err(`error: ${error.message}\n${usageHint(argv[0])}\n`);
      return EXIT.usage;
    }
    output.err(`pitwall: ${(error as Error).message}\n`);
    return EXIT.failed;
  }
}

import { EXIT, runPitwall } from './commands/program';

// Piping into `head` closes stdout early; that is not an error of the command.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const output = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
};

void runPitwall(process.argv.slice(2), output).then((code) => {
  // A failed command may have left a server half started: end the process rather than wait on it.
  if (code !== EXIT.ok) process.exit(code);
});

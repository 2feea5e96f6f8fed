import pino, { type Logger as PinoLogger } from 'pino';
import pretty from 'pino-pretty';

/**
 * The server's log: pino underneath (Fastify logs through the same instance), one call per event
 * with a message and key/value fields, so a race engineer can grep a log during a session.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  readonly pino: PinoLogger;
}

export function fromPino(base: PinoLogger): Logger {
  return {
    info: (message, fields) => base.info(fields ?? {}, message),
    warn: (message, fields) => base.warn(fields ?? {}, message),
    error: (message, fields) => base.error(fields ?? {}, message),
    pino: base,
  };
}

/**
 * Info to stdout, warnings and errors to stderr (a command's output stays clean when piped).
 * Readable lines in a terminal; one JSON object per line otherwise, for log collectors.
 */
export function consoleLogger(options: { quiet?: boolean } = {}): Logger {
  const level = options.quiet ? 'warn' : 'info';
  const stream = (fd: 1 | 2) =>
    process.stdout.isTTY
      ? pretty({ destination: fd, sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss.l', singleLine: true })
      : pino.destination({ fd, sync: true });
  const base = pino(
    { level, base: undefined, formatters: { level: (label) => ({ level: label }) } },
    pino.multistream(
      [
        { level: 'info', stream: stream(1) },
        { level: 'warn', stream: stream(2) },
      ],
      { dedupe: true },
    ),
  );
  return fromPino(base);
}

export const silentLogger: Logger = fromPino(pino({ enabled: false }));

/** One line per event, key=value fields, so a race engineer can grep a log during a session. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function format(level: string, message: string, fields?: Record<string, unknown>): string {
  const extra = fields
    ? Object.entries(fields)
        .map(([key, value]) => `${key}=${typeof value === 'string' ? JSON.stringify(value) : String(value)}`)
        .join(' ')
    : '';
  return `${new Date().toISOString()} ${level} ${message}${extra ? ' ' + extra : ''}`;
}

export function consoleLogger(options: { quiet?: boolean } = {}): Logger {
  return {
    info: (message, fields) => {
      if (!options.quiet) console.log(format('info', message, fields));
    },
    warn: (message, fields) => console.warn(format('warn', message, fields)),
    error: (message, fields) => console.error(format('error', message, fields)),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

import pino, { Logger } from 'pino';

export type { Logger };

/** The process logger: JSON lines on stdout, level from LOG_LEVEL (default info). */
export function createLogger(name: string, level = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ name, level, base: { service: name } });
}

import { SourceFailureReason } from '@psea/contract';

/** SQLSTATE classes and codes that mean the database is not there for us, not that a statement was wrong. */
const UNAVAILABLE_STATES = [
  /^08/, // connection exception
  /^53/, // insufficient resources (too many connections, out of memory or disk)
  /^57P0[1-4]$/, // administrator or crash shutdown, cannot connect now, database dropped
  /^3D000$/, // the database does not exist
  /^28/, // invalid authorisation
  /^55000$/, // e.g. "database is not currently accepting connections"
  /^58/, // system error (I/O)
];
const STATEMENT_TIMEOUT = '57014';
/** What node-postgres says when a connection dies or cannot be made in time. */
const DRIVER_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/**
 * Whether an error thrown while reading the source's database means the database is unavailable
 * (or too slow) rather than a defect: such a failure makes this source missing from an answer,
 * not the whole answer wrong. TypeORM wraps the driver's error in `driverError`.
 */
export function databaseFailure(error: unknown): SourceFailureReason | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; depth++) {
    const { code, driverError, cause } = e as { code?: unknown; driverError?: unknown; cause?: unknown };
    if (code === STATEMENT_TIMEOUT) return SourceFailureReason.DATABASE_TIMEOUT;
    if (typeof code === 'string' && UNAVAILABLE_STATES.some((state) => state.test(code))) return SourceFailureReason.DATABASE;
    // Socket errors from the driver: ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND...
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return SourceFailureReason.DATABASE;
    if (DRIVER_MESSAGES.test(e.message)) return SourceFailureReason.DATABASE;
    e = driverError ?? cause;
  }
  return undefined;
}

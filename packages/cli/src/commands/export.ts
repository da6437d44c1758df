import { closeSync, createWriteStream, fchmodSync, openSync, rmSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { exportCsv, recordExport } from '@psea/subgraph-kit';
import { CliError } from '../cli-error';
import { findSource } from '../sources';
import { loadDefinition, openSourceDatabase } from '../source-database';

/** Opens the output for the owner only (0600), also when the file existed with wider rights. */
function privateFile(out: string): NodeJS.WritableStream {
  const fd = openSync(out, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return createWriteStream(out, { fd });
}

/** The operating-system user running the command (its uid where no user name is known). */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

/**
 * `psea export --source <name> [--out file]`: the source's records in the ingestion format.
 * The export is audited at the source (who, when, how many records); the file is the owner's
 * alone. When the audit row cannot be written, the file is removed and the command fails.
 */
export async function exportSource(sourceName: string, out: string | undefined, print: (line: string) => void): Promise<number> {
  const source = findSource(sourceName);
  const definition = loadDefinition(source);
  const dataSource = await openSourceDatabase(source, definition);
  try {
    const count = await exportCsv(dataSource, definition, out ? (privateFile(out) as never) : process.stdout);
    try {
      await recordExport(dataSource, `${osUser()}@${hostname()}`, count);
    } catch (error) {
      if (out) rmSync(out, { force: true });
      throw new CliError(`${source.name}: the export could not be audited, so it was withdrawn: ${(error as Error).message}`);
    }
    if (out) print(`${source.name}: ${count} records written to ${out} (subject identifiers are never exported)`);
    return count;
  } finally {
    await dataSource.destroy();
  }
}

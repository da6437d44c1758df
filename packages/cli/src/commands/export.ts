import { createWriteStream } from 'node:fs';
import { exportCsv } from '@psea/subgraph-kit';
import { findSource } from '../sources';
import { loadDefinition, openSourceDatabase } from '../source-database';

/** `psea export --source <name> [--out file]`: the source's records in the ingestion format. */
export async function exportSource(sourceName: string, out: string | undefined, print: (line: string) => void): Promise<number> {
  const source = findSource(sourceName);
  const definition = loadDefinition(source);
  const dataSource = await openSourceDatabase(source, definition);
  try {
    const count = await exportCsv(dataSource, definition, out ? createWriteStream(out) : process.stdout);
    if (out) print(`${source.name}: ${count} records written to ${out} (subject identifiers are never exported)`);
    return count;
  } finally {
    await dataSource.destroy();
  }
}

import { Readable } from 'node:stream';
import { stringify as stringifySync } from 'csv-stringify/sync';
import type { DataSource } from 'typeorm';
import { referenceRecords } from '@psea/reference-data';
import {
  IngestResult,
  PseudonymKeys,
  SubgraphDefinition,
  exportColumns,
  ingestCsv,
  isEmpty,
  recordToRow,
  rekeyLegacyPseudonyms,
} from '@psea/subgraph-kit';

/**
 * Loads the synthetic reference dataset into a source's empty database, through the same path as
 * any entity's file (`psea ingest`). Run by the development stack and `psea seed`, which hold the
 * deployment's screening key; never by a source's service, so production subgraphs do not carry
 * the reference dataset. Returns undefined when nothing was
 * loaded (the database holds records, or the source has no reference records).
 */
export async function seedReferenceData(
  dataSource: DataSource,
  definition: SubgraphDefinition,
  pseudonymKeys: PseudonymKeys,
): Promise<IngestResult | undefined> {
  await rekeyLegacyPseudonyms(dataSource, pseudonymKeys.source);
  const reference = referenceRecords(definition.source);
  if (reference.length === 0 || !(await isEmpty(dataSource, definition))) return undefined;
  const csv = stringifySync(
    reference.map((r) => recordToRow(r, true)),
    { header: true, columns: exportColumns(true) },
  );
  return ingestCsv({ dataSource, definition, pseudonymKeys, open: () => Readable.from([csv]) });
}

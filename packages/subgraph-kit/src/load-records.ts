import { AllegationRecord, recordProblems } from '@psea/contract';
import type { DataSource } from 'typeorm';
import type { SubgraphDefinition, WriteSummary } from './subgraph-definition';

export class InvalidRecordsError extends Error {
  constructor(readonly problems: string[]) {
    super(`${problems.length} invalid record(s); nothing was written:\n${problems.slice(0, 20).join('\n')}`);
  }
}

/**
 * Validates every record, then writes them all in one transaction through the source's own
 * mapping: all or nothing, and idempotent (a second load of the same records changes nothing).
 */
export async function loadRecords(
  dataSource: DataSource,
  definition: SubgraphDefinition,
  records: readonly AllegationRecord[],
): Promise<WriteSummary> {
  const problems = records.flatMap((record, i) =>
    recordProblems(record, definition.source).map(
      (p) => `record ${i + 1} (${record.reference}): ${p.field}: expected ${p.expected}`,
    ),
  );
  const references = new Set<string>();
  records.forEach((record, i) => {
    if (references.has(record.reference)) problems.push(`record ${i + 1}: reference ${record.reference} appears twice`);
    references.add(record.reference);
  });
  if (problems.length) throw new InvalidRecordsError(problems);
  return dataSource.transaction((manager) => definition.writeRecords(manager, records));
}

/** Whether the source holds no allegation yet. */
export async function isEmpty(dataSource: DataSource, definition: SubgraphDefinition): Promise<boolean> {
  const rows = (await dataSource.query(`SELECT EXISTS (SELECT 1 FROM ${definition.mapping.from}) AS present`)) as Array<{
    present: boolean;
  }>;
  return rows[0]?.present !== true;
}

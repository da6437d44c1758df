import { AllegationRecord, normalizeIdentifier, pseudonymize, recordProblems } from '@psea/contract';
import type { DataSource, EntityManager } from 'typeorm';
import type { SubgraphDefinition, WriteSummary } from './subgraph-definition';

export class InvalidRecordsError extends Error {
  constructor(readonly problems: string[]) {
    super(`${problems.length} invalid record(s); nothing was written:\n${problems.slice(0, 20).join('\n')}`);
  }
}

/**
 * Replaces the subjects' pseudonyms of the records just written: HMAC-SHA256 of the normalised
 * identifiers under the screening key. Identifiers themselves are never stored.
 */
async function syncPseudonyms(
  manager: EntityManager,
  definition: SubgraphDefinition,
  records: readonly AllegationRecord[],
  screeningKey: Buffer,
): Promise<void> {
  const { mapping } = definition;
  const found = (await manager.query(
    `SELECT ${mapping.id}::text AS id, ${mapping.reference} AS reference FROM ${mapping.from} WHERE ${mapping.reference} = ANY($1::text[])`,
    [records.map((r) => r.reference)],
  )) as Array<{ id: string; reference: string }>;
  const ids = new Map(found.map((r) => [r.reference, r.id]));
  const allegationIds: string[] = [];
  const pseudonyms: string[] = [];
  for (const record of records) {
    const id = ids.get(record.reference);
    if (id === undefined) continue;
    for (const pseudonym of new Set(record.subjectIds.map((raw) => pseudonymize(screeningKey, normalizeIdentifier(raw))))) {
      allegationIds.push(id);
      pseudonyms.push(pseudonym);
    }
  }
  await manager.query(
    'DELETE FROM subject_pseudonym s WHERE s.allegation_id = ANY($1::bigint[]) AND NOT EXISTS ' +
      '(SELECT 1 FROM unnest($2::bigint[], $3::text[]) AS u (a, p) WHERE u.a = s.allegation_id AND u.p = s.pseudonym)',
    [[...ids.values()], allegationIds, pseudonyms],
  );
  await manager.query(
    'INSERT INTO subject_pseudonym (allegation_id, pseudonym) SELECT * FROM unnest($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING',
    [allegationIds, pseudonyms],
  );
}

/**
 * Validates every record, then writes them all in one transaction through the source's own
 * mapping: all or nothing, and idempotent (a second load of the same records changes nothing).
 */
export async function loadRecords(
  dataSource: DataSource,
  definition: SubgraphDefinition,
  records: readonly AllegationRecord[],
  screeningKey: Buffer,
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
  return dataSource.transaction(async (manager) => {
    const summary = await definition.writeRecords(manager, records);
    await syncPseudonyms(manager, definition, records, screeningKey);
    return summary;
  });
}

/** Whether the source holds no allegation yet. */
export async function isEmpty(dataSource: DataSource, definition: SubgraphDefinition): Promise<boolean> {
  const rows = (await dataSource.query(`SELECT EXISTS (SELECT 1 FROM ${definition.mapping.from}) AS present`)) as Array<{
    present: boolean;
  }>;
  return rows[0]?.present !== true;
}

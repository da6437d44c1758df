import type { AllegationRecord } from '@psea/contract';
import { assert } from '@psea/contract';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import type { SubgraphDefinition, WriteSummary } from '../subgraph-definition';
import { RecordStaging } from './record-staging';

/**
 * Writes records already in hand (validated) through the source's writer, inside the manager's
 * transaction: they are staged as an ingest stages a file's rows, so there is one write path.
 * Stored pseudonyms are left as they are.
 */
export async function writeRecords(
  definition: SubgraphDefinition,
  manager: EntityManager,
  records: readonly AllegationRecord[],
): Promise<WriteSummary> {
  const client = (manager.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
  assert(client && manager.queryRunner?.isTransactionActive, 'writeRecords runs inside a transaction');
  const staging = await RecordStaging.open(client, definition.mapping);
  try {
    for (const [i, record] of records.entries()) await staging.add(i + 1, record, null);
  } catch (error) {
    await staging.abandon();
    throw error;
  }
  await staging.finish();
  return definition.writeStaged(manager, staging);
}

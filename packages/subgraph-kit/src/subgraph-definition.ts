import type { Source } from '@psea/contract';
import type { EntityManager } from 'typeorm';
import type { StagedRecords } from './ingest/record-staging';
import type { ContractMapping } from './sql/contract-mapping';

/**
 * Everything that makes one entity subgraph: its domain. The kit does the rest (schema,
 * federation, SQL, loaders, HTTP, migrations, shutdown). Its identity (contributor field,
 * default port, database variable) is the registry's: `sourceIdentity(source)`.
 */
export interface SubgraphDefinition {
  readonly source: Source;
  /**
   * Its native tables, described once: the migrations create them, the mapping reads them and
   * the writer fills them (`nativeTableProblems` checks that the three agree).
   */
  readonly migrations: Function[];
  /** How the native tables read as the contract. */
  readonly mapping: ContractMapping;
  /**
   * Writes validated, staged records into the native model, inside the caller's transaction:
   * inserts new references and updates changed ones (key: the source's reference), set-wise
   * from the staging table (`upsertSelect`), one statement per native table. Records in hand are
   * written through the same path by the kit's `writeRecords`.
   */
  writeStaged(manager: EntityManager, staged: StagedRecords): Promise<WriteSummary>;
}

export interface WriteSummary {
  inserted: number;
  updated: number;
  unchanged: number;
}

import type { AllegationRecord, Source } from '@psea/contract';
import type { EntityManager, EntitySchema, MixedList } from 'typeorm';
import type { ContractMapping } from './sql/contract-mapping';

/**
 * Everything that makes one entity subgraph: its domain. The kit does the rest (schema,
 * federation, SQL, loaders, HTTP, migrations, shutdown). Its identity (contributor field,
 * default port, database variable) is the registry's: `sourceIdentity(source)`.
 */
export interface SubgraphDefinition {
  readonly source: Source;
  // TypeORM's own types for entity and migration lists.

  readonly entities: MixedList<Function | string | EntitySchema>;

  readonly migrations: Function[];
  /** How the native tables read as the contract. */
  readonly mapping: ContractMapping;
  /**
   * Writes validated records into the native model, inside the caller's transaction: inserts
   * new references and updates changed ones (key: the source's reference).
   */
  writeRecords(manager: EntityManager, records: readonly AllegationRecord[]): Promise<WriteSummary>;
}

export interface WriteSummary {
  inserted: number;
  updated: number;
  unchanged: number;
}

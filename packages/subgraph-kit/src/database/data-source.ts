import { DataSource, MixedList } from 'typeorm';

export interface DatabaseOptions {
  readonly url: string;
  // TypeORM's own type for a migration list.
  readonly migrations: MixedList<Function | string>;
  /** Largest number of connections to the source's database. */
  readonly poolSize?: number;
  /** PostgreSQL's statement_timeout for every statement on these connections (ms); none when absent. */
  readonly statementTimeoutMs?: number;
}

/** A TypeORM data source over PostgreSQL. Schema changes go through migrations only. */
export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    // No entity classes: the migrations describe the tables, the mapping reads them.
    migrations: options.migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      application_name: 'psea-subgraph',
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    },
  });
}

/** Connects and applies pending migrations, each in its own transaction. */
export async function openDatabase(dataSource: DataSource): Promise<DataSource> {
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

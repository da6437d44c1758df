import { rmSync } from 'node:fs';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { EmbeddedCluster, freePort } from '@psea/devstack';
import { KIT_MIGRATIONS, SubgraphDefinition, createDataSource, openDatabase, prepareSourceDatabase } from '@psea/subgraph-kit';
import { makeStateDir } from './test-hub';

type SourceDatabaseUrls = Awaited<ReturnType<EmbeddedCluster['ensureSourceDatabase']>>;

/** An embedded PostgreSQL shared by the tests of one `describe` block, and the databases they open in it. */
export interface TestCluster {
  /** The running cluster (inside tests and hooks declared after `useTestCluster()`). */
  readonly cluster: EmbeddedCluster;
  /**
   * A source's database as a source service prepares it: owner and runtime roles, the source's
   * migrations and the kit's, triggers and rollups installed by the owner. The runtime data
   * source is closed after the tests.
   */
  sourceDatabase(name: string, definition: SubgraphDefinition): Promise<{ urls: SourceDatabaseUrls; dataSource: DataSource }>;
  /** A connection as the owner of a source database opened by `sourceDatabase`, closed after the tests, before the cluster stops. */
  ownerClient(urls: SourceDatabaseUrls): Promise<Client>;
  /** A plain database (no roles) with these migrations and the kit's applied, over one connection closed after the tests. */
  migratedDatabase(name: string, migrations: SubgraphDefinition['migrations']): Promise<DataSource>;
}

/**
 * Starts a fresh embedded PostgreSQL in a temporary state folder before the enclosing
 * `describe`'s tests and, after them, closes every data source it handed out, stops the cluster
 * and removes the folder. Call it inside `describe`: it registers that block's hooks.
 */
export function useTestCluster(): TestCluster {
  let stateDir: string | undefined;
  let running: EmbeddedCluster | undefined;
  const opened: DataSource[] = [];
  const clients: Client[] = [];
  const cluster = (): EmbeddedCluster => {
    if (!running) throw new Error('the test cluster is used outside the tests of its describe block');
    return running;
  };

  beforeAll(async () => {
    stateDir = makeStateDir();
    running = EmbeddedCluster.open({ stateDir, port: await freePort() });
    await running.start();
  }, 120_000);
  afterAll(async () => {
    for (const client of clients) await client.end();
    for (const dataSource of opened) await dataSource.destroy();
    await running?.stop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  }, 60_000);

  return {
    get cluster() {
      return cluster();
    },
    async sourceDatabase(name, definition) {
      const urls = await cluster().ensureSourceDatabase(name);
      const { dataSource } = await prepareSourceDatabase({
        ...urls,
        migrations: [...definition.migrations, ...KIT_MIGRATIONS],
        mapping: definition.mapping,
      });
      opened.push(dataSource);
      return { urls, dataSource };
    },
    async ownerClient(urls) {
      const client = new Client({ connectionString: urls.ownerUrl });
      await client.connect();
      clients.push(client);
      return client;
    },
    async migratedDatabase(name, migrations) {
      const url = await cluster().ensureDatabase(name);
      const dataSource = await openDatabase(
        createDataSource({ url, migrations: [...migrations, ...KIT_MIGRATIONS], poolSize: 1 }),
      );
      opened.push(dataSource);
      return dataSource;
    },
  };
}

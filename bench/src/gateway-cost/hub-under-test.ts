import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { SourceRegistration } from '@psea/contract';
import type { Hub } from '@psea/devstack';
import type { Scenario } from '../scenarios';
import { benchHub, benchStateDir } from '../bench-hub';

/** A hub started from a repository root (this one, or an older commit's worktree), loaded with data. */
export interface HubUnderTest {
  readonly label: string;
  readonly gatewayUrl: string;
  readonly gatewayPid: number;
  readonly token: string;
  readonly scenarios: readonly Scenario[];
  stop(): Promise<void>;
}

/**
 * The modules of `rootDir`'s own build, not this one's: an older commit's hub is started, loaded
 * and asked exactly as that commit's bench did, so a difference is that commit's code, not the tool.
 */
interface RootModules {
  readonly devstack: {
    Hub: typeof Hub;
    freePort(): Promise<number>;
    mintDevToken(keys: Hub['keys'], claims: { role: string; subject: string }): Promise<string>;
  };
  readonly generate: {
    FIRST_YEAR: number;
    generateCsv(source: SourceRegistration, count: number, file: string, seed: number): Promise<void>;
  };
  readonly scenarios: {
    scenarios(year: number, reference: string, screeningKey: Buffer, source: SourceRegistration): Scenario[];
  };
  readonly auth: { readScreeningKey(file: string): Buffer };
}

function modulesOf(rootDir: string): RootModules {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    devstack: require(join(rootDir, 'packages', 'devstack', 'dist')) as RootModules['devstack'],
    generate: require(join(rootDir, 'bench', 'dist', 'generate-csv')) as RootModules['generate'],
    scenarios: require(join(rootDir, 'bench', 'dist', 'scenarios')) as RootModules['scenarios'],
    auth: require(join(rootDir, 'packages', 'auth', 'dist')) as RootModules['auth'],
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * Starts the hub of `rootDir` (embedded topology) on its own embedded PostgreSQL and loads
 * `scale` synthetic records per source through that root's `psea ingest`.
 */
export async function startHubUnderTest(
  label: string,
  rootDir: string,
  scale: number,
  log: (line: string) => void,
  extraEnv: Readonly<Record<string, string>> = {},
  cpuProfDir?: string,
): Promise<HubUnderTest> {
  const m = modulesOf(rootDir);
  const stateDir = benchStateDir('psea-gateway-cost');
  log(`${label}: starting the hub of ${rootDir}`);
  const hub = await benchHub({
    rootDir,
    stateDir,
    poolSize: 16,
    env: extraEnv,
    ...(cpuProfDir ? { cpuProfDir } : {}),
    devstack: m.devstack,
  });
  try {
    const sources = [...hub.sources.values()].map((s) => s.registration);
    for (const [i, source] of sources.entries()) {
      const file = join(stateDir, `${source.name}.csv`);
      await m.generate.generateCsv(source, scale, file, 1000 + i);
      const service = hub.source(source.name) as ReturnType<Hub['source']> & { pseudonymKeyFile?: string };
      const run = spawnSync(
        process.execPath,
        [join(rootDir, 'packages', 'cli', 'bin', 'psea.js'), 'ingest', '--source', source.name, file],
        {
          encoding: 'utf8',
          env: {
            ...process.env,
            [`${source.source}_DATABASE_URL`]: service.databaseUrl,
            SCREENING_KEY_FILE: hub.keys.screeningKey,
            ...(service.pseudonymKeyFile ? { [`${source.source}_PSEUDONYM_KEY_FILE`]: service.pseudonymKeyFile } : {}),
          },
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      rmSync(file, { force: true });
      if (run.status !== 0) throw new Error(`${label}: ingest of ${source.name} failed:\n${run.stdout}\n${run.stderr}`);
      const client = new Client({ connectionString: service.databaseUrl });
      await client.connect();
      await client.query('VACUUM ANALYZE').finally(() => client.end());
    }
    log(`${label}: ${scale} records loaded per source`);
    const screeningKey = m.auth.readScreeningKey(hub.keys.screeningKey);
    const year = m.generate.FIRST_YEAR + 8;
    return {
      label,
      gatewayUrl: hub.gatewayUrl,
      gatewayPid: hub.gateway.pid as number,
      token: await m.devstack.mintDevToken(hub.keys, { role: 'coordinator', subject: 'bench' }),
      scenarios: m.scenarios.scenarios(year, '5001234', screeningKey, sources[1] ?? (sources[0] as SourceRegistration)),
      stop: async () => {
        await hub.stop();
        rmSync(stateDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await hub.stop();
    throw error;
  }
}

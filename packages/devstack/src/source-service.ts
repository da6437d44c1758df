import { join } from 'node:path';
import { SourceRegistration, databaseUrlVariable, sourceVariablePrefix } from '@psea/contract';
import { DevKeys, ensureSourcePseudonymKey } from '@psea/auth';
import { seedSource } from './seed';
import type { EmbeddedCluster } from './postgres/embedded-cluster';
import { ServiceProcess } from './service-process';

export interface SourceService {
  readonly registration: SourceRegistration;
  readonly process: ServiceProcess;
  /** The runtime role's URL: what the source serves and ingests with. */
  readonly databaseUrl: string;
  /** The source's own pseudonym key (the ingest tool needs it with the screening key). */
  readonly pseudonymKeyFile: string;
  /** The owner's URL (migrations); absent when an existing database was given without one. */
  readonly ownerDatabaseUrl: string | undefined;
  /** True when the database is in the embedded cluster, false for a *_DATABASE_URL. */
  readonly embedded: boolean;
  port: number;
}

/** What every source of the hub is prepared with. */
export interface SourceSetup {
  readonly rootDir: string;
  readonly keys: DevKeys;
  /** The embedded cluster, when some source's database is in it. */
  readonly cluster: EmbeddedCluster | undefined;
  /** The hub's environment: the caller's with the development keys. */
  readonly env: Readonly<Record<string, string>>;
  /** The caller's own environment (keys given there win over the development ones). */
  readonly base: Readonly<Record<string, string>>;
  /** What every source process starts with (no gateway-only variable). */
  readonly sourceEnv: Readonly<Record<string, string>>;
  readonly port: number;
  readonly log: (service: string, line: string) => void;
  readonly startTimeoutMs?: number;
  readonly execArgv?: readonly string[];
}

/**
 * Prepares one source, not started: its database (the embedded cluster's, unless
 * `<NAME>_DATABASE_URL` points elsewhere), its pseudonym key, the reference dataset loaded into
 * an empty database (the dev stack's job: a production start never seeds), and its process.
 */
export async function prepareSourceService(registration: SourceRegistration, setup: SourceSetup): Promise<SourceService> {
  const { env, base, keys } = setup;
  const variable = databaseUrlVariable(registration.name);
  const ownerVariable = `${sourceVariablePrefix(registration.name)}_OWNER_DATABASE_URL`;
  const external = env[variable];
  const { url: databaseUrl, ownerUrl } = external
    ? { url: external, ownerUrl: env[ownerVariable] || undefined }
    : await (setup.cluster as EmbeddedCluster).ensureSourceDatabase(
        `psea_${sourceVariablePrefix(registration.name).toLowerCase()}`,
      );
  if (!registration.service) throw new Error(`sources.json: ${registration.name} names no service folder to run`);
  const pseudonymKey =
    base[`${sourceVariablePrefix(registration.name)}_PSEUDONYM_KEY_FILE`] ?? ensureSourcePseudonymKey(keys, registration.name);
  // SEED_REFERENCE_DATA=never leaves empty databases empty (the benchmark loads its own data).
  if (base['SEED_REFERENCE_DATA'] !== 'never') {
    const deployment = env['SCREENING_KEY_FILE'] ?? keys.screeningKey;
    const rows = await seedSource(
      setup.rootDir,
      registration,
      { url: databaseUrl, ownerUrl },
      { deployment, source: pseudonymKey },
    );
    if (rows) setup.log(registration.name, `loaded the reference dataset (${rows} synthetic records)`);
  }
  return {
    registration,
    databaseUrl,
    pseudonymKeyFile: pseudonymKey,
    ownerDatabaseUrl: ownerUrl,
    embedded: external === undefined,
    port: setup.port,
    process: new ServiceProcess({
      name: registration.name,
      script: join(setup.rootDir, registration.service, 'dist', 'main.js'),
      env: {
        ...setup.sourceEnv,
        [variable]: databaseUrl,
        [ownerVariable]: ownerUrl ?? '',
        SOURCE_PSEUDONYM_KEY_FILE: pseudonymKey,
        HOST: '127.0.0.1',
      },
      log: setup.log,
      ...(setup.startTimeoutMs ? { startTimeoutMs: setup.startTimeoutMs } : {}),
      ...(setup.execArgv ? { execArgv: setup.execArgv } : {}),
    }),
  };
}

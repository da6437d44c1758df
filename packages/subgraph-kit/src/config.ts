import { ConfigError, sourceIdentity } from '@psea/contract';
import { type Env, type ManagementConfig, fileVariable, intVariable, readManagementConfig } from '@psea/service';
import type { SubgraphDefinition } from './subgraph-definition';

import { ScreeningLimits, readScreeningLimits } from './screening-limiter';

/** A subgraph's configuration, parsed once at start-up. */
export interface SubgraphConfig {
  readonly port: number;
  readonly host: string;
  /** Where /metrics is served. */
  readonly management: ManagementConfig;
  /** The runtime role's connection: what the service serves and ingests with. */
  readonly databaseUrl: string;
  /** The owner's connection, for migrations and grants only (`<SOURCE>_OWNER_DATABASE_URL`). */
  readonly ownerDatabaseUrl: string | undefined;
  readonly poolSize: number;
  /** Verifies the gateway's tokens; a source accepts no other caller. */
  readonly gatewayPublicKeyFile: string;
  /** This source's own key of stored pseudonyms (never the deployment's screening key). */
  readonly pseudonymKeyFile: string;
  /** Per-caller screening limits, held here too for gateway-signed tokens. */
  readonly screeningLimits: ScreeningLimits;
  /** Bytes of statistics answers cached per data version (0 turns the cache off). */
  readonly statisticsCacheBytes: number;
  /** Longest a serving SQL statement may run before PostgreSQL cancels it. */
  readonly statementTimeoutMs: number;
  /** Most rows one statistics contribution may have. */
  readonly maxStatisticsRows: number;
}

/** The variable with the owner's URL of a source whose runtime URL is in `databaseUrlVariable`. */
export function ownerUrlVariable(databaseUrlVariable: string): string {
  return databaseUrlVariable.replace(/(_DATABASE_URL)?$/, '_OWNER_DATABASE_URL');
}

/** Reads the environment of an entity subgraph. */
export function readSubgraphConfig(env: Env, definition: SubgraphDefinition): SubgraphConfig {
  const { databaseUrlVariable, defaultPort } = sourceIdentity(definition.source);
  const databaseUrl = env[databaseUrlVariable] ?? env['DATABASE_URL'];
  if (!databaseUrl) {
    throw new ConfigError(`${databaseUrlVariable} must be set to a PostgreSQL URL (postgres://user:password@host:port/database)`);
  }
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`${databaseUrlVariable} must start with postgres:// or postgresql://`);
  }
  const ownerVariable = ownerUrlVariable(databaseUrlVariable);
  const ownerDatabaseUrl = env[ownerVariable] || env['OWNER_DATABASE_URL'] || undefined;
  if (ownerDatabaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(ownerDatabaseUrl)) {
    throw new ConfigError(`${ownerVariable} must start with postgres:// or postgresql://`);
  }
  const port = intVariable(env, 'PORT', defaultPort, 0, 65535);
  return {
    port,
    management: readManagementConfig(env, port),
    host: env['HOST'] ?? '127.0.0.1',
    databaseUrl,
    ownerDatabaseUrl,
    poolSize: intVariable(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    gatewayPublicKeyFile: fileVariable(env, 'GATEWAY_PUBLIC_KEY_FILE', "the gateway's public key (PEM, SPKI)"),
    pseudonymKeyFile: fileVariable(env, 'SOURCE_PSEUDONYM_KEY_FILE', "this source's pseudonym key (32 random bytes, base64)"),
    screeningLimits: readScreeningLimits(env),
    statisticsCacheBytes: intVariable(env, 'STATISTICS_CACHE_BYTES', 32 * 1024 * 1024, 0, 2 ** 31),
    statementTimeoutMs: intVariable(env, 'STATEMENT_TIMEOUT_MS', 4_000, 10, 600_000),
    maxStatisticsRows: intVariable(env, 'MAX_STATISTICS_ROWS', 10_000, 1, 1_000_000),
  };
}

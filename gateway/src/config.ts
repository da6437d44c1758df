import { ConfigError, intVariable } from '@psea/subgraph-kit';
import { SourceRegistration, parseSourceRegistry, sourceVariablePrefix } from '@psea/contract';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The gateway's configuration, parsed once at start-up. */
export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  readonly production: boolean;
  /** Longest wait for one source before it counts as unavailable. */
  readonly sourceTimeoutMs: number;
  /** Most open connections to each source. */
  readonly maxSocketsPerSource: number;
  /** A supergraph composed ahead of time; when absent the gateway composes at start-up. */
  readonly supergraphPath?: string;
  readonly sources: readonly SourceRegistration[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** The default sources file shipped with the gateway. */
export const DEFAULT_SOURCES_FILE = join(__dirname, '..', 'sources.json');

/** Reads the sources file and applies `<NAME>_URL` overrides from the environment. */
export function loadSources(env: Env, file = env['SOURCES_FILE'] ?? DEFAULT_SOURCES_FILE): SourceRegistration[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`SOURCES_FILE ${file} could not be read as JSON: ${(error as Error).message}`);
  }
  return parseSourceRegistry(raw).map((s) => {
    const variable = `${sourceVariablePrefix(s.name)}_URL`;
    const url = env[variable];
    if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) throw new ConfigError(`${variable} must be an http(s) URL`);
    return url ? { ...s, url } : s;
  });
}

export function readGatewayConfig(env: Env): GatewayConfig {
  const supergraphPath = env['SUPERGRAPH_PATH'];
  return {
    port: intVariable(env, 'PORT', 4000, 0, 65535),
    host: env['HOST'] ?? '127.0.0.1',
    production: env['NODE_ENV'] === 'production',
    sourceTimeoutMs: intVariable(env, 'SOURCE_TIMEOUT_MS', 5000, 50, 120_000),
    maxSocketsPerSource: intVariable(env, 'MAX_SOCKETS_PER_SOURCE', 64, 1, 4096),
    ...(supergraphPath ? { supergraphPath } : {}),
    sources: loadSources(env),
  };
}

import { LimiterStore, ScreeningLimits, readLimiterStore, readScreeningLimits } from '@psea/subgraph-kit';
import { ManagementConfig, fileVariable, intVariable, readManagementConfig } from '@psea/service';
import {
  ConfigError,
  MAX_TARGET_DAYS,
  SourceRegistration,
  TIMELINESS_TARGETS,
  TimelinessTargets,
  loadSourceRegistry,
  requireCompiledSources,
  sourceVariablePrefix,
} from '@psea/contract';
import { join } from 'node:path';

/**
 * Where the system view runs. Embedded, it holds the screening key and the screening limiter
 * in this process; as a service (SYSTEM_VIEW_URL, the split topology) it holds them itself and
 * the router never sees the key.
 */
export type SystemViewPlacement =
  { readonly kind: 'embedded'; readonly screeningKeyFile: string } | { readonly kind: 'service'; readonly url: string };

/** The gateway's configuration, parsed once at start-up. */
export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  /** Where /metrics is served. */
  readonly management: ManagementConfig;
  readonly production: boolean;
  /** Longest wait for one source before it counts as unavailable. */
  readonly sourceTimeoutMs: number;
  /** Most open connections to each source. */
  readonly maxSocketsPerSource: number;
  /** A supergraph composed ahead of time; when absent the gateway composes at start-up. */
  readonly supergraphPath?: string;
  readonly sources: readonly SourceRegistration[];
  /** Where the system view runs: in this process (the default), or as its own service. */
  readonly systemView: SystemViewPlacement;
  /** How callers' tokens are verified. */
  readonly auth: {
    readonly issuer: string;
    readonly audience: string;
    readonly key: { jwksUrl: string } | { publicKeyFile: string };
    /** Oldest caller token accepted, by `iat`, seconds. */
    readonly maxTokenAgeSeconds: number;
    /** The `typ` header callers' tokens must carry. */
    readonly tokenType: string;
  };
  /** Signs the gateway's own short-lived tokens to the sources. */
  readonly gatewaySigningKeyFile: string;
  /** Per-caller screening rate and daily quota. */
  readonly screeningLimits: ScreeningLimits;
  /** Where the screening counters live: this process, or a database replicas share. */
  readonly limiterStore: LimiterStore;
  /** Targets the sources count timeliness against (TIMELINESS_TARGET_DAYS, TIMELINESS_URGENT_TARGET_DAYS). */
  readonly timelinessTargets: TimelinessTargets;
  readonly limits: {
    readonly maxDepth: number;
    readonly maxAliases: number;
    readonly maxCost: number;
    readonly maxTokens: number;
    readonly maxBodyBytes: number;
  };
}

type Env = Readonly<Record<string, string | undefined>>;

/** The default sources file shipped with the gateway. */
export const DEFAULT_SOURCES_FILE = join(__dirname, '..', 'sources.json');

/** Reads the sources file and applies `<NAME>_URL` overrides from the environment. */
export function loadSources(env: Env, file = env['SOURCES_FILE'] ?? DEFAULT_SOURCES_FILE): SourceRegistration[] {
  const registrations = loadSourceRegistry(file);
  requireCompiledSources(registrations);
  return registrations.map((s) => {
    const variable = `${sourceVariablePrefix(s.name)}_URL`;
    const url = env[variable];
    if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) throw new ConfigError(`${variable} must be an http(s) URL`);
    return url ? { ...s, url } : s;
  });
}

/** AUTH_TOKEN_TYPE: the `typ` of callers' access tokens (RFC 9068 `at+jwt` unless the provider uses another). */
function tokenType(env: Env): string {
  const value = env['AUTH_TOKEN_TYPE'] || 'at+jwt';
  if (!/^[A-Za-z0-9.+/-]{1,64}$/.test(value)) {
    throw new ConfigError(`AUTH_TOKEN_TYPE must be a media type such as at+jwt or JWT, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * TIMELINESS_TARGET_DAYS and TIMELINESS_URGENT_TARGET_DAYS: the targets investigations are
 * counted against, the UN's (180, 90) unless set. Urgent cases (involving a minor) cannot have
 * the longer target.
 */
export function readTimelinessTargets(env: Env): TimelinessTargets {
  const days = intVariable(env, 'TIMELINESS_TARGET_DAYS', TIMELINESS_TARGETS.days, 1, MAX_TARGET_DAYS);
  const urgentDays = intVariable(
    env,
    'TIMELINESS_URGENT_TARGET_DAYS',
    Math.min(TIMELINESS_TARGETS.urgentDays, days),
    1,
    MAX_TARGET_DAYS,
  );
  if (urgentDays > days) {
    throw new ConfigError(
      `TIMELINESS_URGENT_TARGET_DAYS (${urgentDays}) must not be longer than TIMELINESS_TARGET_DAYS (${days}): urgent cases have the shorter target`,
    );
  }
  return { days, urgentDays };
}

export function readGatewayConfig(env: Env): GatewayConfig {
  const supergraphPath = env['SUPERGRAPH_PATH'];
  const jwksUrl = env['AUTH_JWKS_URL'];
  if (jwksUrl !== undefined && !/^https:\/\/\S+$|^http:\/\/(127\.0\.0\.1|localhost)[:/]\S*$/.test(jwksUrl)) {
    throw new ConfigError('AUTH_JWKS_URL must be an https URL (http only on localhost)');
  }
  const port = intVariable(env, 'PORT', 4000, 0, 65535);
  const systemViewUrl = env['SYSTEM_VIEW_URL'];
  if (systemViewUrl && !/^https?:\/\/\S+$/.test(systemViewUrl)) throw new ConfigError('SYSTEM_VIEW_URL must be an http(s) URL');
  return {
    port,
    management: readManagementConfig(env, port),
    host: env['HOST'] ?? '127.0.0.1',
    production: env['NODE_ENV'] === 'production',
    sourceTimeoutMs: intVariable(env, 'SOURCE_TIMEOUT_MS', 5000, 50, 120_000),
    maxSocketsPerSource: intVariable(env, 'MAX_SOCKETS_PER_SOURCE', 64, 1, 4096),
    ...(supergraphPath ? { supergraphPath } : {}),
    sources: loadSources(env),
    systemView: systemViewUrl
      ? { kind: 'service', url: systemViewUrl }
      : {
          kind: 'embedded',
          screeningKeyFile: fileVariable(env, 'SCREENING_KEY_FILE', 'the screening key (32 random bytes, base64)'),
        },
    auth: {
      issuer: env['AUTH_ISSUER'] ?? 'psea-hub-dev',
      audience: env['AUTH_AUDIENCE'] ?? 'psea-hub',
      maxTokenAgeSeconds: intVariable(env, 'AUTH_MAX_TOKEN_AGE_SECONDS', 8 * 3600, 60, 7 * 24 * 3600),
      tokenType: tokenType(env),
      key: jwksUrl
        ? { jwksUrl }
        : {
            publicKeyFile: fileVariable(
              env,
              'AUTH_PUBLIC_KEY_FILE',
              "the callers' token-signing public key (PEM), or set AUTH_JWKS_URL",
            ),
          },
    },
    gatewaySigningKeyFile: fileVariable(env, 'GATEWAY_SIGNING_KEY_FILE', "the gateway's signing key (PEM, PKCS#8)"),
    screeningLimits: readScreeningLimits(env),
    limiterStore: readLimiterStore(env),
    timelinessTargets: readTimelinessTargets(env),
    limits: {
      maxDepth: intVariable(env, 'MAX_QUERY_DEPTH', 12, 2, 100),
      maxAliases: intVariable(env, 'MAX_QUERY_ALIASES', 15, 0, 1000),
      maxCost: intVariable(env, 'MAX_QUERY_COST', 20_000, 10, 10_000_000),
      maxTokens: intVariable(env, 'MAX_QUERY_TOKENS', 2_000, 50, 1_000_000),
      maxBodyBytes: intVariable(env, 'MAX_BODY_BYTES', 100_000, 1_000, 10_000_000),
    },
  };
}

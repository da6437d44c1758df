import { LimiterStore, ScreeningLimits, readLimiterStore, readScreeningLimits } from '@psea/subgraph-kit';
import { ManagementConfig, fileVariable, intVariable, readManagementConfig } from '@psea/service';
import type { SourceRegistration, TimelinessTargets } from '@psea/contract';
import { loadSources, readTimelinessTargets } from '../config';

/** The split system-view service's configuration, parsed once at start-up. */
export interface SystemViewServiceConfig {
  readonly port: number;
  readonly host: string;
  readonly management: ManagementConfig;
  readonly sources: readonly SourceRegistration[];
  /** The routing tier's public key: the only tokens the service accepts are signed with its pair. */
  readonly gatewayPublicKeyFile: string;
  /** HMAC key of screening pseudonyms: screenings are pseudonymised here, whichever router asked. */
  readonly screeningKeyFile: string;
  readonly screeningLimits: ScreeningLimits;
  /** Shared with every replica through RATE_LIMIT_DATABASE_URL, so a caller's quota is global. */
  readonly limiterStore: LimiterStore;
  /** The targets investigations are counted against (the same variables as the embedded gateway's). */
  readonly timelinessTargets: TimelinessTargets;
}

type Env = Readonly<Record<string, string | undefined>>;

export function readSystemViewServiceConfig(env: Env): SystemViewServiceConfig {
  const port = intVariable(env, 'PORT', 4100, 0, 65535);
  return {
    port,
    host: env['HOST'] ?? '127.0.0.1',
    management: readManagementConfig(env, port),
    sources: loadSources(env),
    gatewayPublicKeyFile: fileVariable(env, 'GATEWAY_PUBLIC_KEY_FILE', "the routing tier's public key (PEM, SPKI)"),
    screeningKeyFile: fileVariable(env, 'SCREENING_KEY_FILE', 'the screening key (32 random bytes, base64)'),
    screeningLimits: readScreeningLimits(env),
    limiterStore: readLimiterStore(env),
    timelinessTargets: readTimelinessTargets(env),
  };
}

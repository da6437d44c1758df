import { join } from 'node:path';
import { DevKeys, ensureDevKeys, mintCallerToken, readPrivateKey } from '@psea/auth';
import { Role } from '@psea/contract';

/** Issuer and audience of development tokens; the gateway's defaults. */
export const DEV_ISSUER = 'psea-hub-dev';
export const DEV_AUDIENCE = 'psea-hub';

/** The development keys of a state folder (`.data/keys`), created on first use. */
export function devKeys(stateDir: string): Promise<DevKeys> {
  return ensureDevKeys(join(stateDir, 'keys'));
}

export interface DevTokenOptions {
  readonly role: Role;
  readonly subject?: string;
  readonly source?: string;
  readonly entities?: readonly string[];
  readonly expiresIn?: string;
}

/** A caller token signed with the development key, as `npm run token` prints it. */
export async function mintDevToken(keys: DevKeys, options: DevTokenOptions): Promise<string> {
  return mintCallerToken(await readPrivateKey(keys.callerPrivateKey), {
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    subject: options.subject ?? `dev-${options.role}`,
    role: options.role,
    ...(options.source ? { source: options.source } : {}),
    ...(options.entities ? { entities: options.entities } : {}),
    expiresIn: options.expiresIn ?? '8h',
  });
}

/** Variables only the gateway may hold: a source given them could mint tokens or reverse pseudonyms. */
export const GATEWAY_ONLY_VARIABLES = ['GATEWAY_SIGNING_KEY_FILE', 'SCREENING_KEY_FILE', 'AUTH_PUBLIC_KEY_FILE'] as const;

/**
 * The development keys each service needs: a source verifies the gateway and keys its own
 * pseudonyms (never the deployment's screening key); the gateway verifies callers, signs for the
 * sources and pseudonymises screenings.
 */
export function keyEnvironment(keys: DevKeys): { sources: Record<string, string>; gateway: Record<string, string> } {
  return {
    sources: { GATEWAY_PUBLIC_KEY_FILE: keys.gatewayPublicKey },
    gateway: {
      AUTH_PUBLIC_KEY_FILE: keys.callerPublicKey,
      AUTH_ISSUER: DEV_ISSUER,
      AUTH_AUDIENCE: DEV_AUDIENCE,
      GATEWAY_SIGNING_KEY_FILE: keys.gatewayPrivateKey,
      SCREENING_KEY_FILE: keys.screeningKey,
    },
  };
}

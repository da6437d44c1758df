import { createCallerAuthenticator, readPublicKey } from '@psea/auth';
import type { Caller } from '@psea/contract';
import type { GatewayConfig } from '../config';

/**
 * Verifies callers' tokens as the gateway's configuration says (issuer, audience, key, oldest
 * token, token type), whichever router serves: the Apollo and Hive gateways must accept and
 * refuse exactly the same tokens, so they build their authenticator here.
 */
export async function callerAuthenticator(
  auth: GatewayConfig['auth'],
): Promise<(authorization: string | undefined) => Promise<Caller>> {
  return createCallerAuthenticator({
    issuer: auth.issuer,
    audience: auth.audience,
    maxTokenAgeSeconds: auth.maxTokenAgeSeconds,
    tokenType: auth.tokenType,
    key: 'jwksUrl' in auth.key ? auth.key : { publicKey: await readPublicKey(auth.key.publicKeyFile) },
  });
}

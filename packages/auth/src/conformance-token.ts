import { KeyLike, SignJWT } from 'jose';
import { ALGORITHM } from './keys';

/** Issuer of every token the gateway signs (for the sources, and conformance tokens). */
export const GATEWAY_ISSUER = 'psea-gateway';

/** The claim that marks the gateway's tokens for itself ('gateway') and for conformance checks. */
export const CLAIM_SERVICE = 'psea_service';
export const CONFORMANCE_SERVICE = 'conformance';
/** Longest life of a conformance token: long enough for a publishing project, short enough to expire. */
export const MAX_CONFORMANCE_DAYS = 30;

/**
 * A token the gateway's operator issues to an entity's IT team so that `psea check-subgraph --url`
 * can read their subgraph's SDL without the gateway's private key. Signed with the gateway's key,
 * for one source (audience), for at most 30 days; a source answers it with `_service` only.
 */
export function mintConformanceToken(gatewayKey: KeyLike, source: string, days: number): Promise<string> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_CONFORMANCE_DAYS) {
    throw new Error(`a conformance token lives 1 to ${MAX_CONFORMANCE_DAYS} days, got ${days}`);
  }
  return new SignJWT({ [CLAIM_SERVICE]: CONFORMANCE_SERVICE })
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(GATEWAY_ISSUER)
    .setAudience(source)
    .setSubject(`conformance:${source}`)
    .setIssuedAt()
    .setExpirationTime(`${days}d`)
    .sign(gatewayKey);
}

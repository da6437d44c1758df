import { JWTPayload, KeyLike, SignJWT, jwtVerify } from 'jose';
import { Caller, unauthenticated } from '@psea/contract';
import { CLAIM_ENTITIES, CLAIM_ROLE, CLAIM_SOURCE, callerFromClaims, describe } from './caller-token';
import { CLAIM_SERVICE, CONFORMANCE_SERVICE, GATEWAY_ISSUER, MAX_CONFORMANCE_DAYS } from './conformance-token';
import { ALGORITHM } from './keys';
import { VerifiedTokens } from './verified-cache';

/** The gateway's tokens live this long: enough for one request, useless when replayed later. */
export const GATEWAY_TOKEN_SECONDS = 60;
/** Clock difference between the gateway and a source that a token's `iat` and `exp` tolerate. */
export const GATEWAY_CLOCK_SKEW_SECONDS = 5;

/**
 * Who a source is talking to: a caller relayed by the gateway, the gateway itself (SDL), or a
 * conformance check holding a token the gateway's operator issued (SDL only).
 */
export type GatewayPrincipal =
  { readonly kind: 'caller'; readonly caller: Caller } | { readonly kind: 'gateway' } | { readonly kind: 'conformance' };

/**
 * Signs the short-lived token the gateway sends to a source (audience: that source), carrying
 * the caller's subject and role claims. The caller's own token never leaves the gateway.
 */
export function createGatewayTokenSigner(privateKey: KeyLike): (audience: string, caller: Caller | 'gateway') => Promise<string> {
  // A token is reused for half its life: signing ES256 on every call to every source would cost
  // more than the call. Keyed by audience and every claim, so no caller gets another's token.
  const recent = new Map<string, { token: Promise<string>; reuseUntil: number }>();
  return (audience, caller) => {
    const key = JSON.stringify([audience, caller]);
    const now = Date.now();
    const hit = recent.get(key);
    if (hit && hit.reuseUntil > now) return hit.token;
    if (recent.size >= 10_000) recent.clear();
    const token = sign(audience, caller);
    recent.set(key, { token, reuseUntil: now + (GATEWAY_TOKEN_SECONDS * 1000) / 2 });
    token.catch(() => recent.delete(key));
    return token;
  };

  function sign(audience: string, caller: Caller | 'gateway'): Promise<string> {
    const claims: JWTPayload =
      caller === 'gateway'
        ? { [CLAIM_SERVICE]: 'gateway' }
        : {
            [CLAIM_ROLE]: caller.role,
            ...(caller.source ? { [CLAIM_SOURCE]: caller.source } : {}),
            ...(caller.entities ? { [CLAIM_ENTITIES]: [...caller.entities] } : {}),
          };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(audience)
      .setSubject(caller === 'gateway' ? 'gateway' : caller.subject)
      .setIssuedAt()
      .setExpirationTime(`${GATEWAY_TOKEN_SECONDS}s`)
      .sign(privateKey);
  }
}

/** Verifies the gateway's token at a source; anything else is UNAUTHENTICATED. */
export function createGatewayTokenVerifier(
  publicKey: KeyLike,
  audience: string,
): (authorization: string | undefined) => Promise<GatewayPrincipal> {
  const verified = new VerifiedTokens<GatewayPrincipal>();
  return async (authorization) => {
    const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '');
    if (!match) throw unauthenticated('only the gateway may call a source');
    const known = verified.get(match[1] as string);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1] as string, publicKey, {
        issuer: GATEWAY_ISSUER,
        audience,
        algorithms: [ALGORITHM],
        // The gateway's clock may run a little ahead of or behind the source's.
        clockTolerance: GATEWAY_CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'iat', 'sub'],
        // jose refuses an iat in the future only when a maximum age is set: the longest any
        // token the gateway signs may live.
        maxTokenAge: `${MAX_CONFORMANCE_DAYS}d`,
      }));
    } catch (error) {
      throw unauthenticated(describe(error));
    }
    // Conformance tokens live days; everything else the gateway signs lives a minute, and must
    // have been signed to live no longer.
    const conformance = payload[CLAIM_SERVICE] === CONFORMANCE_SERVICE;
    const maxAgeSeconds = conformance ? MAX_CONFORMANCE_DAYS * 86_400 : GATEWAY_TOKEN_SECONDS + 30;
    const iat = payload.iat as number;
    if (Math.floor(Date.now() / 1000) - iat > maxAgeSeconds || (payload.exp as number) - iat > maxAgeSeconds) {
      throw unauthenticated('the token is too old or lives too long');
    }
    const principal: GatewayPrincipal = conformance
      ? { kind: 'conformance' }
      : payload[CLAIM_SERVICE] === 'gateway'
        ? { kind: 'gateway' }
        : { kind: 'caller', caller: callerFromClaims(payload) };
    verified.set(match[1] as string, principal, payload.exp);
    return principal;
  };
}

import { JWTPayload, KeyLike, SignJWT, jwtVerify } from 'jose';
import { Caller, unauthenticated } from '@psea/contract';
import { CLAIM_ENTITIES, CLAIM_ROLE, CLAIM_SOURCE, callerFromClaims, describe } from './caller-token';
import { ALGORITHM } from './keys';

/** Issuer of the gateway's own tokens to the sources. */
export const GATEWAY_ISSUER = 'psea-gateway';
/** The gateway's tokens live this long: enough for one request, useless when replayed later. */
export const GATEWAY_TOKEN_SECONDS = 60;
const CLAIM_SERVICE = 'psea_service';

/** Who a source is talking to: a caller relayed by the gateway, or the gateway itself (SDL). */
export type GatewayPrincipal = { readonly kind: 'caller'; readonly caller: Caller } | { readonly kind: 'gateway' };

/**
 * Signs the short-lived token the gateway sends to a source (audience: that source), carrying
 * the caller's subject and role claims. The caller's own token never leaves the gateway.
 */
export function createGatewayTokenSigner(privateKey: KeyLike): (audience: string, caller: Caller | 'gateway') => Promise<string> {
  return (audience, caller) => {
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
  };
}

/** Verifies the gateway's token at a source; anything else is UNAUTHENTICATED. */
export function createGatewayTokenVerifier(
  publicKey: KeyLike,
  audience: string,
): (authorization: string | undefined) => Promise<GatewayPrincipal> {
  return async (authorization) => {
    const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '');
    if (!match) throw unauthenticated('only the gateway may call a source');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1] as string, publicKey, {
        issuer: GATEWAY_ISSUER,
        audience,
        algorithms: [ALGORITHM],
        maxTokenAge: `${GATEWAY_TOKEN_SECONDS + 30}s`,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (error) {
      throw unauthenticated(describe(error));
    }
    if (payload[CLAIM_SERVICE] === 'gateway') return { kind: 'gateway' };
    return { kind: 'caller', caller: callerFromClaims(payload) };
  };
}

import { JWTPayload, JWTVerifyGetKey, KeyLike, SignJWT, createRemoteJWKSet, jwtVerify, errors as joseErrors } from 'jose';
import { Caller, ENTITIES, Role, isRole, unauthenticated } from '@psea/contract';
import { ALGORITHM } from './keys';
import { VerifiedTokens } from './verified-cache';

/** Claims of a caller's token beyond the registered ones. */
export const CLAIM_ROLE = 'role';
export const CLAIM_SOURCE = 'psea_source';
export const CLAIM_ENTITIES = 'psea_entities';

export interface CallerAuthOptions {
  readonly issuer: string;
  readonly audience: string;
  /** A JWKS URL (OIDC provider) or a public key. */
  readonly key: { jwksUrl: string } | { publicKey: KeyLike };
  /** Allowed clock skew, seconds. */
  readonly clockToleranceSeconds?: number;
  /** Oldest token accepted, by its `iat`, whatever its `exp` says (seconds; default 8 h). */
  readonly maxTokenAgeSeconds?: number;
  /** The `typ` header a caller's token must carry (default `at+jwt`, RFC 9068). */
  readonly tokenType?: string;
}

/** Defaults of caller-token checks: an access token, at most 8 hours old. */
export const CALLER_TOKEN_TYPE = 'at+jwt';
export const CALLER_MAX_TOKEN_AGE_SECONDS = 8 * 3600;

/** The caller a verified payload describes, or UNAUTHENTICATED naming the claim that is wrong. */
export function callerFromClaims(payload: JWTPayload): Caller {
  const subject = payload.sub;
  if (typeof subject !== 'string' || subject.length === 0 || subject.length > 200)
    throw unauthenticated('the token has no subject (sub)');
  const role = payload[CLAIM_ROLE];
  if (!isRole(role)) throw unauthenticated(`the token's role claim must be one of ${Object.values(Role).join(', ')}`);
  if (role !== Role.FOCAL_POINT) return { subject, role };
  const source = payload[CLAIM_SOURCE];
  const entities = payload[CLAIM_ENTITIES];
  const known = ENTITIES.filter((e) => e.source.toLowerCase().replace(/_/g, '-') === source).map((e) => e.code);
  if (typeof source !== 'string' || known.length === 0)
    throw unauthenticated(`a focal point's token must name its source (${CLAIM_SOURCE})`);
  if (!Array.isArray(entities) || entities.length === 0 || !entities.every((e) => typeof e === 'string' && known.includes(e))) {
    throw unauthenticated(`a focal point's token must list entity codes of its source (${CLAIM_ENTITIES})`);
  }
  return { subject, role, source, entities: entities as string[] };
}

/**
 * Verifies callers' bearer tokens: signature, `typ` header, issuer, audience, expiry and age
 * (`iat` no older than the maximum, so a token minted with a long `exp` still ends), then the
 * hub's own claims. Every failure is UNAUTHENTICATED with a reason, never a stack. A verified
 * token is remembered until it would fail either check.
 */
export function createCallerAuthenticator(options: CallerAuthOptions): (authorization: string | undefined) => Promise<Caller> {
  const key: KeyLike | JWTVerifyGetKey =
    'jwksUrl' in options.key ? createRemoteJWKSet(new URL(options.key.jwksUrl)) : options.key.publicKey;
  const verified = new VerifiedTokens<Caller>();
  const maxAge = options.maxTokenAgeSeconds ?? CALLER_MAX_TOKEN_AGE_SECONDS;
  return async (authorization) => {
    const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '');
    if (!match) throw unauthenticated('send a bearer token (Authorization: Bearer <token>)');
    const known = verified.get(match[1] as string);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1] as string, key as KeyLike, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: [ALGORITHM],
        clockTolerance: options.clockToleranceSeconds ?? 30,
        maxTokenAge: maxAge,
        typ: options.tokenType ?? CALLER_TOKEN_TYPE,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (error) {
      throw unauthenticated(describe(error));
    }
    const caller = callerFromClaims(payload);
    verified.set(match[1] as string, caller, Math.min(payload.exp ?? 0, (payload.iat ?? 0) + maxAge));
    return caller;
  };
}

/** What went wrong with a token, in words a caller can act on. */
export function describe(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired && error.claim === 'iat') return 'the token is older than the maximum token age';
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'typ')
    return "the token's typ header is not the expected type";
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'iat' && error.reason === 'check_failed')
    return 'the token was issued in the future';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the token is not signed with ES256';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'the token was signed by an unknown key';
  return 'the token is malformed';
}

export interface MintOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly subject: string;
  readonly role: Role;
  readonly source?: string;
  readonly entities?: readonly string[];
  /** e.g. '8h' */
  readonly expiresIn?: string;
}

/** Signs a caller token (development: `npm run token`). */
export function mintCallerToken(privateKey: KeyLike, options: MintOptions): Promise<string> {
  const claims: JWTPayload = { [CLAIM_ROLE]: options.role };
  if (options.source) claims[CLAIM_SOURCE] = options.source;
  if (options.entities) claims[CLAIM_ENTITIES] = [...options.entities];
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: CALLER_TOKEN_TYPE })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(options.subject)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(privateKey);
}

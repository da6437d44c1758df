export { readPrivateKey, readPublicKey, readScreeningKey, ensureSourcePseudonymKey, ensureDevKeys } from './keys';
export type { DevKeys } from './keys';
export { createCallerAuthenticator, describe, mintCallerToken } from './caller-token';
export { createGatewayTokenSigner, createGatewayTokenVerifier } from './gateway-token';
export type { GatewayPrincipal } from './gateway-token';
export { mintConformanceToken, GATEWAY_ISSUER, MAX_CONFORMANCE_DAYS } from './conformance-token';
export { ensureReportSigningKey } from './report-signing-key';

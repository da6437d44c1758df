export * from './keys';
export * from './caller-token';
export * from './gateway-token';
export * from './conformance-token';
export { ensureReportSigningKey } from './report-signing-key';

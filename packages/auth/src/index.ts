export * from './keys';
export * from './caller-token';
export * from './gateway-token';
export * from './conformance-token';

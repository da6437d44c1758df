export { Hub, registeredSources } from './hub';
export type { HubOptions, SourceService } from './hub';
export { EmbeddedCluster } from './postgres/embedded-cluster';
export type { ClusterOptions } from './postgres/embedded-cluster';
export { ServiceProcess } from './service-process';
export { freePort } from './free-port';
export { devKeys, mintDevToken, keyEnvironment, DEV_ISSUER, DEV_AUDIENCE } from './dev-tokens';
export type { DevTokenOptions } from './dev-tokens';

export { Hub } from './hub';
export type { HubOptions, SourceService } from './hub';
export { EmbeddedCluster } from './postgres/embedded-cluster';
export type { ClusterOptions } from './postgres/embedded-cluster';
export { ServiceProcess } from './service-process';
export { freePort } from './free-port';

export { createGatewayApp } from './app';
export type { GatewayApp, GatewayAppOptions } from './app';
export { readGatewayConfig, loadSources, DEFAULT_SOURCES_FILE } from './config';
export type { GatewayConfig } from './config';
export { composeSupergraph, fetchSdl, localSdl, CompositionError } from './composition/compose-supergraph';
export { buildSystemViewSchema, SYSTEM_VIEW } from './system-view/system-view.schema';
export { loadSupergraph, SYSTEM_VIEW_URL } from './supergraph';
export { SourceDataSource } from './datasources/source-data-source';
export { responseFailure, thrownFailure } from './datasources/source-failure';

export { composeSupergraph, fetchSdl, localSdl, CompositionError } from './composition/compose-supergraph';
export { buildSystemViewSchema, SYSTEM_VIEW } from './system-view/system-view.schema';
export { SYSTEM_VIEW_URL } from './supergraph';

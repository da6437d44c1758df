export { composeSupergraph, CompositionError } from './compose-supergraph';
export { fetchSdl } from './fetch-sdl';
export { localSdl } from './local-sdl';
export { SYSTEM_VIEW, SYSTEM_VIEW_URL } from './system-view-names';

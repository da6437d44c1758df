/** The name the system view goes by in the supergraph (and the audience of its tokens). */
export const SYSTEM_VIEW = 'system-view';

/** The address composition records for an in-process system view, which has no network address. */
export const SYSTEM_VIEW_URL = 'http://system-view.in-process/graphql';

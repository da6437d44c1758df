import type { Caller } from '@psea/contract';
import { RouteHandler, sendJson } from '@psea/service';
import { labelsScriptRoute } from './labels-script';
import { staticRoutes } from './static-files';
import { whoamiRoute } from './whoami';

/**
 * The routes every routing tier serves beside /graphql, whichever engine answers it: health,
 * who the caller is, the label registry, and (GraphiQL outside production) the dashboard's
 * pages, which only ever ask /graphql with the caller's own token.
 */
export function pageRoutes(
  authenticate: (header: string | undefined) => Promise<Caller>,
  production: boolean,
): Record<string, RouteHandler> {
  return {
    '/health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    '/auth/whoami': whoamiRoute(authenticate),
    '/assets/labels.js': labelsScriptRoute(),
    ...staticRoutes(!production),
  };
}

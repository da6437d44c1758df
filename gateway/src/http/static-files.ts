import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RouteHandler } from '@psea/service';

const PUBLIC = join(__dirname, '..', '..', 'public');

/** A file of an installed package, whatever its `exports` allow to be required. */
function packageFile(name: string, file: string): string {
  let dir = dirname(require.resolve(name));
  while (
    !existsSync(join(dir, 'package.json')) ||
    (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name
  ) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of ${name}`);
    dir = parent;
  }
  return join(dir, file);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Pages of the hub's own, and the libraries they use, served from this machine: no CDN. */
function files(withIde: boolean): Record<string, string> {
  const dashboard = {
    '/dashboard/': join(PUBLIC, 'dashboard', 'index.html'),
    '/dashboard/dashboard.js': join(PUBLIC, 'dashboard', 'dashboard.js'),
    '/dashboard/dashboard.css': join(PUBLIC, 'dashboard', 'dashboard.css'),
    '/assets/chart.umd.js': packageFile('chart.js', 'dist/chart.umd.js'),
  };
  if (!withIde) return dashboard;
  return {
    ...dashboard,
    '/graphiql/': join(PUBLIC, 'graphiql', 'index.html'),
    '/graphiql/graphiql.js': join(PUBLIC, 'graphiql', 'graphiql.js'),
    '/assets/react.production.min.js': packageFile('react', 'umd/react.production.min.js'),
    '/assets/react-dom.production.min.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
    '/assets/graphiql.min.js': packageFile('graphiql', 'graphiql.min.js'),
    '/assets/graphiql.min.css': packageFile('graphiql', 'graphiql.min.css'),
  };
}

/**
 * Routes for the dashboard (always) and GraphiQL (not in production), read once at start.
 * The pages hold no data: they ask /graphql with the caller's own token.
 */
export function staticRoutes(withIde: boolean): Record<string, RouteHandler> {
  const routes: Record<string, RouteHandler> = {};
  for (const [path, file] of Object.entries(files(withIde))) {
    const body = readFileSync(file);
    const type = TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
    routes[path] = (_req, res) => {
      res.setHeader('content-type', type);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('cache-control', 'no-cache');
      res.setHeader(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
      );
      res.end(body);
    };
  }
  for (const page of withIde ? ['/dashboard', '/graphiql'] : ['/dashboard']) {
    routes[page] = (_req, res) => {
      res.statusCode = 301;
      res.setHeader('location', `${page}/`);
      res.end();
    };
  }
  return routes;
}

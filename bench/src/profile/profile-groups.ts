/** A frame of a V8 CPU profile, as --cpu-prof writes it. */
export interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

/**
 * The coarse groups the lead reads a profile in: where a request's CPU goes in the gateway and in
 * a source. Listed in the order the summary prints them.
 */
export const GROUPS = [
  '@apollo/gateway planning',
  '@apollo/gateway merging/execution',
  'Apollo Server request pipeline',
  'graphql-js execution',
  'graphql-js parse/validate/print',
  'JSON',
  'our code',
  'type-graphql and @apollo/subgraph',
  'PostgreSQL driver (pg)',
  'http/undici',
  'crypto (JWT, pseudonyms)',
  'async hooks and microtasks',
  'GC',
  'node core (streams, timers, other)',
  'other packages',
  'V8 and native (program, builtins)',
] as const;

export type Group = (typeof GROUPS)[number];

const PLANNING = ['@apollo/query-planner', '@apollo/query-graphs', '@apollo/federation-internals', '@apollo/composition'];
const JSON_PACKAGES = [
  'fast-json-stringify',
  'secure-json-parse',
  'safe-stable-stringify',
  'fast-safe-stringify',
  'json-stringify-safe',
];
const SOCKET_WRITES = ['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String', 'writeAsciiString'];
const HTTP_PACKAGES = [
  'undici',
  'node-fetch',
  'make-fetch-happen',
  'minipass-fetch',
  'agentkeepalive',
  'express',
  'body-parser',
  'raw-body',
];

/** The package (or `node:` module) a frame's file belongs to, or undefined for the project's own files and V8's. */
export function packageOf(url: string): string | undefined {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:internal/deps/undici')) return 'undici';
  return undefined;
}

/** The project's folder a frame's file is in (gateway, packages/x, subgraphs/x), or undefined. */
export function projectFolderOf(url: string): string | undefined {
  if (url.includes('node_modules/')) return undefined;
  return /\/(gateway|bench|packages\/[^/]+|subgraphs\/[^/]+)\/dist\//.exec(url)?.[1];
}

/**
 * The group a frame's self time counts in. JSON.parse and JSON.stringify are V8 builtins that a
 * profile folds into their caller's self time, so JSON here is what is *named* for it: builtin
 * frames V8 does show, functions whose name says JSON (undici's parseJSONFromBytes, Apollo
 * Server's prettyJSONStringify) and the JSON packages; the rest stays with its caller.
 */
export function groupOf(frame: CallFrame): Group {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'GC';
  if (!url) {
    if (functionName === 'parse' || functionName === 'stringify') return 'JSON';
    // The native halves of socket writes (a response, a request to a source).
    if (SOCKET_WRITES.includes(functionName)) return 'http/undici';
    return 'V8 and native (program, builtins)';
  }
  const pkg = packageOf(url);
  if (/json/i.test(functionName) || (pkg && JSON_PACKAGES.includes(pkg))) return 'JSON';
  if (pkg && PLANNING.includes(pkg)) return '@apollo/gateway planning';
  if (pkg === '@apollo/gateway') {
    // The gateway's own query-plan cache lookups and planner calls are planning; its data sources are the HTTP client.
    if (/\/datasources\//.test(url)) return 'http/undici';
    if (/queryPlanner|QueryPlan(ner|Cache)|planQuery/i.test(functionName) && !/execute/i.test(functionName))
      return '@apollo/gateway planning';
    return '@apollo/gateway merging/execution';
  }
  if (pkg === '@apollo/server' || pkg?.startsWith('@apollo/utils.') || pkg === '@apollo/server-gateway-interface')
    return 'Apollo Server request pipeline';
  if (pkg === 'graphql') return /\/graphql\/execution\//.test(url) ? 'graphql-js execution' : 'graphql-js parse/validate/print';
  if (pkg === 'jose') return 'crypto (JWT, pseudonyms)';
  if (pkg === 'type-graphql' || pkg === 'class-validator' || pkg === '@apollo/subgraph')
    return 'type-graphql and @apollo/subgraph';
  if (pkg && ['pg', 'pg-protocol', 'pg-pool', 'pg-types', 'postgres-array', 'pg-copy-streams'].includes(pkg))
    return 'PostgreSQL driver (pg)';
  if (pkg && HTTP_PACKAGES.includes(pkg)) return 'http/undici';
  if (pkg) return 'other packages';
  if (/^node:(_http_|http|https|net|dns|tls|internal\/(http|net|dns|tls|stream_base_commons|js_stream_socket))/.test(url))
    return 'http/undici';
  if (url.startsWith('node:internal/crypto') || url === 'node:crypto') return 'crypto (JWT, pseudonyms)';
  if (/^node:(internal\/async_hooks|async_hooks|internal\/process\/task_queues|internal\/async_local_storage)/.test(url))
    return 'async hooks and microtasks';
  if (url.startsWith('node:')) return 'node core (streams, timers, other)';
  if (projectFolderOf(url)) return 'our code';
  return 'other packages';
}

import { ConfigError } from '@psea/contract';
import type { QueryPlanner } from './hive-gateway-app';

/**
 * HIVE_QUERY_PLANNER: `js` (default), Hive Gateway's own planner, or `rust`, the Rust planner of
 * `@graphql-hive/router-runtime`. Anything else stops the start naming the variable.
 */
export function readQueryPlanner(env: Readonly<Record<string, string | undefined>>): QueryPlanner {
  const value = env['HIVE_QUERY_PLANNER'];
  if (value === undefined || value === '' || value === 'js') return 'js';
  if (value === 'rust') return 'rust';
  throw new ConfigError(`HIVE_QUERY_PLANNER must be js or rust, got ${JSON.stringify(value)}`);
}

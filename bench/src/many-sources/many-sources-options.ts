import { resolve } from 'node:path';
import { registeredSources } from '@psea/devstack';
import { parseSourceCounts } from './bench-sources';
import type { ManySourcesResult } from './many-sources-report';
import { runManySources } from './run-many-sources';

/**
 * `npm run bench -- --sources 3,10,30 --scale <total>`: checks the options the mode reads (before
 * anything long starts) and runs it. `--scale` is the total of records here, not per source.
 */
export async function manySourcesFromOptions(
  values: Readonly<Record<string, string | boolean | undefined>>,
  rootDir: string,
  log: (line: string) => void,
): Promise<ManySourcesResult> {
  const total = Number(values['scale']);
  const poolSize = Number(values['pool-size']);
  if (!Number.isInteger(total) || total < 1000)
    throw new Error('--scale (records in all, with --sources) must be a whole number of at least 1000');
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 50)
    throw new Error('--pool-size must be a whole number from 1 to 50');
  const cpuProf = values['cpu-prof'];
  return runManySources({
    rootDir,
    counts: parseSourceCounts(String(values['sources']), registeredSources(rootDir).length),
    totalRecords: total,
    durationSeconds: Number(values['duration']),
    connections: Number(values['connections']),
    poolSize,
    out: String(values['out']),
    ...(typeof values['only'] === 'string' ? { only: values['only'].split(',') } : {}),
    ...(typeof cpuProf === 'string' ? { cpuProf: resolve(cpuProf) } : {}),
    keep: values['keep'] === true,
    log,
  });
}

import type { SourceRegistration } from '@psea/contract';
import type { Hub } from '@psea/devstack';
import { loadSource } from './load-source';
import type { BenchResult } from './report';

/**
 * Loads `scale` generated records into every source through the bulk path (see loadSource),
 * one source after the other. Returns each source's load time and the ingest's peak memory.
 */
export async function loadSources(
  root: string,
  hub: Hub,
  sources: readonly SourceRegistration[],
  scale: number,
  stateDir: string,
  log: (line: string) => void,
): Promise<BenchResult['load']> {
  const loads: BenchResult['load'] = [];
  for (const [i, source] of sources.entries()) loads.push(await loadSource(hub, root, source, scale, 1000 + i, stateDir, log));
  return loads;
}

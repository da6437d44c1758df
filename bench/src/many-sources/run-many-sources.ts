import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { registeredSources } from '@psea/devstack';
import { benchMachine } from '../bench-machine';
import { ManySourcesResult, SourcesRun, manySourcesMarkdown } from './many-sources-report';
import { CountOptions, runCountInCopy } from './run-count';
import { scaffoldRepository } from './scaffold-repository';

export interface ManySourcesOptions {
  /** The repository: copied once per count of sources, never written to. */
  readonly rootDir: string;
  readonly counts: readonly number[];
  /** Records in all, spread across the sources of each count. */
  readonly totalRecords: number;
  readonly durationSeconds: number;
  readonly connections: number;
  /** DATABASE_POOL_SIZE of every source: thirty sources of ten connections would be 300. */
  readonly poolSize: number;
  readonly out: string;
  readonly only?: readonly string[];
  /** Profiles the gateway and every source with --cpu-prof into `<cpuProf>/sources-<count>/`. */
  readonly cpuProf?: string;
  readonly keep: boolean;
  readonly log: (line: string) => void;
}

function countOptions(options: ManySourcesOptions): Omit<CountOptions, 'count' | 'scaffoldSeconds'> {
  return {
    totalRecords: options.totalRecords,
    durationSeconds: options.durationSeconds,
    connections: options.connections,
    poolSize: options.poolSize,
    ...(options.only ? { only: options.only } : {}),
    ...(options.cpuProf ? { cpuProf: options.cpuProf } : {}),
  };
}

/**
 * The many-sources benchmark: for each count, a copy of the repository with that many registered
 * sources (scaffolded), one hub over them with a database each in the embedded PostgreSQL, the
 * same total of synthetic records spread across them, and scenarios (a), (c), (d) through the hub.
 */
export async function runManySources(options: ManySourcesOptions): Promise<ManySourcesResult> {
  const { log } = options;
  const registered = registeredSources(options.rootDir).length;
  const loadAverage = loadavg();
  const runs: SourcesRun[] = [];
  for (const count of options.counts) {
    log(`${count} sources, ${options.totalRecords.toLocaleString('en')} records in all`);
    const started = Date.now();
    const dir = scaffoldRepository(options.rootDir, count, registered, log);
    const scaffoldSeconds = (Date.now() - started) / 1000;
    try {
      runs.push(await runCountInCopy(dir, { ...countOptions(options), count, scaffoldSeconds }, log));
    } finally {
      if (!options.keep) rmSync(dir, { recursive: true, force: true });
    }
  }
  const result: ManySourcesResult = {
    date: new Date().toISOString().slice(0, 10),
    // The copy's run-count process inherits this environment, so its hub ran with this NODE_ENV.
    machine: benchMachine(),
    totalRecords: options.totalRecords,
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    loadAverage,
    runs,
  };
  mkdirSync(options.out, { recursive: true });
  const name = `sources-${options.counts.join('-')}-total-${options.totalRecords}`;
  writeFileSync(join(options.out, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(options.out, `${name}.md`), manySourcesMarkdown(result));
  return result;
}

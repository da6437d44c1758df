import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { SourceRegistration } from '@psea/contract';
import type { Hub } from '@psea/devstack';
import { generateCsv } from './generate-csv';
import type { BenchResult } from './report';

export type LoadEntry = BenchResult['load'][number];

/**
 * Generates `rows` synthetic records of one source and loads them through the bulk path, the
 * same `psea ingest` an entity's IT team runs (the CLI of `rootDir`, which must be the repository
 * the hub runs from: the CLI reads that repository's list of sources), then VACUUM ANALYZE so the
 * planner knows the table it is about to be measured on.
 */
export async function loadSource(
  hub: Hub,
  rootDir: string,
  source: SourceRegistration,
  rows: number,
  seed: number,
  workDir: string,
  log: (line: string) => void,
): Promise<LoadEntry> {
  const file = join(workDir, `${source.name}.csv`);
  log(`generating ${rows} ${source.name} records`);
  await generateCsv(source, rows, file, seed);
  log(`ingesting ${source.name}`);
  const started = Date.now();
  const service = hub.source(source.name);
  const run = spawnSync(
    process.execPath,
    [join(rootDir, 'packages', 'cli', 'bin', 'psea.js'), 'ingest', '--stats', '--source', source.name, file],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        [`${source.source}_DATABASE_URL`]: service.databaseUrl,
        SCREENING_KEY_FILE: hub.keys.screeningKey,
        [`${source.source}_PSEUDONYM_KEY_FILE`]: service.pseudonymKeyFile,
      },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  rmSync(file, { force: true });
  if (run.status !== 0) throw new Error(`ingest of ${source.name} failed:\n${run.stdout}\n${run.stderr}`);
  const seconds = (Date.now() - started) / 1000;
  const peak = /peak memory (\d+) MiB/.exec(run.stdout);
  log(`  ${run.stdout.trim().split('\n').join(' / ')}`);
  const client = new Client({ connectionString: service.databaseUrl });
  await client.connect();
  try {
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
  return {
    source: source.name,
    rows,
    seconds,
    secondsPer100k: (seconds / rows) * 100_000,
    peakMemoryMiB: peak ? Number(peak[1]) : null,
  };
}

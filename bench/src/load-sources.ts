import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { SourceRegistration } from '@psea/contract';
import type { Hub } from '@psea/devstack';
import { generateCsv } from './generate-csv';
import type { BenchResult } from './report';

/**
 * Loads `scale` generated records into every source through the bulk path, the same
 * `psea ingest` an entity's IT team runs, then VACUUM ANALYZE so the plans are the ones a
 * loaded database gets. Returns each source's load time and the ingest's peak memory.
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
  for (const [i, source] of sources.entries()) {
    const file = join(stateDir, `${source.name}.csv`);
    log(`generating ${scale} ${source.name} records`);
    await generateCsv(source, scale, file, 1000 + i);
    log(`ingesting ${source.name}`);
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [join(root, 'packages', 'cli', 'bin', 'psea.js'), 'ingest', '--stats', '--source', source.name, file],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          [`${source.source}_DATABASE_URL`]: hub.source(source.name).databaseUrl,
          SCREENING_KEY_FILE: hub.keys.screeningKey,
          [`${source.source}_PSEUDONYM_KEY_FILE`]: hub.source(source.name).pseudonymKeyFile,
        },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (run.status !== 0) throw new Error(`ingest of ${source.name} failed:\n${run.stdout}\n${run.stderr}`);
    const seconds = (Date.now() - started) / 1000;
    const peak = /peak memory (\d+) MiB/.exec(run.stdout);
    loads.push({
      source: source.name,
      rows: scale,
      seconds,
      secondsPer100k: (seconds / scale) * 100_000,
      peakMemoryMiB: peak ? Number(peak[1]) : null,
    });
    log(`  ${run.stdout.trim().split('\n').join(' / ')}`);
    rmSync(file);
    const client = new Client({ connectionString: hub.source(source.name).databaseUrl });
    await client.connect();
    await client.query('VACUUM ANALYZE');
    await client.end();
  }

  return loads;
}

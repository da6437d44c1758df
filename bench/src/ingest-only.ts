import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { Hub } from '@psea/devstack';
import { generateCsv } from './generate-csv';

const ROOT = resolve(__dirname, '..', '..');
const print = (line: string) => process.stdout.write(`${line}\n`);

/**
 * The benchmark's ingest alone, for one source: generates the bench's file of `--rows` rows,
 * loads it with `psea ingest --stats` into a fresh hub (PostgreSQL on `--port`), loads it again
 * (a re-run must change nothing) and prints rows a second, peak memory and the load average
 * before each run (the machine may be shared). Nothing else of the bench runs.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      source: { type: 'string', default: 'peacekeeping' },
      port: { type: 'string', default: '42110' },
    },
  });
  const rows = Number(values.rows);
  const stateDir = mkdtempSync(join(tmpdir(), 'psea-ingest-bench-'));
  chmodSync(stateDir, 0o755);
  const hub = await Hub.start({
    rootDir: ROOT,
    stateDir,
    postgresPort: Number(values.port),
    gatewayPort: 0,
    env: { LOG_LEVEL: 'warn', SEED_REFERENCE_DATA: 'never' },
  });
  try {
    const service = hub.source(values.source as string);
    const file = join(stateDir, `${values.source}.csv`);
    await generateCsv(service.registration, rows, file, 1000);
    const env = {
      ...process.env,
      [`${service.registration.source}_DATABASE_URL`]: service.databaseUrl,
      SCREENING_KEY_FILE: hub.keys.screeningKey,
      [`${service.registration.source}_PSEUDONYM_KEY_FILE`]: service.pseudonymKeyFile,
    };
    for (const run of ['first load', 're-run']) {
      const load = loadavg()
        .map((l) => l.toFixed(2))
        .join(' ');
      const started = Date.now();
      const result = spawnSync(
        process.execPath,
        [join(ROOT, 'packages', 'cli', 'bin', 'psea.js'), 'ingest', '--stats', '--source', values.source as string, file],
        { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 },
      );
      const seconds = (Date.now() - started) / 1000;
      if (result.status !== 0) throw new Error(`ingest failed:\n${result.stdout}\n${result.stderr}`);
      print(`${run}: load average before ${load}`);
      print(`  ${result.stdout.trim().split('\n').join('\n  ')}`);
      print(`  ${rows} rows in ${seconds.toFixed(1)} s (process wall time): ${Math.round(rows / seconds)} rows/s`);
    }
    const client = new Client({ connectionString: service.databaseUrl });
    await client.connect();
    const { rows: counted } = await client.query('SELECT count(*)::int AS n FROM subject_pseudonym');
    print(`pseudonyms stored: ${(counted[0] as { n: number }).n}`);
    await client.end();
  } finally {
    await hub.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

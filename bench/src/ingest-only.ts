import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
 * before each run (the machine may be shared). Nothing else of the bench runs. With
 * `--breakdown`, also PostgreSQL's CPU time during each run (the postmaster's, which reaps the
 * ingest's backend when it disconnects) and the time spent in each trigger function
 * (`track_functions = all`, pg_stat_user_functions): where a load's time goes inside PostgreSQL.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      source: { type: 'string', default: 'peacekeeping' },
      port: { type: 'string', default: '42110' },
      breakdown: { type: 'boolean', default: false },
      /** A folder for a CPU profile (`--cpu-prof`) of each ingest process. */
      'cpu-prof': { type: 'string' },
      /** Only the first load (a re-run of a million rows costs the shared machine minutes). */
      'first-only': { type: 'boolean', default: false },
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
    // On a shared machine the services can take minutes to start; only the ingest is measured.
    startTimeoutMs: 300_000,
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
    const breakdown = values.breakdown ? await PostgresBreakdown.open(hub, service.databaseUrl) : undefined;
    // `psea ingest` re-runs itself in a child with a capped heap (bin/psea.js): to profile that
    // child, run it directly with the same cap (--cpu-prof is not allowed in NODE_OPTIONS).
    const heapCap = /INGEST_HEAP_MIB = (\d+)/.exec(readFileSync(join(ROOT, 'packages', 'cli', 'bin', 'psea.js'), 'utf8'))?.[1];
    const profile = values['cpu-prof']
      ? [`--max-old-space-size=${heapCap}`, '--cpu-prof', `--cpu-prof-dir=${resolve(values['cpu-prof'])}`]
      : [];
    for (const run of values['first-only'] ? ['first load'] : ['first load', 're-run']) {
      await breakdown?.reset();
      const load = loadavg()
        .map((l) => l.toFixed(2))
        .join(' ');
      const started = Date.now();
      const result = spawnSync(
        process.execPath,
        [
          ...profile,
          join(ROOT, 'packages', 'cli', 'bin', 'psea.js'),
          'ingest',
          '--stats',
          '--source',
          values.source as string,
          file,
        ],
        {
          encoding: 'utf8',
          env: { ...env, ...(profile.length ? { PSEA_INGEST_HEAP_BOUND: heapCap } : {}) },
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      const seconds = (Date.now() - started) / 1000;
      if (result.status !== 0) throw new Error(`ingest failed:\n${result.stdout}\n${result.stderr}`);
      print(`${run}: load average before ${load}`);
      print(`  ${result.stdout.trim().split('\n').join('\n  ')}`);
      print(`  ${rows} rows in ${seconds.toFixed(1)} s (process wall time): ${Math.round(rows / seconds)} rows/s`);
      if (breakdown) (await breakdown.report(rows)).forEach((line) => print(`  ${line}`));
    }
    await breakdown?.close();
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

/** PostgreSQL's share of a load: the cluster's CPU time and each trigger function's time. */
class PostgresBreakdown {
  private cpuBefore = 0;

  private constructor(
    private readonly superuser: Client,
    private readonly postmaster: number,
  ) {}

  static async open(hub: Hub, databaseUrl: string): Promise<PostgresBreakdown> {
    const cluster = hub.cluster;
    if (!cluster) throw new Error('--breakdown needs the embedded cluster');
    const database = new URL(databaseUrl).pathname.slice(1);
    const superuser = new Client({ connectionString: cluster.url(database) });
    await superuser.connect();
    // New sessions (the ingest's) count the time of every PL/pgSQL function, triggers included.
    await superuser.query(`ALTER DATABASE "${database}" SET track_functions = 'all'`);
    const pid = Number(readFileSync(join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return new PostgresBreakdown(superuser, pid);
  }

  /** utime + stime + cutime + cstime of the postmaster, in seconds (clock ticks of 100 Hz). */
  private cpu(): number {
    const fields = readFileSync(`/proc/${this.postmaster}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / 100;
  }

  async reset(): Promise<void> {
    await this.superuser.query('SELECT pg_stat_reset()');
    this.cpuBefore = this.cpu();
  }

  async report(rows: number): Promise<string[]> {
    // The statistics collector publishes a session's counts when it ends, and the postmaster
    // adds the ingest's backend's CPU to its own only once it has reaped it, which can be after
    // the ingest process has exited (a first load read 0.2 s): give both a moment.
    await new Promise((r) => setTimeout(r, 1500));
    const cpu = this.cpu() - this.cpuBefore;
    const { rows: functions } = await this.superuser.query(
      'SELECT funcname, calls::int, round(total_time)::int AS total_ms, round(self_time)::int AS self_ms ' +
        'FROM pg_stat_user_functions ORDER BY total_time DESC',
    );
    // The history grows with every load; its size against shared_buffers says whether its
    // random-key index still fits in PostgreSQL's cache.
    const { rows: sizes } = await this.superuser.query(
      'SELECT c.relname AS name, pg_size_pretty(pg_relation_size(c.oid)) AS size FROM pg_class c ' +
        "WHERE c.relname IN ('record_history', 'record_history_pkey', 'record_history_open', 'record_history_range') " +
        "UNION ALL SELECT 'shared_buffers', current_setting('shared_buffers')",
    );
    return [
      `sizes: ${(sizes as Array<{ name: string; size: string }>).map((r) => `${r.name} ${r.size}`).join(', ')}`,
      `PostgreSQL CPU ${cpu.toFixed(1)} s (${Math.round((cpu / rows) * 1e6)} us a row)`,
      ...(functions as Array<{ funcname: string; calls: number; total_ms: number; self_ms: number }>).map(
        (f) =>
          `trigger function ${f.funcname}: ${f.calls} call(s), ${(f.total_ms / 1000).toFixed(1)} s (${Math.round((f.total_ms / rows) * 1000)} us a row)`,
      ),
    ];
  }

  async close(): Promise<void> {
    await this.superuser.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

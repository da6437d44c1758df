import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { Dimension, StatisticsScope, normalizeFilter } from '@psea/contract';
import { Hub, loadSubgraphDefinition } from '@psea/devstack';
import { rollupStatement, statisticsResult, statisticsStatement } from '@psea/subgraph-kit';
import { generateCsv } from './generate-csv';
import { window } from './scenarios';

const ROOT = resolve(__dirname, '..', '..');
const print = (line: string) => process.stdout.write(`${line}\n`);

/** One month of the bench's ten years, a different one per request. */
const oneMonth = (i: number) => {
  const m = (i * 37) % 120;
  const month = `${2008 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  return { fromMonth: month, toMonth: month };
};

const SCENARIOS: ReadonlyArray<{
  id: string;
  groupBy: Dimension[];
  window: (i: number) => { fromMonth: string; toMonth: string };
}> = [
  { id: 'a-cold', groupBy: [Dimension.ALLEGATION_TYPE, Dimension.SOURCE], window },
  { id: 'b-cold', groupBy: [Dimension.ENTITY, Dimension.INVESTIGATION_STATUS, Dimension.NATIONALITY], window },
  // The finest rollup (tens of thousands of groups) over a single month: the short window's case.
  { id: 'fine-month', groupBy: [Dimension.PATERNITY, Dimension.ALLEGATION_TYPE], window: oneMonth },
];

/**
 * CPU seconds spent so far by the cluster's postmaster and its children: the live ones, and
 * those already gone (counted in the postmaster's cutime and cstime once reaped). The difference
 * around an ingest is PostgreSQL's CPU for it (autovacuum included), whatever else loads the machine.
 */
function postgresCpuSeconds(stateDir: string): number {
  const location = join(stateDir, 'postgres-location');
  const dataDir = existsSync(location) ? readFileSync(location, 'utf8').trim() : join(stateDir, 'postgres');
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // Fields after the command (which may hold spaces): state is field 3, ppid 4, utime 14 ... cstime 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    if (pid === postmaster) total += (utime ?? 0) + (stime ?? 0) + (cutime ?? 0) + (cstime ?? 0);
    else if (ppid === postmaster) total += (utime ?? 0) + (stime ?? 0);
  }
  return total / ticks;
}

type Plan = { 'Execution Time': number; Plan: Record<string, unknown> };

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

/** Rows in a stable order, so the two answers compare whatever order the SQL gave them in. */
const canonical = (answer: ReturnType<typeof statisticsResult>) =>
  JSON.stringify({ total: answer.total, rows: answer.rows.map((r) => JSON.stringify(r)).sort() });

/**
 * The source-level cost of the bench's cold statistics (issue 14, item 1), for one source kept in
 * a cluster under `--state-dir` across runs (so the same data is measured before and after a
 * change of the rollups: starting the hub on newer code rebuilds them). `--load N` first ingests
 * N bench records with `psea ingest --stats`. Then, for `--windows` of the bench's cold windows,
 * EXPLAIN ANALYZE of the rollup's statement and of the records' statement, both answers compared,
 * and the rollup tables' sizes. Nothing else of the bench runs.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'state-dir': { type: 'string' },
      source: { type: 'string', default: 'peacekeeping' },
      port: { type: 'string', default: '41110' },
      load: { type: 'string' },
      windows: { type: 'string', default: '20' },
      'no-records': { type: 'boolean', default: false },
    },
  });
  const stateDir = resolve(values['state-dir'] ?? join(ROOT, '.data-rollup-cost'));
  if (!existsSync(stateDir)) mkdirSync(stateDir, { recursive: true });
  chmodSync(stateDir, 0o755);
  const started = Date.now();
  const hub = await Hub.start({
    rootDir: ROOT,
    stateDir,
    postgresPort: Number(values.port),
    gatewayPort: 0,
    startTimeoutMs: 1_800_000,
    env: { LOG_LEVEL: 'warn', SEED_REFERENCE_DATA: 'never' },
  });
  print(`hub started in ${((Date.now() - started) / 1000).toFixed(1)} s (rollups installed or rebuilt at start)`);
  try {
    const service = hub.source(values.source as string);
    const definition = loadSubgraphDefinition(ROOT, service.registration);
    if (values.load) {
      const file = join(stateDir, `${values.source}.csv`);
      await generateCsv(service.registration, Number(values.load), file, 1000);
      print(
        `ingest: load average before ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      );
      const cpuBefore = postgresCpuSeconds(stateDir);
      const run = spawnSync(
        process.execPath,
        [join(ROOT, 'packages', 'cli', 'bin', 'psea.js'), 'ingest', '--stats', '--source', values.source as string, file],
        {
          encoding: 'utf8',
          env: {
            ...process.env,
            [`${service.registration.source}_DATABASE_URL`]: service.databaseUrl,
            SCREENING_KEY_FILE: hub.keys.screeningKey,
            [`${service.registration.source}_PSEUDONYM_KEY_FILE`]: service.pseudonymKeyFile,
          },
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      const cpu = postgresCpuSeconds(stateDir) - cpuBefore;
      rmSync(file, { force: true });
      if (run.status !== 0) throw new Error(`ingest failed:\n${run.stdout}\n${run.stderr}`);
      print(`  ${run.stdout.trim().split('\n').join('\n  ')}`);
      print(`  PostgreSQL's CPU during the ingest (postmaster and children): ${cpu.toFixed(1)} s`);
    }
    // As the owner: VACUUM ANALYZE skips the tables a role does not own (all of them, for the runtime role).
    const client = new Client({ connectionString: service.ownerDatabaseUrl ?? service.databaseUrl });
    await client.connect();
    try {
      await client.query('VACUUM ANALYZE');
      const { rows: counted } = await client.query(`SELECT count(*)::int AS n FROM ${definition.mapping.from}`);
      print(
        `records: ${(counted[0] as { n: number }).n}; load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      );
      const { rows: sizes } = await client.query(
        "SELECT c.relname AS name, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', c.relname), false, true, '')))[1]::text AS rows, pg_total_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname ~ '^statistics_rollup_' AND c.relname <> 'statistics_rollup_definition' ORDER BY c.relname",
      );
      for (const s of sizes) print(`  ${s.name}: ${s.rows} rows, ${(Number(s.bytes) / 1048576).toFixed(1)} MiB`);
      const explain = async (statement: { text: string; values: unknown[] }) =>
        (
          (await client.query(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${statement.text}`, statement.values)).rows[0] as {
            'QUERY PLAN': Plan[];
          }
        )['QUERY PLAN'][0] as Plan;
      for (const { id, groupBy, window: windowOf } of SCENARIOS) {
        const times = { rollup: [] as number[], records: [] as number[] };
        let rows = 0;
        for (let i = 0; i < Number(values.windows); i++) {
          const scope: StatisticsScope = { kind: 'statistics', filter: normalizeFilter(windowOf(i)), groupBy };
          const fromRollup = rollupStatement(definition.mapping, scope);
          if (!fromRollup) throw new Error(`${id} has no rollup`);
          times.rollup.push((await explain(fromRollup))['Execution Time']);
          const rollupAnswer = statisticsResult(
            definition.mapping,
            service.registration.source,
            scope,
            fromRollup.dimensions,
            (await client.query(fromRollup.text, fromRollup.values)).rows,
          );
          rows += rollupAnswer.rows.length;
          if (values['no-records']) continue;
          const fromRecords = statisticsStatement(definition.mapping, scope);
          times.records.push((await explain(fromRecords))['Execution Time']);
          const recordsAnswer = statisticsResult(
            definition.mapping,
            service.registration.source,
            scope,
            fromRecords.dimensions,
            (await client.query(fromRecords.text, fromRecords.values)).rows,
          );
          if (canonical(rollupAnswer) !== canonical(recordsAnswer)) throw new Error(`${id} window ${i}: rollup ≠ records`);
        }
        const ms = (v: number[]) => `p50 ${quantile(v, 0.5).toFixed(1)} ms, p90 ${quantile(v, 0.9).toFixed(1)} ms`;
        print(
          `${id} (${values.windows} windows, ${rows} rows answered): rollup ${ms(times.rollup)}` +
            (!values['no-records'] ? `; records ${ms(times.records)}; answers equal` : ''),
        );
      }
      print(
        `load average after ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      );
    } finally {
      await client.end();
    }
  } finally {
    await hub.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

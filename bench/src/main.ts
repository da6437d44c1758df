import { fork } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { createGatewayTokenSigner, readPrivateKey, readScreeningKey } from '@psea/auth';
import { Role } from '@psea/contract';
import { Hub, freePort, mintDevToken } from '@psea/devstack';
import { ScreeningLimiter } from '@psea/subgraph-kit';
import { createLogger } from '@psea/service';
import { SYSTEM_VIEW, SYSTEM_VIEW_URL, composeSupergraph, fetchSdl, localSdl } from '@psea/composition';
import { buildSystemViewSchema } from '@psea/gateway';
import { FIRST_YEAR, generateCsv } from './generate-csv';
import { counter, cpuSeconds, load, peakMemoryMiB, probe, walk, LoadResult } from './measure';
import { BenchResult, EngineResult, ScenarioResult, markdown } from './report';
import { BENCH_SCREENING_LIMITS, WALK_QUERY, scenarios } from './scenarios';

const ROOT = resolve(__dirname, '..', '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const rerender = process.argv.indexOf('--render');
  if (rerender > 0) {
    // Re-renders the Markdown of a results file (after the report's wording changed).
    const file = process.argv[rerender + 1] as string;
    const result = JSON.parse(readFileSync(file, 'utf8')) as BenchResult;
    writeFileSync(file.replace(/\.json$/, '.md'), markdown(result));
    return;
  }
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '100000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '8' },
      out: { type: 'string', default: join(ROOT, 'bench', 'results') },
      keep: { type: 'boolean', default: false },
      // Scenario ids to run (e.g. a,c,d), all by default.
      only: { type: 'string' },
      // Profiles the hub's services (gateway and sources) with --cpu-prof into this folder.
      'cpu-prof': { type: 'string' },
    },
  });
  const scale = Number(values.scale);
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  if (!Number.isInteger(scale) || scale < 1000) throw new Error('--scale must be a whole number of at least 1000');
  const stateDir = mkdtempSync(join(tmpdir(), 'psea-bench-'));
  chmodSync(stateDir, 0o755);
  log(`benchmark at ${scale.toLocaleString('en')} records per source (state in ${stateDir})`);
  const hub = await Hub.start({
    rootDir: ROOT,
    stateDir,
    postgresPort: await freePort(),
    gatewayPort: 0,
    env: {
      LOG_LEVEL: 'warn',
      SEED_REFERENCE_DATA: 'never',
      DATABASE_POOL_SIZE: '16',
      SCREENING_RATE_PER_MINUTE: String(BENCH_SCREENING_LIMITS.perMinute),
      SCREENING_QUOTA_PER_DAY: String(BENCH_SCREENING_LIMITS.perDay),
      SCREENING_ALL_CALLERS_PER_MINUTE: String(BENCH_SCREENING_LIMITS.allCallersPerMinute),
      SCREENING_ALL_CALLERS_PER_DAY: String(BENCH_SCREENING_LIMITS.allCallersPerDay),
      ...(values['cpu-prof'] ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${resolve(values['cpu-prof'])}` } : {}),
    },
  });
  const plainProcess: { kill?: () => void } = {};
  try {
    const sources = [...hub.sources.values()].map((s) => s.registration);
    // Load through the bulk path: the same `psea ingest` an entity's IT team runs.
    const loads: BenchResult['load'] = [];
    for (const [i, source] of sources.entries()) {
      const file = join(stateDir, `${source.name}.csv`);
      log(`generating ${scale} ${source.name} records`);
      await generateCsv(source, scale, file, 1000 + i);
      log(`ingesting ${source.name}`);
      const started = Date.now();
      const run = spawnSync(
        process.execPath,
        [join(ROOT, 'packages', 'cli', 'bin', 'psea.js'), 'ingest', '--stats', '--source', source.name, file],
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

    // The plain baseline, on the same supergraph and sources.
    const sign = createGatewayTokenSigner(await readPrivateKey(hub.keys.gatewayPrivateKey));
    const screeningKey = readScreeningKey(hub.keys.screeningKey);
    const sdls = await Promise.all(
      sources.map(async (s) => ({
        name: s.name,
        url: hub.source(s.name).process.url as string,
        sdl: await fetchSdl(s.name, hub.source(s.name).process.url as string, 5000, {
          authorization: `Bearer ${await sign(s.name, 'gateway')}`,
        }),
      })),
    );
    const systemView = await buildSystemViewSchema(sources, {
      screeningKey,
      screeningLimiter: await ScreeningLimiter.create(BENCH_SCREENING_LIMITS, { kind: 'memory' }, createLogger('bench')),
    });
    const supergraphFile = join(stateDir, 'supergraph.graphql');
    writeFileSync(
      supergraphFile,
      composeSupergraph([{ name: SYSTEM_VIEW, url: SYSTEM_VIEW_URL, sdl: await localSdl(systemView) }, ...sdls]),
    );
    const plain = fork(
      join(__dirname, 'plain-gateway.js'),
      [
        supergraphFile,
        join(ROOT, 'gateway', 'sources.json'),
        hub.keys.gatewayPrivateKey,
        hub.keys.screeningKey,
        JSON.stringify(Object.fromEntries(sdls.map((s) => [s.name, s.url]))),
      ],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    plainProcess.kill = () => plain.kill('SIGTERM');
    const plainUrl = await new Promise<string>((ok, fail) => {
      plain.once('message', (m: { url: string }) => ok(m.url));
      plain.once('exit', (code) => fail(new Error(`the plain gateway exited (${code})`)));
    });

    const token = await mintDevToken(hub.keys, { role: Role.COORDINATOR, subject: 'bench' });
    const year = FIRST_YEAR + 8;
    const results: ScenarioResult[] = [];
    const only = values.only?.split(',');
    const chosen = scenarios(year, '5001234', screeningKey, sources[1] ?? sources[0]!).filter(
      (s) => !only || only.includes(s.id),
    );
    for (const scenario of chosen) {
      log(`scenario ${scenario.id}: ${scenario.title}`);
      await probe(hub.gatewayUrl, scenario.gateway, token);
      await probe(plainUrl, scenario.gateway, token);
      const hitsBefore = await Promise.all(
        sources.map((s) => counter(hub.source(s.name).process.metricsUrl as string, 'psea_statistics_cache_total', 'hit')),
      );
      const sqlBefore = await Promise.all(
        sources.map((s) => counter(hub.source(s.name).process.metricsUrl as string, 'psea_sql_statements_total')),
      );
      // Cold scenarios: each target takes its own range of periods (none served from another's cache).
      const range = (offset: number, f?: (i: number) => ReturnType<NonNullable<typeof scenario.vary>['gateway']>) =>
        f ? (i: number) => f(offset + i) : undefined;
      const cpuBefore = cpuSeconds([hub.gateway.pid]);
      const hubResult = await load(
        hub.gatewayUrl,
        scenario.gateway,
        token,
        connections,
        duration,
        range(0, scenario.vary?.gateway),
      );
      const apolloCores = (cpuSeconds([hub.gateway.pid]) - cpuBefore) / duration;
      const sqlAfter = await Promise.all(
        sources.map((s) => counter(hub.source(s.name).process.metricsUrl as string, 'psea_sql_statements_total')),
      );
      const sql = sqlAfter.reduce((sum, v, i) => sum + v - (sqlBefore[i] ?? 0), 0);
      const hitsAfter = await Promise.all(
        sources.map((s) => counter(hub.source(s.name).process.metricsUrl as string, 'psea_statistics_cache_total', 'hit')),
      );
      const cacheHits = hitsAfter.reduce((sum, v, i) => sum + v - (hitsBefore[i] ?? 0), 0);
      const plainResult = await load(
        plainUrl,
        scenario.gateway,
        token,
        connections,
        duration,
        range(300, scenario.vary?.gateway),
      );
      const direct: Record<string, LoadResult> = {};
      for (const source of sources) {
        const request = scenario.direct(source);
        if (!request) continue;
        const url = hub.source(source.name).process.url as string;
        const gatewayToken = await sign(source.name, { subject: 'bench', role: Role.COORDINATOR });
        await probe(url, request, gatewayToken);
        const vary = scenario.vary;
        direct[source.name] = await load(
          url,
          request,
          gatewayToken,
          connections,
          duration,
          vary ? (i) => vary.direct(source, i) : undefined,
        );
      }
      const slowest = Math.max(...Object.values(direct).map((d) => d.p50));
      results.push({
        id: scenario.id,
        title: scenario.title,
        engines: [engineResult('Apollo', hubResult, apolloCores)],
        hub: hubResult,
        plain: plainResult,
        direct,
        sqlPerRequest: sql / Math.max(1, hubResult.requests),
        cacheHitRatio:
          scenario.id.startsWith('a') || scenario.id.startsWith('b')
            ? cacheHits / Math.max(1, hubResult.requests * sources.length)
            : null,
        hubOverhead: hubResult.p50 / Math.max(0.001, plainResult.p50) - 1,
        federationOverhead: hubResult.p50 / Math.max(0.001, slowest),
      });
      log(
        `  hub p50 ${hubResult.p50} ms, p99 ${hubResult.p99} ms, ${hubResult.throughput} req/s; plain p50 ${plainResult.p50} ms; slowest source p50 ${slowest} ms`,
      );
    }

    const walkQuery = WALK_QUERY.replace('YEAR', String(year));
    const walkHub = await walk(hub.gatewayUrl, walkQuery, token, 20);
    const walkPlain = await walk(plainUrl, walkQuery, token, 20);

    // The second engine: Hive Gateway over the system view's own service, same sources and data.
    await hub.useTopology('hive');
    for (const [i, scenario] of scenarios(year, '5001234', screeningKey, sources[1] ?? sources[0]!).entries()) {
      log(`scenario ${scenario.id} through Hive Gateway`);
      await probe(hub.gatewayUrl, scenario.gateway, token);
      const tier = [hub.gateway.pid, hub.systemView?.pid];
      const before = cpuSeconds(tier);
      const hive = await load(hub.gatewayUrl, scenario.gateway, token, connections, duration, range600(scenario.vary?.gateway));
      const cores = (cpuSeconds(tier) - before) / duration;
      results[i]?.engines?.push(engineResult('Hive', hive, cores));
      log(`  hive p50 ${hive.p50} ms, ${hive.throughput} req/s on ${cores.toFixed(2)} cores`);
    }
    const hivePeak = { 'hive gateway': peakMemoryMiB(hub.gateway.pid), 'system view': peakMemoryMiB(hub.systemView?.pid) };
    await hub.useTopology('embedded');

    const sqlPerPageBySize: Record<string, number> = {};
    for (const size of [1, 100, 500]) {
      const url = hub.source(sources[0]!.name).process.metricsUrl as string;
      const before = await counter(url, 'psea_sql_statements_total');
      await probe(
        hub.gatewayUrl,
        {
          query: `{ allegations(filter: { year: ${year}, sources: [${sources[0]!.source}] }, first: ${size}) { items { id } } }`,
        },
        token,
      );
      sqlPerPageBySize[String(size)] = (await counter(url, 'psea_sql_statements_total')) - before;
    }

    const peakMemory: Record<string, number | null> = {
      gateway: peakMemoryMiB(hub.gateway.pid),
      'plain gateway': peakMemoryMiB(plain.pid),
    };
    Object.assign(peakMemory, hivePeak);
    for (const s of hub.sources.values()) peakMemory[s.registration.name] = peakMemoryMiB(s.process.pid);

    const result: BenchResult = {
      date: new Date().toISOString().slice(0, 10),
      machine: {
        cores: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        cpu: cpus()[0]?.model ?? 'unknown',
      },
      scale,
      connections,
      durationSeconds: duration,
      load: loads,
      scenarios: results,
      walk: { hub: walkHub, plain: walkPlain },
      sqlPerPageBySize,
      peakMemoryMiB: peakMemory,
    };
    mkdirSync(values.out as string, { recursive: true });
    const name = `scale-${scale}${only ? `-${only.join('')}` : ''}`;
    writeFileSync(join(values.out as string, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(values.out as string, `${name}.md`), markdown(result));
    process.stdout.write(markdown(result));
  } finally {
    plainProcess.kill?.();
    await hub.stop();
    if (!values.keep) rmSync(stateDir, { recursive: true, force: true });
  }
}

/** Cold scenarios through the second engine take periods of their own (none served from a cache). */
function range600<T>(f: ((i: number) => T) | undefined): ((i: number) => T) | undefined {
  return f ? (i: number) => f(600 + i) : undefined;
}

function engineResult(engine: string, result: LoadResult, cores: number): EngineResult {
  return { engine, load: result, coresUsed: cores, throughputPerCore: result.throughput / Math.max(0.01, cores) };
}

main().catch((error: unknown) => {
  log(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});

import { loadavg } from 'node:os';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createGatewayTokenSigner, readPrivateKey, readScreeningKey } from '@psea/auth';
import { Role } from '@psea/contract';
import { mintDevToken } from '@psea/devstack';
import { benchHub, benchNodeEnv, benchStateDir } from './bench-hub';
import { benchMachine } from './bench-machine';
import { FIRST_YEAR } from './generate-csv';
import { loadSources } from './load-sources';
import { startPlainGateway } from './plain-baseline';
import { counter, cpuSeconds, load, peakMemoryMiB, probe, walk } from './measure';
import { manySourcesFromOptions } from './many-sources/many-sources-options';
import { ManySourcesResult, manySourcesMarkdown } from './many-sources/many-sources-report';
import { ProcessIndex } from './profile/process-index';
import { BenchResult, ScenarioResult, markdown } from './report';
import { engineResult, runScenario } from './run-scenario';
import { WALK_QUERY, scenarios } from './scenarios';

const ROOT = resolve(__dirname, '..', '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const rerender = process.argv.indexOf('--render');
  if (rerender > 0) {
    // Re-renders the Markdown of a results file (after the report's wording changed).
    const file = process.argv[rerender + 1] as string;
    const result = JSON.parse(readFileSync(file, 'utf8')) as BenchResult | ManySourcesResult;
    writeFileSync(file.replace(/\.json$/, '.md'), 'runs' in result ? manySourcesMarkdown(result) : markdown(result));
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
      // Counts of registered sources (e.g. 3,10,30): the many-sources mode, --scale records in all.
      sources: { type: 'string' },
      // DATABASE_POOL_SIZE of every source in the many-sources mode.
      'pool-size': { type: 'string', default: '4' },
    },
  });
  if (values.sources !== undefined) {
    process.stdout.write(manySourcesMarkdown(await manySourcesFromOptions(values, ROOT, log)));
    return;
  }
  // Set in this process too, so the plain gateway it forks runs as the hub's services do.
  process.env['NODE_ENV'] = benchNodeEnv();
  const scale = Number(values.scale);
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  if (!Number.isInteger(scale) || scale < 1000) throw new Error('--scale must be a whole number of at least 1000');
  const stateDir = benchStateDir('psea-bench');
  log(`benchmark at ${scale.toLocaleString('en')} records per source (state in ${stateDir})`);
  const hub = await benchHub({
    rootDir: ROOT,
    stateDir,
    poolSize: 16,
    ...(values['cpu-prof'] ? { cpuProfDir: resolve(values['cpu-prof']) } : {}),
  });
  const plainProcess: { kill?: () => void } = {};
  const profiled = values['cpu-prof'] ? new ProcessIndex(resolve(values['cpu-prof'])) : undefined;
  try {
    const sources = [...hub.sources.values()].map((s) => s.registration);
    profiled?.add(hub.gateway.pid, 'gateway');
    for (const s of sources) profiled?.add(hub.source(s.name).process.pid, s.name);
    // Load through the bulk path: the same `psea ingest` an entity's IT team runs.
    const loads = await loadSources(ROOT, hub, sources, scale, stateDir, log);

    // The plain baseline, on the same supergraph and sources.
    const sign = createGatewayTokenSigner(await readPrivateKey(hub.keys.gatewayPrivateKey));
    const screeningKey = readScreeningKey(hub.keys.screeningKey);
    const plain = await startPlainGateway(ROOT, hub, sources, stateDir, sign, screeningKey);
    plainProcess.kill = () => plain.process.kill('SIGTERM');
    const plainUrl = plain.url;

    const token = await mintDevToken(hub.keys, { role: Role.COORDINATOR, subject: 'bench' });
    const year = FIRST_YEAR + 8;
    const results: ScenarioResult[] = [];
    const only = values.only?.split(',');
    const chosen = scenarios(year, '5001234', screeningKey, sources[1] ?? sources[0]!).filter(
      (s) => !only || only.includes(s.id),
    );
    const loadBefore = loadavg()[0] as number;
    for (const scenario of chosen) {
      results.push(
        await runScenario(scenario, {
          hub,
          plainUrl,
          token,
          sources,
          connections,
          duration,
          sign,
          log,
          ...(profiled ? { profiled } : {}),
        }),
      );
    }
    const walkQuery = WALK_QUERY.replace('YEAR', String(year));
    const walkHub = await walk(hub.gatewayUrl, walkQuery, token, 20);
    const walkPlain = await walk(plainUrl, walkQuery, token, 20);

    // The other routing tiers over the same sources and data: Apollo Gateway calling the system
    // view as its own service, and the second engine, Hive Gateway, calling that service. Each
    // tier's CPU is its router's and its system view's together, so throughput per core compares
    // the tiers, not where the work sits.
    const peakByTier: Record<string, number | null> = {};
    for (const [engine, topology, offset] of [
      ['Apollo split', 'split', 900],
      ['Hive', 'hive', 600],
    ] as const) {
      await hub.useTopology(topology);
      profiled?.add(hub.gateway.pid, `${engine} gateway`);
      profiled?.add(hub.systemView?.pid, `${engine} system view`);
      for (const [i, scenario] of chosen.entries()) {
        log(`scenario ${scenario.id} through ${engine}`);
        await probe(hub.gatewayUrl, scenario.gateway, token);
        const tier = [hub.gateway.pid, hub.systemView?.pid];
        const before = cpuSeconds(tier);
        const tierLoad = () =>
          load(hub.gatewayUrl, scenario.gateway, token, connections, duration, offsetBy(offset, scenario.vary?.gateway));
        const other = profiled ? await profiled.window(`${engine} ${scenario.id}`, tierLoad) : await tierLoad();
        const cores = (cpuSeconds(tier) - before) / duration;
        results[i]?.engines?.push(engineResult(engine, other, cores));
        log(`  ${engine}: p50 ${other.p50} ms, ${other.throughput} req/s on ${cores.toFixed(2)} cores`);
      }
      peakByTier[`${engine} gateway`] = peakMemoryMiB(hub.gateway.pid);
      peakByTier[`${engine} system view`] = peakMemoryMiB(hub.systemView?.pid);
    }
    await hub.useTopology('embedded');
    profiled?.add(hub.gateway.pid, 'gateway (after the other tiers)');

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
      'plain gateway': peakMemoryMiB(plain.process.pid),
    };
    Object.assign(peakMemory, peakByTier);
    for (const s of hub.sources.values()) peakMemory[s.registration.name] = peakMemoryMiB(s.process.pid);

    const result: BenchResult = {
      date: new Date().toISOString().slice(0, 10),
      machine: { ...benchMachine(), loadAverage: loadBefore },
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
    profiled?.write();
    plainProcess.kill?.();
    await hub.stop();
    if (!values.keep) rmSync(stateDir, { recursive: true, force: true });
  }
}

/** Cold scenarios through each routing tier take periods of their own (none served from another's cache). */
function offsetBy<T>(offset: number, f: ((i: number) => T) | undefined): ((i: number) => T) | undefined {
  return f ? (i: number) => f(offset + i) : undefined;
}

main().catch((error: unknown) => {
  log(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});

import type { SourceRegistration } from '@psea/contract';
import { Role } from '@psea/contract';
import type { Hub } from '@psea/devstack';
import { counter, cpuSeconds, load, probe, LoadResult } from './measure';
import type { EngineResult, ScenarioResult } from './report';
import type { ProcessIndex } from './profile/process-index';
import type { Scenario } from './scenarios';

/** What every scenario is measured with. */
export interface ScenarioRun {
  readonly hub: Hub;
  readonly plainUrl: string;
  readonly token: string;
  readonly sources: readonly SourceRegistration[];
  readonly connections: number;
  readonly duration: number;
  readonly sign: (audience: string, caller: { subject: string; role: Role }) => Promise<string>;
  readonly log: (line: string) => void;
  /** With --cpu-prof: records the hub's load window, so the profile summary counts it alone. */
  readonly profiled?: ProcessIndex;
}

/**
 * One scenario under load three ways: through the hub, through the plain baseline gateway, and
 * straight at each source; with the SQL statements and cache hits it cost the sources.
 */
export async function runScenario(scenario: Scenario, run: ScenarioRun): Promise<ScenarioResult> {
  const { hub, plainUrl, token, sources, connections, duration, sign, log } = run;
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
  const hubLoad = () => load(hub.gatewayUrl, scenario.gateway, token, connections, duration, range(0, scenario.vary?.gateway));
  const hubResult = run.profiled ? await run.profiled.window(scenario.id, hubLoad) : await hubLoad();
  const apolloCores = (cpuSeconds([hub.gateway.pid]) - cpuBefore) / duration;
  const sqlAfter = await Promise.all(
    sources.map((s) => counter(hub.source(s.name).process.metricsUrl as string, 'psea_sql_statements_total')),
  );
  const sql = sqlAfter.reduce((sum, v, i) => sum + v - (sqlBefore[i] ?? 0), 0);
  const hitsAfter = await Promise.all(
    sources.map((s) => counter(hub.source(s.name).process.metricsUrl as string, 'psea_statistics_cache_total', 'hit')),
  );
  const cacheHits = hitsAfter.reduce((sum, v, i) => sum + v - (hitsBefore[i] ?? 0), 0);
  const plainResult = await load(plainUrl, scenario.gateway, token, connections, duration, range(300, scenario.vary?.gateway));
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
  const result: ScenarioResult = {
    id: scenario.id,
    title: scenario.title,
    engines: [engineResult('Apollo embedded', hubResult, apolloCores)],
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
  };
  log(
    `  hub p50 ${hubResult.p50} ms, p99 ${hubResult.p99} ms, ${hubResult.throughput} req/s; plain p50 ${plainResult.p50} ms; slowest source p50 ${slowest} ms`,
  );
  return result;
}

/** A load result with the cores the routing tier used for it. */
export function engineResult(engine: string, result: LoadResult, cores: number): EngineResult {
  return { engine, load: result, coresUsed: cores, throughputPerCore: result.throughput / Math.max(0.01, cores) };
}

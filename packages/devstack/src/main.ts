import { join, resolve } from 'node:path';
import { intVariable } from '@psea/service';
import { EXAMPLE_QUERY } from './example-query';
import { sourceVariablePrefix } from '@psea/contract';
import { Hub } from './hub';
import { registeredSources } from './registered-sources';
import { readableLine } from './service-process';
import { chooseTopology } from './topology-choice';

const rootDir = resolve(__dirname, '..', '..', '..');

/** What each topology's router is, as the banner says it. */
const ROUTING: Record<Hub['topology'], string> = {
  embedded: 'Apollo Gateway, system view in process',
  split: 'Apollo Gateway, system view as its own service',
  hive: 'Hive Gateway, system view as its own service',
  'hive-rust': 'Hive Gateway with its Rust query planner, system view as its own service',
};

/**
 * The port each source listens on: the one of its <NAME>_URL when set (where the gateway is told
 * to find it), else the one of its URL in gateway/sources.json, so the list stays true.
 */
function sourcePorts(): Record<string, number> {
  return Object.fromEntries(
    registeredSources(rootDir).map((s) => {
      const url = process.env[`${sourceVariablePrefix(s.name)}_URL`] || s.url;
      return [s.name, Number(new URL(url).port) || 0];
    }),
  );
}

function banner(hub: Hub, stateDir: string): string {
  const url = hub.gatewayUrl;
  const sources = [...hub.sources.values()]
    .map(
      (s) =>
        `    ${s.registration.name.padEnd(14)} ${s.process.url}  (${s.embedded ? 'embedded PostgreSQL' : 'external PostgreSQL'})`,
    )
    .join('\n');
  return [
    '',
    'PSEA federation hub is running.',
    `  Gateway  ${url}  (${ROUTING[hub.topology]})`,
    hub.systemView ? `  System view  ${hub.systemView.url}` : '',
    '  Sources',
    sources,
    hub.cluster ? `  Data     ${hub.cluster.dataDir} (PostgreSQL on 127.0.0.1:${hub.cluster.port}; state in ${stateDir})` : '',
    '',
    '  Published totals are real; every case record in the reference dataset is SYNTHETIC.',
    '',
    'Every request needs a token. Get one for a role (coordinator, focal-point, report-author, screener):',
    '  TOKEN=$(npm run -s token -- --role coordinator)',
    '',
    'Try:',
    `  curl -s ${url} -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" \\`,
    `    -d '${JSON.stringify({ query: EXAMPLE_QUERY })}'`,
    '',
    'Ctrl-C stops everything (PostgreSQL included); the data stays for the next start.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const stateDir = process.env['PSEA_DATA_DIR'] ?? join(rootDir, '.data');
  const verbose = process.env['LOG_LEVEL'] !== undefined;
  const started = Date.now();
  const topology = chooseTopology(process.argv.slice(2), process.env);
  const count = registeredSources(rootDir).length;
  process.stdout.write(
    `Starting the PSEA federation hub (embedded PostgreSQL, ${count} ${count === 1 ? 'source' : 'sources'}, gateway)...\n`,
  );
  const hub = await Hub.start({
    rootDir,
    stateDir,
    postgresPort: intVariable(process.env, 'PSEA_POSTGRES_PORT', 54329, 0, 65535),
    gatewayPort: intVariable(process.env, 'PORT', 4000, 0, 65535),
    topology,
    sourcePorts: sourcePorts(),
    env: { LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn' },
    // A crashed source, gateway or PostgreSQL comes back by itself, with one line saying so.
    supervise: { announce: (line) => process.stdout.write(`[supervisor] ${line}\n`) },
    log: (service, line) => {
      if (verbose) process.stdout.write(`[${service}] ${line}\n`);
      else if (service !== 'postgres') process.stdout.write(`[${service}] ${readableLine(line)}\n`);
    },
  });
  process.stdout.write(banner(hub, stateDir));
  process.stdout.write(`(started in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping...\n');
    hub.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`could not stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`\nThe hub could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

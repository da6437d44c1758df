import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Hub } from '@psea/devstack';
import { generateCsv } from '../generate-csv';
import type { Recorder } from './recorder';
import type { SoakResult } from './report';

/** The gateway's timeout for a source in the soak: a frozen source is missing after this. */
export const SOURCE_TIMEOUT_MS = 2000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Phase {
  readonly name: string;
  readonly description: string;
  /** Runs during the phase (the phase lasts its share of the time whatever this does). */
  readonly fault?: (until: number) => Promise<void>;
}

/** What the phases act on. */
export interface PhaseSetup {
  readonly root: string;
  readonly hub: Hub;
  readonly recorder: Recorder;
  readonly stateDir: string;
  readonly ingestRows: number;
  /** The sources the faults hit, in registry order: killed, ingested into and frozen, cut off. */
  readonly sources: readonly [string, string, string];
}

/**
 * The soak's phases, in order, under the same load: the load alone, an ingest, a source killed,
 * a source's database connections terminated, a source frozen past the timeout, a rolling
 * restart, and the load alone again. `outcome.ingest` says how the ingest phase's load went.
 */
export function soakPhases(setup: PhaseSetup): { readonly phases: Phase[]; readonly outcome: { ingest: SoakResult['ingest'] } } {
  const { root, hub, recorder, stateDir, ingestRows } = setup;
  const [first, second, third] = setup.sources;
  const outcome: { ingest: SoakResult['ingest'] } = {
    ingest: { source: second, rows: ingestRows, seconds: null, outcome: 'not run' },
  };
  const phases: Phase[] = [
    { name: 'steady', description: 'the load alone' },
    {
      name: 'ingest',
      description: `\`psea ingest\` of ${ingestRows.toLocaleString('en')} records into ${second} (years 2008-2012, not the year asked)`,
      fault: async () => {
        const file = join(stateDir, 'soak-ingest.csv');
        await generateCsv(hub.source(second).registration, ingestRows, file, 77, { first: 2008, count: 5, prefix: 'SOAK' });
        recorder.event(`ingest of ${ingestRows} records into ${second} started`);
        const started = Date.now();
        const code = await new Promise<number | null>((done) => {
          const child = spawn(
            process.execPath,
            [join(root, 'packages', 'cli', 'bin', 'psea.js'), 'ingest', '--source', second, file],
            {
              stdio: 'ignore',
              env: {
                ...process.env,
                [`${hub.source(second).registration.source}_DATABASE_URL`]: hub.source(second).databaseUrl,
                SCREENING_KEY_FILE: hub.keys.screeningKey,
                [`${hub.source(second).registration.source}_PSEUDONYM_KEY_FILE`]: hub.source(second).pseudonymKeyFile,
              },
            },
          );
          child.once('exit', done);
        });
        outcome.ingest = {
          source: second,
          rows: ingestRows,
          seconds: (Date.now() - started) / 1000,
          outcome: code === 0 ? 'loaded' : `exit ${code}`,
        };
        recorder.event(`ingest ended (${outcome.ingest.outcome}, ${outcome.ingest.seconds} s)`);
      },
    },
    {
      name: 'kill',
      description: `${first} killed with SIGKILL; \`npm start\`'s supervisor restarts it`,
      fault: async () => {
        const pid = hub.source(first).process.pid as number;
        process.kill(pid, 'SIGKILL');
        recorder.event(`${first} (pid ${pid}) killed`);
        const killedAt = Date.now();
        const health = (hub.source(first).process.url as string).replace(/\/graphql$/, '/health');
        const ready = async () => (await fetch(health).catch(() => undefined))?.ok === true;
        while (hub.source(first).process.pid === pid || !(await ready())) await sleep(100);
        recorder.event(
          `${first} answering again (pid ${hub.source(first).process.pid}) ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`,
        );
      },
    },
    {
      name: 'db-terminate',
      description: `${third}'s database connections terminated every 5 s (\`pg_terminate_backend\`)`,
      fault: async (until) => {
        const url = new URL(hub.source(third).databaseUrl);
        const database = url.pathname.slice(1);
        url.pathname = '/postgres';
        while (Date.now() < until - 2000) {
          const client = new Client({ connectionString: url.toString() });
          await client.connect();
          const { rows } = await client.query(
            'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1',
            [database],
          );
          await client.end();
          recorder.event(`${rows[0]?.n ?? 0} connections of ${third} terminated`);
          await sleep(5000);
        }
      },
    },
    {
      name: 'freeze',
      description: `${second} frozen (SIGSTOP) for ${(SOURCE_TIMEOUT_MS + 3000) / 1000} s, past the ${SOURCE_TIMEOUT_MS / 1000} s timeout, twice`,
      fault: async (until) => {
        for (let i = 0; i < 2 && Date.now() < until - SOURCE_TIMEOUT_MS - 4000; i++) {
          const pid = hub.source(second).process.pid as number;
          process.kill(pid, 'SIGSTOP');
          recorder.event(`${second} frozen`);
          await sleep(SOURCE_TIMEOUT_MS + 3000);
          process.kill(pid, 'SIGCONT');
          recorder.event(`${second} thawed`);
          await sleep(Math.min(10_000, Math.max(0, (until - Date.now()) / 3)));
        }
      },
    },
    {
      name: 'rolling-restart',
      description: 'each source in turn stopped with SIGTERM (graceful) and started again',
      fault: async () => {
        for (const name of [first, second, third]) {
          await hub.stopSource(name);
          recorder.event(`${name} stopped (SIGTERM)`);
          await hub.startSource(name);
          recorder.event(`${name} started`);
          await sleep(2000);
        }
      },
    },
    { name: 'recovered', description: 'the load alone again, every source back' },
  ];
  return { phases, outcome };
}

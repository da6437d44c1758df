import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Client } from 'pg';
import { AllegationRecord } from '@psea/contract';
import { Random, referenceRecords } from '@psea/reference-data';
import { exportColumns, ingestCsv, recordToRow } from '@psea/subgraph-kit';
import { stringify } from 'csv-stringify/sync';
import { mappingTables } from '../packages/subgraph-kit/src/database/data-version';
import { definition as peacekeeping } from '../subgraphs/peacekeeping/src/index';
import { useTestCluster } from './support/test-cluster';

const TABLES = mappingTables(peacekeeping.mapping);
const KINDS = ['load', 're-run', 'update one', 'update many', 'update nothing', 'delete', 'investigators', 'mission'] as const;

/** Every row of every mapped table as jsonb text, sorted: what an answer as of this moment must read. */
async function tableRows(owner: Client): Promise<string[]> {
  const out: string[] = [];
  for (const table of TABLES) {
    const { rows } = await owner.query(`SELECT to_jsonb(t)::text AS row FROM "${table}" t`);
    out.push(...rows.map((r: { row: string }) => `${table} ${r.row}`));
  }
  return out.sort();
}

/** The history's rows valid at `version`, in the same form. */
async function historyRows(owner: Client, version: number): Promise<string[]> {
  const { rows } = await owner.query(
    'SELECT table_name, row_data::text AS row FROM record_history WHERE table_name = ANY($1) AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)',
    [TABLES, version],
  );
  return rows.map((r: { table_name: string; row: string }) => `${r.table_name} ${r.row}`).sort();
}

describe('the record history of every kind of write', () => {
  const databases = useTestCluster();

  it('holds at every data version exactly the rows the tables held, one history row per row written, for loads, re-runs, direct updates, updates that change nothing and deletes', async () => {
    const { urls, dataSource } = await databases.sourceDatabase('history_writes', peacekeeping);
    const owner = await databases.ownerClient(urls);
    const keys = { deployment: randomBytes(32), source: randomBytes(32) };
    const csvOf = (records: readonly AllegationRecord[]) =>
      stringify(
        records.map((r) => recordToRow(r)),
        { header: true, columns: exportColumns(false) },
      );
    const ingest = (records: readonly AllegationRecord[]) =>
      ingestCsv({ dataSource, definition: peacekeeping, pseudonymKeys: keys, open: () => Readable.from([csvOf(records)]) });
    const version = async () => Number((await owner.query('SELECT version FROM data_version')).rows[0].version as string);
    const counts = async () => {
      const { rows } = await owner.query(
        'SELECT count(*)::int AS total, (count(*) FILTER (WHERE valid_to IS NOT NULL))::int AS closed FROM record_history',
      );
      return rows[0] as { total: number; closed: number };
    };
    const ids = async () =>
      (await owner.query('SELECT id::int AS id FROM allegation ORDER BY id')).rows.map((r: { id: number }) => r.id);

    // Seeded: the same sequence of writes on every run.
    const rng = new Random(14);
    const next = () => rng.next();
    const pick = <T>(items: readonly T[]): T => rng.pick(items);
    const all = referenceRecords(peacekeeping.source);
    let taken = 40;
    let file = all.slice(0, taken);
    await ingest(file);

    // Each step is one kind of write; after it, the state the history must reproduce at the new
    // version, and how many history rows the step may open and close.
    const seen = new Map<number, string[]>([[await version(), await tableRows(owner)]]);
    // Every kind three times, in a shuffled order.
    const steps = [...KINDS, ...KINDS, ...KINDS]
      .map((kind) => [next(), kind] as const)
      .sort(([a], [b]) => a - b)
      .map(([, kind]) => kind);
    for (const kind of steps) {
      let before = await counts();
      const existing = await ids();
      let opened: number | undefined;
      let closed: number | undefined;
      if (kind === 'load') {
        // A multi-row upsert: some records changed, some new, the rest as they were.
        const fresh = all.slice(taken, (taken += 1 + Math.floor(next() * 6)));
        file = [
          ...file.map((r) => (next() < 0.2 ? { ...r, victims: { ...r.victims, women: (r.victims.women ?? 0) + 1 } } : r)),
          ...fresh,
        ];
        await ingest(file);
      } else if (kind === 're-run') {
        // Unchanged rows write no history: the file once (it restores what direct updates changed), then again.
        await ingest(file);
        before = await counts();
        expect(await ingest(file)).toMatchObject({ inserted: 0, updated: 0, unchanged: file.length });
        [opened, closed] = [0, 0];
      } else if (kind === 'update one') {
        const r = await owner.query('UPDATE allegation SET perpetrators = coalesce(perpetrators, 0) + 1 WHERE id = $1', [
          pick(existing),
        ]);
        [opened, closed] = [r.rowCount ?? -1, r.rowCount ?? -1];
      } else if (kind === 'update many') {
        const r = await owner.query(
          'UPDATE allegation SET investigation_days = coalesce(investigation_days, 0) + 7 WHERE id % 3 = $1',
          [Math.floor(next() * 3)],
        );
        [opened, closed] = [r.rowCount ?? -1, r.rowCount ?? -1];
      } else if (kind === 'update nothing') {
        // An update that changes no value still closes and reopens each row it touched.
        const r = await owner.query('UPDATE allegation SET status = status WHERE id = ANY($1)', [
          existing.filter(() => next() < 0.3),
        ]);
        [opened, closed] = [r.rowCount ?? -1, r.rowCount ?? -1];
      } else if (kind === 'delete') {
        const investigators = await owner.query(
          'SELECT count(*)::int AS n FROM allegation_investigator WHERE allegation_id = $1',
          [existing[0]],
        );
        const r = await owner.query('DELETE FROM allegation WHERE id = $1', [existing[0]]);
        file = file.filter((_, i) => i !== 0);
        [opened, closed] = [0, (r.rowCount ?? -1) + (investigators.rows[0].n as number)];
      } else if (kind === 'investigators') {
        const r = await owner.query(
          "INSERT INTO allegation_investigator (allegation_id, investigator) SELECT id, 'NIO' FROM allegation WHERE id = ANY($1) ON CONFLICT DO NOTHING",
          [existing.filter(() => next() < 0.3)],
        );
        [opened, closed] = [r.rowCount ?? -1, 0];
      } else {
        const r = await owner.query("UPDATE mission SET name = name || ' (renamed)' WHERE id = (SELECT min(id) FROM mission)");
        [opened, closed] = [r.rowCount ?? -1, r.rowCount ?? -1];
      }
      const after = await counts();
      if (opened !== undefined) expect([kind, after.total - before.total]).toEqual([kind, opened]);
      if (closed !== undefined) expect([kind, after.closed - before.closed]).toEqual([kind, closed]);
      seen.set(await version(), await tableRows(owner));
    }
    for (const [at, rows] of seen) expect([at, await historyRows(owner, at)]).toEqual([at, rows]);
    // The hash by which a write finds the history row it closes is the md5 of the stored row.
    const { rows: badHashes } = await owner.query(
      'SELECT count(*)::int AS n FROM record_history WHERE row_hash <> md5(row_data::text)',
    );
    expect(badHashes[0].n).toBe(0);
  }, 240_000);
});

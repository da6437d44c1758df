import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { AllegationRecord, sourceSlug } from '@psea/contract';
import { referenceRecords } from '@psea/reference-data';
import { SubgraphDefinition, exportColumns, exportCsv, ingestCsv, recordToRow } from '@psea/subgraph-kit';
import { stringify } from 'csv-stringify/sync';
import { ROLLUPS, rollupTable } from '../packages/subgraph-kit/src/rollup/rollup-columns';
import { rollupFill } from '../packages/subgraph-kit/src/rollup/rollup-ddl';
import { definition as peacekeeping } from '../subgraphs/peacekeeping/src/index';
import { definition as agencies } from '../subgraphs/agencies/src/index';
import { definition as nonUnForces } from '../subgraphs/non-un-forces/src/index';
import { useTestCluster } from './support/test-cluster';

const DEFINITIONS: readonly SubgraphDefinition[] = [peacekeeping, agencies, nonUnForces];

/** A file of the ingestion format holding these records (current version, no identifiers column). */
function csvOf(records: readonly AllegationRecord[]): string {
  return stringify(
    records.map((r) => recordToRow(r)),
    { header: true, columns: exportColumns(false) },
  );
}

/** The records as the source reads them back, exported in the ingestion format, sorted by reference. */
async function exported(dataSource: DataSource, definition: SubgraphDefinition): Promise<string[]> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  await exportCsv(dataSource, definition, sink);
  const [header, ...rows] = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n');
  return [header as string, ...rows.sort()];
}

describe('the ingest writes set-wise from its typed staging table', () => {
  const databases = useTestCluster();

  it.each(DEFINITIONS.map((d) => [sourceSlug(d.source), d] as const))(
    'loads, then updates and inserts by reference in %s: exact counts, every column round-trips, list rows and rollups exact, triggers once per table',
    async (name, definition) => {
      const { urls, dataSource } = await databases.sourceDatabase(`setwise_${name.replace(/-/g, '_')}`, definition);
      const owner = await databases.ownerClient(urls);
      const keys = { deployment: randomBytes(32), source: randomBytes(32) };
      const ingest = (records: readonly AllegationRecord[]) =>
        ingestCsv({ dataSource, definition, pseudonymKeys: keys, open: () => Readable.from([csvOf(records)]) });
      const version = async () => Number((await owner.query('SELECT version FROM data_version')).rows[0].version as string);

      const all = referenceRecords(definition.source);
      expect(all.length).toBeGreaterThan(16);
      const half = Math.floor(all.length / 2);
      const first = all.slice(0, half);

      // A load of 3 rows and one of 2,500 (more than the old writer's batch of 2,000) bump the data
      // version alike: one statement per table, so each table's statement triggers fire once
      // whatever the number of rows.
      const clones = (prefix: string, n: number) =>
        Array.from({ length: n }, (_, i) => ({ ...(all[0] as AllegationRecord), reference: `${prefix}-${i}` }));
      const before = await version();
      expect(await ingest(clones('FEW', 3))).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 });
      const few = (await version()) - before;
      const middle = await version();
      expect(await ingest(clones('MANY', 2_500))).toMatchObject({ inserted: 2_500, updated: 0, unchanged: 0 });
      expect((await version()) - middle).toBe(few);
      await owner.query(
        `DELETE FROM ${(/^\s*([a-z_]+)/.exec(definition.mapping.from) as RegExpExecArray)[1]} WHERE ${definition.mapping.reference.replace(/^[a-z_]+\./, '')} ~ '^(FEW|MANY)-'`,
      );

      expect(await ingest(first)).toMatchObject({ inserted: half, updated: 0, unchanged: 0 });
      // New records get their ids in the order of the file (pages list records by id), whatever
      // order the set-wise SELECT's joins would produce.
      const { mapping } = definition;
      const byId = await owner.query(
        `SELECT ${mapping.reference} AS reference FROM ${mapping.from} WHERE ${mapping.reference} !~ '^(FEW|MANY)-' ORDER BY ${mapping.id}`,
      );
      expect(byId.rows.map((r: { reference: string }) => r.reference)).toEqual(first.map((r) => r.reference));

      // Then a file that changes some rows (a victim more, another list of investigating
      // entities), keeps the others and adds the second half.
      const listValues = Object.values(definition.mapping.investigatingEntities.values);
      const changed = new Set([1, 3, 5, 7].map((i) => (all[i] as AllegationRecord).reference));
      const second = all.map((r) =>
        changed.has(r.reference)
          ? {
              ...r,
              victims: { ...r.victims, women: (r.victims.women ?? 0) + 1 },
              investigatingEntities: listValues.filter((v) => !r.investigatingEntities.includes(v)).slice(0, 1),
            }
          : r,
      );
      const result = await ingest(second);
      expect(result).toMatchObject({ rows: all.length, inserted: all.length - half, updated: changed.size });
      expect(result.unchanged).toBe(half - changed.size);

      // Every column the source stores reads back as it was staged (the typed staging and the
      // set-wise SELECT lose nothing): the export equals the file, row for row.
      const expectedRows = csvOf(second).trimEnd().split('\n');
      expect(await exported(dataSource, definition)).toEqual([expectedRows[0], ...expectedRows.slice(1).sort()]);

      // The rollups equal the aggregation of the records after the mixed load.
      const tables = ROLLUPS.map((_, i) => rollupTable(i));
      const snapshot = async () => {
        const out: string[] = [];
        for (const table of tables) {
          const { rows } = await owner.query(`SELECT to_jsonb(r)::text AS row FROM ${table} r WHERE allegations <> 0`);
          out.push(...rows.map((r) => `${table} ${r.row as string}`).sort());
        }
        return out;
      };
      const maintained = await snapshot();
      await owner.query('BEGIN');
      try {
        for (const table of tables) await owner.query(`TRUNCATE ${table}`);
        await owner.query(rollupFill(definition.mapping));
        expect(maintained).toEqual(await snapshot());
      } finally {
        await owner.query('ROLLBACK');
      }
      expect(maintained.length).toBeGreaterThan(0);
    },
    240_000,
  );
});

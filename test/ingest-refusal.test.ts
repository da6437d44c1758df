import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { AllegationRecord } from '@psea/contract';
import { referenceRecords } from '@psea/reference-data';
import { IngestError, exportColumns, ingestCsv, recordToRow } from '@psea/subgraph-kit';
import { stringify } from 'csv-stringify/sync';
import { definition as peacekeeping } from '../subgraphs/peacekeeping/src/index';
import { useTestCluster } from './support/test-cluster';

function csvOf(records: readonly AllegationRecord[]): string {
  return stringify(
    records.map((r) => recordToRow(r)),
    { header: true, columns: exportColumns(false) },
  );
}

describe("a value the format admits but the source's own database refuses", () => {
  // Before the cluster's hooks: its afterAll stops the server, so the client must be gone by then.
  afterAll(async () => {
    await owner?.end();
  });
  const t = useTestCluster();
  let dataSource: DataSource;
  let owner: Client;
  const keys = { deployment: randomBytes(32), source: randomBytes(32) };
  const records = referenceRecords(peacekeeping.source);
  const ingest = (rows: readonly AllegationRecord[]) =>
    ingestCsv({ dataSource, definition: peacekeeping, pseudonymKeys: keys, open: () => Readable.from([csvOf(rows)]) });
  const refusal = async (rows: readonly AllegationRecord[]) => {
    const error = (await ingest(rows).catch((e: unknown) => e)) as IngestError;
    expect(error).toBeInstanceOf(IngestError);
    return error;
  };
  const count = async () => Number((await owner.query('SELECT count(*) AS n FROM allegation')).rows[0].n);

  beforeAll(async () => {
    const { urls, dataSource: opened } = await t.sourceDatabase('refusal_peacekeeping', peacekeeping);
    dataSource = opened;
    owner = new Client({ connectionString: urls.ownerUrl });
    await owner.connect();
    // The entity's own rule, stricter than the format's (which admits up to 999,999 perpetrators).
    await owner.query('ALTER TABLE allegation ADD CONSTRAINT few_perpetrators CHECK (perpetrators < 50)');
  }, 120_000);

  it('names the first refused line and its column, and writes nothing', async () => {
    expect(records.length).toBeGreaterThan(40);
    // Lines 2.. hold the records in order: the 23rd and 31st records are lines 24 and 32.
    const rows = records.map((r, i) => (i === 22 || i === 30 ? { ...r, perpetrators: 60 } : r));
    const error = await refusal(rows);
    expect(error.problems).toEqual([
      {
        line: 24,
        column: 'perpetrators',
        message: expect.stringMatching(/^refused by the source's database: .*"few_perpetrators"/),
      },
    ]);
    expect(await count()).toBe(0);
    expect(Number((await owner.query('SELECT count(*) AS n FROM record_history')).rows[0].n)).toBe(0);
  });

  it('finds a refused update by reference the same way, and the file loads once it is fixed', async () => {
    expect(await ingest(records)).toMatchObject({ inserted: records.length, updated: 0 });
    const last = records.length - 1;
    const error = await refusal(records.map((r, i) => (i === last ? { ...r, perpetrators: 75 } : r)));
    expect(error.problems).toEqual([
      { line: last + 2, column: 'perpetrators', message: expect.stringContaining('few_perpetrators') },
    ]);
    expect(await ingest(records)).toMatchObject({ inserted: 0, updated: 0, unchanged: records.length });
  });
});

import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { AllegationRecord } from '@psea/contract';
import { referenceRecords } from '@psea/reference-data';
import { IngestError, exportColumns, ingestCsv, recordToRow } from '@psea/subgraph-kit';
import { stringify } from 'csv-stringify/sync';
import { copyRefusal, isDatabaseRefusal } from '../packages/subgraph-kit/src/ingest/database-refusal';
import { lineOfStagedRow } from '../packages/subgraph-kit/src/ingest/ingest-csv';
import { RecordStaging } from '../packages/subgraph-kit/src/ingest/record-staging';
import { definition as peacekeeping } from '../subgraphs/peacekeeping/src/index';
import { useTestCluster } from './support/test-cluster';

function csvOf(records: readonly AllegationRecord[]): string {
  return stringify(
    records.map((r) => recordToRow(r)),
    { header: true, columns: exportColumns(false) },
  );
}

describe("a value the format admits but the source's own database refuses", () => {
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
    owner = await t.ownerClient(urls);
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

  it("tells a COPY refusal by the staging row's file line and the file's column", async () => {
    // The format's checks admit no value the staging's types refuse, so this stages one past
    // them (perpetrators beyond int) straight into a real COPY, as a bug in those checks would.
    const client = new Client({ connectionString: t.cluster.url('refusal_peacekeeping') });
    await client.connect();
    try {
      await client.query('BEGIN');
      const staging = await RecordStaging.open(client as never, peacekeeping.mapping);
      await staging.add(5, records[0] as AllegationRecord, null);
      await staging.add(9, { ...(records[1] as AllegationRecord), perpetrators: 99_999_999_999 }, null);
      const error = await staging.finish().catch((e: unknown) => e);
      expect(isDatabaseRefusal(error)).toBe(true);
      const asked: number[] = [];
      const lineOf = (row: number) => {
        asked.push(row);
        return Promise.resolve([5, 9][row - 1] ?? 0);
      };
      const refused = await copyRefusal(error as never, staging.columns, lineOf);
      expect(asked).toEqual([2]);
      expect(refused).toEqual({
        line: 9,
        column: 'perpetrators',
        message: expect.stringMatching(/^refused by the source's database: .*out of range for type integer/),
      });
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
  });

  it('finds the file line of a staged row by reading the file again, past multi-line cells and rows never staged', async () => {
    // Row 2 spans two lines (a quoted line break in its reference: staged, refused later by the
    // source's rules); row 3 has an unknown allegation type (no record: never staged).
    const rows = records.slice(0, 4).map((r) => recordToRow(r));
    (rows[1] as Record<string, string>)['reference'] = 'SPLIT\nREF';
    (rows[2] as Record<string, string>)['allegation_type'] = 'XX';
    const file = stringify(rows, { header: true, columns: exportColumns(false) });
    const open = () => Readable.from([file]);
    // csv-parse reports a record's last line: lines 2, 4 (3-4), 5 (not staged), 6.
    expect(await lineOfStagedRow(open, 3, 1)).toBe(2);
    expect(await lineOfStagedRow(open, 3, 2)).toBe(4);
    expect(await lineOfStagedRow(open, 3, 3)).toBe(6);
    expect(await lineOfStagedRow(open, 3, 4)).toBe(0);
  });
});

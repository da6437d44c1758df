import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { sourcePseudonym } from '@psea/contract';
import { referenceRecords } from '@psea/reference-data';
import { IngestError, exportColumns, ingestCsv, recordToRow } from '@psea/subgraph-kit';
import { stringify } from 'csv-stringify/sync';
import { rekeyLegacyPseudonymsIn } from '../packages/subgraph-kit/src/load-records';
import { definition as peacekeeping } from '../subgraphs/peacekeeping/src/index';
import { useTestCluster } from './support/test-cluster';

/** Every stored pseudonym as `allegation id/pseudonym/keyed`, sorted. */
async function held(owner: Client): Promise<string[]> {
  const { rows } = await owner.query(
    "SELECT allegation_id || '/' || pseudonym || '/' || keyed_by_source AS row FROM subject_pseudonym ORDER BY 1",
  );
  return rows.map((r: { row: string }) => r.row);
}

describe('legacy pseudonyms are re-keyed in batches, never all in memory', () => {
  const t = useTestCluster();
  let dataSource: DataSource;
  let owner: Client;
  const keys = { deployment: randomBytes(32), source: randomBytes(32) };
  const records = referenceRecords(peacekeeping.source);
  const file = stringify(
    records.map((r) => recordToRow(r)),
    { header: true, columns: exportColumns(false) },
  );

  beforeAll(async () => {
    const { urls, dataSource: opened } = await t.sourceDatabase('rekey_peacekeeping', peacekeeping);
    dataSource = opened;
    owner = await t.ownerClient(urls);
    await ingestCsv({ dataSource, definition: peacekeeping, pseudonymKeys: keys, open: () => Readable.from([file]) });
  }, 120_000);

  /** Stores `perAllegation` legacy (deployment-keyed) pseudonyms for every allegation, and what re-keying must make of them. */
  async function plantLegacy(perAllegation: number): Promise<string[]> {
    await owner.query('DELETE FROM subject_pseudonym');
    // One pseudonym per allegation is already keyed by the source: re-keying leaves it alone.
    await owner.query("INSERT INTO subject_pseudonym SELECT id, md5('kept' || id) || md5(id || 'kept'), true FROM allegation");
    await owner.query(
      'INSERT INTO subject_pseudonym SELECT a.id, md5(a.id || $1 || g) || md5(g || $1 || a.id), false ' +
        'FROM allegation a CROSS JOIN generate_series(1, $2::int) g',
      ['-legacy-', perAllegation],
    );
    const { rows } = await owner.query(
      'SELECT allegation_id::text AS id, pseudonym, keyed_by_source AS keyed FROM subject_pseudonym',
    );
    return (rows as Array<{ id: string; pseudonym: string; keyed: boolean }>)
      .map((r) => `${r.id}/${r.keyed ? r.pseudonym : sourcePseudonym(keys.source, r.pseudonym)}/true`)
      .sort();
  }

  it('re-keys every legacy pseudonym exactly once across batch boundaries that split an allegation, holding at most a batch', async () => {
    const expected = await plantLegacy(7);
    const legacy = records.length * 7;
    let largest = 0;
    let statements = 0;
    const rekeyed = await dataSource.transaction((manager) => {
      // Watches what each statement hands back to this process (the real manager does the work).
      const watched = new Proxy(manager, {
        get(target, property, receiver) {
          if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
          return async (text: string, parameters?: unknown[]) => {
            const result = (await target.query(text, parameters)) as unknown;
            statements++;
            if (Array.isArray(result)) largest = Math.max(largest, result.length);
            return result;
          };
        },
      }) as EntityManager;
      return rekeyLegacyPseudonymsIn(watched, keys.source, 50);
    });
    expect(rekeyed).toBe(legacy);
    expect(await held(owner)).toEqual(expected);
    expect(largest).toBeLessThanOrEqual(50);
    // A delete and an insert per batch of 50, then the delete that finds none left.
    expect(statements).toBe(2 * Math.ceil(legacy / 50) + 1);
  });

  it('re-keys more than a batch of legacy pseudonyms inside the ingest, and nothing when the file is refused', async () => {
    const expected = await plantLegacy(60);
    expect(records.length * 60).toBeGreaterThan(5_000);
    const before = await held(owner);
    const bad = file.replace(/\n([^,\n]*),/, '\n$1,not-an-entity-column-shift,');
    await expect(
      ingestCsv({ dataSource, definition: peacekeeping, pseudonymKeys: keys, open: () => Readable.from([bad]) }),
    ).rejects.toBeInstanceOf(IngestError);
    expect(await held(owner)).toEqual(before);
    await ingestCsv({ dataSource, definition: peacekeeping, pseudonymKeys: keys, open: () => Readable.from([file]) });
    expect(await held(owner)).toEqual(expected);
  });
});

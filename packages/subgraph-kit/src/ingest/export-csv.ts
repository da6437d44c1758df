import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import { Allegation, AllegationRecord, CursorKey, cursorKeyOf } from '@psea/contract';
import type { DataSource } from 'typeorm';
import { pageStatement, toAllegation } from '../sql/page-query';
import type { SubgraphDefinition } from '../subgraph-definition';
import { exportColumns, recordToRow } from './ingest-format';

const BATCH = 2_000;

/** A record of the common form, read back from the contract view of a native row. */
export function recordOf(a: Allegation): AllegationRecord {
  const { total: _total, minors: _minors, ...victims } = a.victims;
  void _total;
  void _minors;
  return {
    reference: a.reference,
    entity: a.entity,
    reported: a.reportedMonth,
    incident: a.incidentPeriod ?? null,
    allegationType: a.allegationType,
    personnelCategory: a.personnelCategory,
    nationality: a.nationality ?? null,
    perpetrators: a.perpetrators ?? null,
    perpetratorsMen: a.perpetratorsMen,
    perpetratorsWomen: a.perpetratorsWomen,
    victims,
    investigatingEntities: a.investigatingEntities,
    status: a.investigationStatus,
    investigationDays: a.investigationDays ?? null,
    investigationStarted: a.investigationStartedMonth ?? null,
    investigationCompleted: a.investigationCompletedMonth ?? null,
    interimActions: a.interimActions,
    finalActions: a.finalActions,
    memberStateActions: a.memberStateActions,
    memberStateReferral: a.memberStateReferral
      ? {
          notified: a.memberStateReferral.notifiedMonth ?? null,
          nioRequested: a.memberStateReferral.nioRequested,
          nioAppointed: a.memberStateReferral.nioAppointed,
          response: a.memberStateReferral.response,
          lastResponse: a.memberStateReferral.lastResponseMonth ?? null,
        }
      : null,
    paternity: a.paternity,
    assistance: a.assistance,
    criminalReferral: a.criminalReferral,
    synthetic: a.synthetic,
  };
}

/**
 * Writes every record of a source in the ingestion format, in reporting order, streamed in
 * batches. Subject identifiers are not written: only their pseudonyms exist.
 */
export async function exportCsv(dataSource: DataSource, definition: SubgraphDefinition, output: Writable): Promise<number> {
  // A cell a spreadsheet would run as a formula (=, +, -, @, ...) is written with a leading
  // apostrophe; ingest reads it back without (ingest-format.ts).
  const csv = stringify({ header: true, columns: exportColumns(false), escape_formulas: true });
  const toStdout = output === process.stdout;
  csv.pipe(output, { end: !toStdout });
  const done = once(toStdout ? csv : output, toStdout ? 'end' : 'finish');
  let after: CursorKey | undefined;
  let count = 0;
  for (;;) {
    const statement = pageStatement(
      definition.mapping,
      definition.source,
      after ? { kind: 'page', filter: {}, first: BATCH, after } : { kind: 'page', filter: {}, first: BATCH },
    );
    const rows = (await dataSource.query(statement.text, statement.values)) as Record<string, unknown>[];
    const items = rows.slice(0, BATCH).map((row) => toAllegation(definition.mapping, definition.source, row));
    for (const item of items) {
      if (!csv.write(recordToRow(recordOf(item)))) await once(csv, 'drain');
    }
    count += items.length;
    const last = items[items.length - 1];
    if (!last || rows.length <= BATCH) break;
    after = cursorKeyOf(last);
  }
  csv.end();
  await done;
  return count;
}

import { SCREENING_REPORTED_STATUSES, ScreeningMatch, Source } from '@psea/contract';
import { ContractMapping, contractValue, nativeValues } from './contract-mapping';
import type { SqlStatement } from './statistics-query';

/**
 * One statement: the allegations recorded against any of the stored pseudonyms that are
 * substantiated or still pending (ClearCheck's scope), in reporting order.
 */
export function screeningStatement(mapping: ContractMapping, storedPseudonyms: readonly string[]): SqlStatement {
  return {
    text:
      `SELECT ${mapping.id}::text AS id, ${mapping.entity} AS entity, extract(year from ${mapping.reported})::int AS year, ` +
      `${mapping.allegationType.sql} AS allegation_type, ${mapping.investigationStatus.sql} AS investigation_status, ` +
      `${mapping.finalActions} AS final_actions FROM ${mapping.from} ` +
      `WHERE ${mapping.id} IN (SELECT allegation_id FROM subject_pseudonym WHERE pseudonym = ANY($1::text[])) ` +
      `AND ${mapping.investigationStatus.sql} = ANY($2::text[]) ` +
      `ORDER BY ${mapping.reported}, ${mapping.id}`,
    values: [storedPseudonyms, nativeValues(mapping.investigationStatus, SCREENING_REPORTED_STATUSES)],
  };
}

/** The details of each match (coordinators only): source, entity, year, type, status, final actions. */
export function screeningResult(
  mapping: ContractMapping,
  source: Source,
  rows: ReadonlyArray<Record<string, unknown>>,
): ScreeningMatch[] {
  return rows.map((r) => ({
    source,
    entity: String(r['entity']),
    year: Number(r['year']),
    allegationType: contractValue(mapping.allegationType, r['allegation_type'], 'allegationType'),
    investigationStatus: contractValue(mapping.investigationStatus, r['investigation_status'], 'investigationStatus'),
    finalActions: (r['final_actions'] as string[]).map(String) as ScreeningMatch['finalActions'],
  }));
}

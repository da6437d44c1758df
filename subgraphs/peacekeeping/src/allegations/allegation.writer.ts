import { EntityKind, PersonnelCategory as P } from '@psea/contract';
import { StagedRecords, WriteSummary, ensureEntityRows, upsertSelect } from '@psea/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { writeInvestigators } from './allegation-investigators.writer';

/** The contingent a personnel category serves in; the other categories have none. */
const SERVICE: Partial<Record<P, 'military' | 'police'>> = {
  [P.MILITARY_CONTINGENT]: 'military',
  [P.MILITARY_OBSERVER]: 'military',
  [P.POLICE_INDIVIDUAL]: 'police',
  [P.POLICE_FPU]: 'police',
};

/** SERVICE as SQL over the staged contract category (values are the contract's enum, never input). */
const serviceSql = (category: string) =>
  `CASE ${category} ${Object.entries(SERVICE)
    .map(([c, s]) => `WHEN '${c}' THEN '${s}'`)
    .join(' ')} END`;

/**
 * Writes staged records into missions, contingents of T/PCCs, allegations and their
 * investigators, set-wise: one statement per table whatever the number of records.
 */
export async function writeAllegations(manager: EntityManager, staged: StagedRecords): Promise<WriteSummary> {
  await ensureEntityRows(manager, 'mission', await staged.entities(), {
    columns: [{ name: 'kind', type: 'text' }],
    values: (entity) => ({ kind: entity.kind === EntityKind.SPECIAL_POLITICAL_MISSION ? 'SPM' : 'PKO' }),
  });
  const s = staged.table;
  await manager.query(
    `INSERT INTO contingent (mission_id, country_code, service)
     SELECT DISTINCT m.id, s.nationality, ${serviceSql('s.category')} FROM ${s} s JOIN mission m ON m.code = s.entity
     WHERE ${serviceSql('s.category')} IS NOT NULL
     ON CONFLICT (mission_id, country_code, service) DO NOTHING`,
  );
  const summary = await upsertSelect(
    manager,
    'allegation',
    'reference',
    [
      ...staged.columns.direct.map((c) => c.name),
      'mission_id',
      'contingent_id',
      'received_month',
      'incident_year',
      'incident_month',
    ],
    `SELECT ${staged.columns.directSelect('s').join(', ')}, m.id, c.id, (s.reported || '-01')::date,
       split_part(s.incident, '-', 1)::smallint, nullif(split_part(s.incident, '-', 2), '')::smallint
     FROM ${s} s JOIN mission m ON m.code = s.entity
     LEFT JOIN contingent c ON c.mission_id = m.id AND c.country_code = s.nationality AND c.service = ${serviceSql('s.category')}
     ORDER BY s.line`,
  );
  return writeInvestigators(manager, staged, summary);
}

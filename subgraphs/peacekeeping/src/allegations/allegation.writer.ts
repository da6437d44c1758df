import { AllegationRecord, EntityKind, PersonnelCategory as P, assert } from '@psea/contract';
import { WriteSummary, directColumns, ensureEntityRows, ensureLookupRows, upsertRows } from '@psea/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { writeInvestigators } from './allegation-investigators.writer';
import { allegationMapping } from './allegation.mapper';

const SERVICE: Partial<Record<P, 'military' | 'police'>> = {
  [P.MILITARY_CONTINGENT]: 'military',
  [P.MILITARY_OBSERVER]: 'military',
  [P.POLICE_INDIVIDUAL]: 'police',
  [P.POLICE_FPU]: 'police',
};

const direct = directColumns(allegationMapping, 'a');

/** Writes contract records into missions, contingents of T/PCCs, allegations and their investigators. */
export async function writeAllegations(manager: EntityManager, records: readonly AllegationRecord[]): Promise<WriteSummary> {
  const missions = await ensureEntityRows(manager, 'mission', records, {
    columns: [{ name: 'kind', type: 'text' }],
    values: (entity) => ({ kind: entity.kind === EntityKind.SPECIAL_POLITICAL_MISSION ? 'SPM' : 'PKO' }),
  });
  const missionId = (code: string): number => {
    const id = missions.get(code);
    assert(id !== undefined, `mission ${code} exists`);
    return id;
  };
  const contingentKey = (r: AllegationRecord) => `${missionId(r.entity)}|${r.nationality}|${SERVICE[r.personnelCategory]}`;
  const contingents = await ensureLookupRows(
    manager,
    'contingent',
    [
      { name: 'mission_id', type: 'int' },
      { name: 'country_code', type: 'text' },
      { name: 'service', type: 'text' },
    ],
    [],
    records
      .filter((r) => SERVICE[r.personnelCategory] !== undefined)
      .map((r) => ({ mission_id: missionId(r.entity), country_code: r.nationality, service: SERVICE[r.personnelCategory] })),
  );
  const rows = records.map((r) => {
    const [incidentYear, incidentMonth] = r.incident ? r.incident.split('-').map(Number) : [];
    return {
      ...direct.values(r),
      mission_id: missionId(r.entity),
      contingent_id: SERVICE[r.personnelCategory] ? (contingents.get(contingentKey(r)) ?? null) : null,
      received_month: `${r.reported}-01`,
      incident_year: incidentYear ?? null,
      incident_month: incidentMonth ?? null,
    };
  });
  const summary = await upsertRows(
    manager,
    'allegation',
    'reference',
    [
      ...direct.columns,
      { name: 'mission_id', type: 'int' },
      { name: 'contingent_id', type: 'int' },
      { name: 'received_month', type: 'date' },
      { name: 'incident_year', type: 'smallint' },
      { name: 'incident_month', type: 'smallint' },
    ],
    rows,
  );
  return writeInvestigators(manager, records, summary);
}

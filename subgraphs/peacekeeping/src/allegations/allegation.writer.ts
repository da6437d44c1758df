import { AllegationRecord, PersonnelCategory as P, findEntity, EntityKind, assert } from '@psea/contract';
import { WriteSummary, ensureLookupRows, nativeValue, upsertRows } from '@psea/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { ALLEGATION_TYPE, CATEGORY, INVESTIGATED_BY, PATERNITY, STATUS } from './allegation.codes';

const SERVICE: Partial<Record<P, 'military' | 'police'>> = {
  [P.MILITARY_CONTINGENT]: 'military',
  [P.MILITARY_OBSERVER]: 'military',
  [P.POLICE_INDIVIDUAL]: 'police',
  [P.POLICE_FPU]: 'police',
};

const COLUMNS = [
  { name: 'reference', type: 'text' },
  { name: 'mission_id', type: 'int' },
  { name: 'contingent_id', type: 'int' },
  { name: 'category', type: 'text' },
  { name: 'received_month', type: 'date' },
  { name: 'incident_year', type: 'smallint' },
  { name: 'incident_month', type: 'smallint' },
  { name: 'allegation_type', type: 'text' },
  { name: 'perpetrators', type: 'int' },
  { name: 'victims_women', type: 'int' },
  { name: 'victims_girls', type: 'int' },
  { name: 'victims_female_unknown_age', type: 'int' },
  { name: 'victims_men', type: 'int' },
  { name: 'victims_boys', type: 'int' },
  { name: 'victims_male_unknown_age', type: 'int' },
  { name: 'victims_unknown', type: 'int' },
  { name: 'investigated_by', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'investigation_days', type: 'int' },
  { name: 'interim_actions', type: 'text[]' },
  { name: 'final_actions', type: 'text[]' },
  { name: 'paternity', type: 'text' },
  { name: 'victim_assistance', type: 'text[]' },
  { name: 'referred_to_member_state', type: 'boolean' },
  { name: 'synthetic', type: 'boolean' },
] as const;

/** Writes contract records into missions, contingents and allegations. */
export async function writeAllegations(manager: EntityManager, records: readonly AllegationRecord[]): Promise<WriteSummary> {
  const missions = await ensureLookupRows(
    manager,
    'mission',
    [{ name: 'code', type: 'text' }],
    [
      { name: 'name', type: 'text' },
      { name: 'kind', type: 'text' },
    ],
    records.map((r) => {
      const entity = findEntity(r.entity);
      assert(entity, `validated entity ${r.entity}`);
      return { code: entity.code, name: entity.name, kind: entity.kind === EntityKind.SPECIAL_POLITICAL_MISSION ? 'SPM' : 'PKO' };
    }),
  );
  const missionId = (code: string): number => {
    const id = missions.get(code);
    assert(id !== undefined, `mission ${code} exists`);
    return id;
  };
  const uniformed = records.filter((r) => SERVICE[r.personnelCategory] !== undefined);
  const contingents = await ensureLookupRows(
    manager,
    'contingent',
    [
      { name: 'mission_id', type: 'int' },
      { name: 'country_code', type: 'text' },
      { name: 'service', type: 'text' },
    ],
    [],
    uniformed.map((r) => ({ mission_id: missionId(r.entity), country_code: r.nationality, service: SERVICE[r.personnelCategory] })),
  );
  const rows = records.map((r) => {
    const service = SERVICE[r.personnelCategory];
    const [incidentYear, incidentMonth] = r.incident ? r.incident.split('-').map(Number) : [null, null];
    return {
      reference: r.reference,
      mission_id: missionId(r.entity),
      contingent_id: service ? (contingents.get(`${missionId(r.entity)}|${r.nationality}|${service}`) ?? null) : null,
      category: nativeValue(CATEGORY, r.personnelCategory),
      received_month: `${r.reported}-01`,
      incident_year: incidentYear ?? null,
      incident_month: incidentMonth ?? null,
      allegation_type: nativeValue(ALLEGATION_TYPE, r.allegationType),
      perpetrators: r.perpetrators,
      victims_women: r.victims.women,
      victims_girls: r.victims.girls,
      victims_female_unknown_age: r.victims.femaleUnknownAge,
      victims_men: r.victims.men,
      victims_boys: r.victims.boys,
      victims_male_unknown_age: r.victims.maleUnknownAge,
      victims_unknown: r.victims.unknown,
      investigated_by: r.investigatingEntity ? nativeValue(INVESTIGATED_BY, r.investigatingEntity) : null,
      status: nativeValue(STATUS, r.status),
      investigation_days: r.investigationDays,
      interim_actions: r.interimActions,
      final_actions: r.finalActions,
      paternity: nativeValue(PATERNITY, r.paternity),
      victim_assistance: r.assistance,
      referred_to_member_state: r.criminalReferral,
      synthetic: r.synthetic,
    };
  });
  return upsertRows(manager, 'allegation', 'reference', COLUMNS, rows);
}

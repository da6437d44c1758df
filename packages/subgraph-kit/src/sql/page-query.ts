import {
  Allegation,
  ENTITIES,
  EntityKind,
  InvestigatingEntity,
  PageScope,
  Source,
  allegationId,
  assert,
  enumValues,
  findEntity,
  victimCounts,
} from '@psea/contract';
import { ContractMapping, contractValue, contractValues } from './contract-mapping';
import { afterCondition, filterConditions, publishedNationality, whereClause } from './filter-sql';
import { SqlParams } from './sql-params';
import type { SqlStatement } from './statistics-query';

type Row = Record<string, unknown>;

function recordColumns(mapping: ContractMapping): string {
  const v = mapping.victims;
  const r = mapping.memberStateReferral;
  return [
    `${mapping.id}::text AS id`,
    `${mapping.reference} AS reference`,
    `${mapping.entity} AS entity`,
    `to_char(${mapping.reported}, 'YYYY-MM') AS reported_month`,
    `${mapping.incident} AS incident`,
    `${mapping.allegationType.sql} AS allegation_type`,
    `${mapping.personnelCategory.sql} AS personnel_category`,
    `${publishedNationality(mapping)} AS nationality`,
    `${mapping.perpetrators} AS perpetrators`,
    `${mapping.perpetratorsMen} AS perpetrators_men`,
    `${mapping.perpetratorsWomen} AS perpetrators_women`,
    `${v.women} AS v_women`,
    `${v.girls} AS v_girls`,
    `${v.femaleUnknownAge} AS v_female_unknown_age`,
    `${v.men} AS v_men`,
    `${v.boys} AS v_boys`,
    `${v.maleUnknownAge} AS v_male_unknown_age`,
    `${v.unknown} AS v_unknown`,
    `${mapping.investigatingEntities.sql} AS investigating_entities`,
    `${mapping.investigationStatus.sql} AS investigation_status`,
    `${mapping.investigationDays} AS investigation_days`,
    `to_char(${mapping.investigationStarted}, 'YYYY-MM') AS investigation_started`,
    `to_char(${mapping.investigationCompleted}, 'YYYY-MM') AS investigation_completed`,
    `${mapping.interimActions} AS interim_actions`,
    `${mapping.finalActions} AS final_actions`,
    `${mapping.memberStateActions} AS member_state_actions`,
    `${r.referred} AS ms_referred`,
    `to_char(${r.notified}, 'YYYY-MM') AS ms_notified`,
    `${r.nioRequested} AS ms_nio_requested`,
    `${r.nioAppointed} AS ms_nio_appointed`,
    `${r.response.sql} AS ms_response`,
    `to_char(${r.lastResponse}, 'YYYY-MM') AS ms_last_response`,
    `${mapping.paternity.sql} AS paternity`,
    `${mapping.assistance} AS assistance`,
    `${mapping.criminalReferral} AS criminal_referral`,
    `${mapping.synthetic} AS synthetic`,
  ].join(', ');
}

/**
 * One statement for a case page: the records after the cursor in the system-wide order (within
 * one source: reporting month, then id, as `compareCursorKeys` orders them), one
 * more than asked so the page knows whether another follows. Its cost does not depend on the
 * page size beyond the rows themselves.
 */
export function pageStatement(mapping: ContractMapping, source: Source, scope: PageScope): SqlStatement {
  const params = new SqlParams();
  const conditions = filterConditions(mapping, scope.filter, params);
  if (scope.after) conditions.push(afterCondition(mapping, source, scope.after, params));
  const limit = params.add(scope.first + 1);
  return {
    text: `SELECT ${recordColumns(mapping)} FROM ${mapping.from} ${whereClause(conditions)} ORDER BY ${mapping.reported}, ${mapping.id} LIMIT ${limit}`,
    values: params.values,
  };
}

/** One statement for any number of lookups by native id. */
export function lookupStatement(mapping: ContractMapping, nativeIds: readonly string[]): SqlStatement {
  const params = new SqlParams();
  return {
    text: `SELECT ${recordColumns(mapping)} FROM ${mapping.from} WHERE ${mapping.id} = ANY(${params.add(nativeIds)}::bigint[])`,
    values: params.values,
  };
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function nullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function textArray(value: unknown): string[] {
  assert(Array.isArray(value), 'array column');
  return value.map(String);
}

/** A native row, mapped onto the contract. */
export function toAllegation(mapping: ContractMapping, source: Source, row: Row): Allegation {
  const entity = String(row['entity']);
  const victims = victimCounts({
    women: Number(row['v_women']),
    girls: Number(row['v_girls']),
    femaleUnknownAge: Number(row['v_female_unknown_age']),
    men: Number(row['v_men']),
    boys: Number(row['v_boys']),
    maleUnknownAge: Number(row['v_male_unknown_age']),
    unknown: Number(row['v_unknown']),
  });
  return {
    id: allegationId(source, String(row['id'])),
    source,
    reference: String(row['reference']),
    entity,
    // An entity the source holds but the registry does not know yet takes its source's usual kind.
    entityKind: (findEntity(entity) ?? ENTITIES.find((e) => e.source === source))?.kind ?? EntityKind.AGENCY_FUND_PROGRAMME,
    reportedMonth: String(row['reported_month']),
    incidentPeriod: row['incident'] === null ? null : String(row['incident']),
    allegationType: contractValue(mapping.allegationType, row['allegation_type'], 'allegationType'),
    personnelCategory: contractValue(mapping.personnelCategory, row['personnel_category'], 'personnelCategory'),
    nationality: row['nationality'] === null ? null : String(row['nationality']),
    perpetrators: nullableNumber(row['perpetrators']),
    perpetratorsMen: Number(row['perpetrators_men']),
    perpetratorsWomen: Number(row['perpetrators_women']),
    victims,
    investigatingEntities: contractValues(
      mapping.investigatingEntities,
      row['investigating_entities'],
      'investigatingEntities',
      enumValues(InvestigatingEntity),
    ),
    investigationStatus: contractValue(mapping.investigationStatus, row['investigation_status'], 'investigationStatus'),
    investigationDays: nullableNumber(row['investigation_days']),
    investigationStartedMonth: nullableText(row['investigation_started']),
    investigationCompletedMonth: nullableText(row['investigation_completed']),
    interimActions: textArray(row['interim_actions']) as Allegation['interimActions'],
    finalActions: textArray(row['final_actions']) as Allegation['finalActions'],
    memberStateActions: textArray(row['member_state_actions']) as Allegation['memberStateActions'],
    memberStateReferral: row['ms_referred']
      ? {
          notifiedMonth: nullableText(row['ms_notified']),
          nioRequested: Boolean(row['ms_nio_requested']),
          nioAppointed: Boolean(row['ms_nio_appointed']),
          response: contractValue(mapping.memberStateReferral.response, row['ms_response'], 'memberStateReferral.response'),
          lastResponseMonth: nullableText(row['ms_last_response']),
        }
      : null,
    paternity: contractValue(mapping.paternity, row['paternity'], 'paternity'),
    assistance: textArray(row['assistance']) as Allegation['assistance'],
    criminalReferral: Boolean(row['criminal_referral']),
    synthetic: Boolean(row['synthetic']),
  };
}

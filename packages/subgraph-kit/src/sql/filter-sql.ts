import {
  CursorKey,
  Filter,
  MemberStateResponse,
  PersonnelCategory,
  Source,
  UNIFORMED_CATEGORIES,
  monthStart,
  nextMonth,
  sourceAfterPosition,
} from '@psea/contract';
import { ContractMapping, nativeValues } from './contract-mapping';
import { SqlParams } from './sql-params';

/** Native category values of uniformed personnel, whose nationality may be published. */
export function uniformedNativeCategories(mapping: ContractMapping): string[] {
  return nativeValues(mapping.personnelCategory, UNIFORMED_CATEGORIES as PersonnelCategory[]);
}

/** A text literal for values that come from code (mappings), never from a request. */
export function textArrayLiteral(values: readonly string[]): string {
  return `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]::text[]`;
}

/**
 * The nationality as published: only for uniformed personnel, NULL for everyone else. A
 * literal rather than a parameter, so the expression is identical in SELECT and GROUP BY.
 */
export function publishedNationality(mapping: ContractMapping): string {
  return `CASE WHEN ${mapping.personnelCategory.sql} = ANY(${textArrayLiteral(uniformedNativeCategories(mapping))}) THEN ${mapping.nationality} END`;
}

/**
 * WHERE conditions for a filter, on native columns so that the source's indexes apply. Every
 * value travels as a parameter; nothing from a request is spliced into SQL.
 */
export function filterConditions(mapping: ContractMapping, filter: Filter, params: SqlParams): string[] {
  const where: string[] = [];
  if (filter.from) where.push(`${mapping.reported} >= ${params.add(monthStart(filter.from))}::date`);
  if (filter.to) where.push(`${mapping.reported} < ${params.add(monthStart(nextMonth(filter.to)))}::date`);
  if (filter.entities) where.push(`${mapping.entity} = ANY(${params.add(filter.entities)}::text[])`);
  if (filter.allegationTypes) {
    where.push(
      `${mapping.allegationType.sql} = ANY(${params.add(nativeValues(mapping.allegationType, filter.allegationTypes))}::text[])`,
    );
  }
  if (filter.personnelCategories) {
    where.push(
      `${mapping.personnelCategory.sql} = ANY(${params.add(nativeValues(mapping.personnelCategory, filter.personnelCategories))}::text[])`,
    );
  }
  if (filter.investigationStatuses) {
    where.push(
      `${mapping.investigationStatus.sql} = ANY(${params.add(nativeValues(mapping.investigationStatus, filter.investigationStatuses))}::text[])`,
    );
  }
  if (filter.nationalities) {
    where.push(`${mapping.nationality} = ANY(${params.add(filter.nationalities)}::text[])`);
    where.push(`${mapping.personnelCategory.sql} = ANY(${textArrayLiteral(uniformedNativeCategories(mapping))})`);
  }
  if (filter.involvingMinors !== undefined) {
    const minors = `(${mapping.victims.girls} + ${mapping.victims.boys}) > 0`;
    where.push(filter.involvingMinors ? minors : `NOT ${minors}`);
  }
  if (filter.awaitingMemberStateResponseDays !== undefined) {
    const referral = mapping.memberStateReferral;
    const none = nativeValues(referral.response, [MemberStateResponse.NONE]);
    where.push(`${referral.referred}`);
    where.push(`${referral.response.sql} = ANY(${textArrayLiteral(none)})`);
    where.push(
      `(CURRENT_DATE - coalesce(${referral.notified}, ${mapping.reported})) > ${params.add(filter.awaitingMemberStateResponseDays)}::int`,
    );
  }
  return where;
}

/**
 * Records strictly after a position of the system-wide order (the cursor module says where this
 * source stands), as a row comparison on (reported, id) so an index on both serves it.
 */
export function afterCondition(mapping: ContractMapping, source: Source, after: CursorKey, params: SqlParams): string {
  const position = sourceAfterPosition(source, after);
  const month = `${params.add(monthStart(position.month))}::date`;
  switch (position.kind) {
    case 'from-month':
      return `${mapping.reported} >= ${month}`;
    case 'after-month':
      return `${mapping.reported} > ${month}`;
    case 'after-month-and-id':
      return `(${mapping.reported}, ${mapping.id}) > (${month}, ${params.add(position.id)}::bigint)`;
  }
}

export function whereClause(conditions: readonly string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

import type { AllegationRecord } from '@psea/contract';
import { ContractMapping, EnumMapping, nativeValue } from '../sql/contract-mapping';
import type { UpsertColumn } from './upsert-select';

/** A contract month 'YYYY-MM' as the native `date` of its first day. */
function monthDate(month: string | null): string | null {
  return month === null ? null : `${month}-01`;
}

interface Direct {
  readonly column: UpsertColumn;
  readonly value: (record: AllegationRecord) => unknown;
}

/**
 * The columns a mapping reads straight from the main table (`alias.column`), with how to fill
 * each from a contract record: the mapping read backwards. A source writes by hand only what
 * its mapping derives (joins, dates), so reading and writing cannot drift apart.
 */
export function directColumns(
  mapping: ContractMapping,
  alias: string,
): {
  columns: UpsertColumn[];
  values: (record: AllegationRecord) => Record<string, unknown>;
} {
  const plain = (expression: string): string | undefined => {
    const match = new RegExp(`^${alias}\\.([a-z_][a-z0-9_]*)$`).exec(expression);
    return match?.[1];
  };
  const found: Direct[] = [];
  const add = (expression: string, type: string, value: (r: AllegationRecord) => unknown) => {
    const name = plain(expression);
    if (name) found.push({ column: { name, type }, value });
  };
  const addEnum = <T extends string>(m: EnumMapping<T>, value: (r: AllegationRecord) => T | null) =>
    add(m.sql, 'text', (r) => {
      const v = value(r);
      return v === null ? null : nativeValue(m, v);
    });

  add(mapping.reference, 'text', (r) => r.reference);
  add(mapping.incident, 'text', (r) => r.incident);
  add(mapping.nationality, 'text', (r) => r.nationality);
  add(mapping.perpetrators, 'int', (r) => r.perpetrators);
  add(mapping.perpetratorsMen, 'int', (r) => r.perpetratorsMen);
  add(mapping.perpetratorsWomen, 'int', (r) => r.perpetratorsWomen);
  for (const group of Object.keys(mapping.victims) as Array<keyof ContractMapping['victims']>) {
    add(mapping.victims[group], 'int', (r) => r.victims[group]);
  }
  add(mapping.investigationDays, 'int', (r) => r.investigationDays);
  // A list kept in a column of its own is written here; one kept in a table of its own, by the source.
  const investigators = mapping.investigatingEntities;
  add(investigators.sql, 'text[]', (r) => r.investigatingEntities.map((e) => nativeValue(investigators, e)));
  add(mapping.interimActions, 'text[]', (r) => r.interimActions);
  add(mapping.finalActions, 'text[]', (r) => r.finalActions);
  add(mapping.memberStateActions, 'text[]', (r) => r.memberStateActions);
  add(mapping.investigationStarted, 'date', (r) => monthDate(r.investigationStarted));
  add(mapping.investigationCompleted, 'date', (r) => monthDate(r.investigationCompleted));
  const referral = mapping.memberStateReferral;
  add(referral.referred, 'boolean', (r) => r.memberStateReferral !== null);
  add(referral.notified, 'date', (r) => monthDate(r.memberStateReferral?.notified ?? null));
  add(referral.nioRequested, 'boolean', (r) => r.memberStateReferral?.nioRequested ?? false);
  add(referral.nioAppointed, 'boolean', (r) => r.memberStateReferral?.nioAppointed ?? false);
  add(referral.lastResponse, 'date', (r) => monthDate(r.memberStateReferral?.lastResponse ?? null));
  addEnum(referral.response, (r) => r.memberStateReferral?.response ?? null);
  add(mapping.assistance, 'text[]', (r) => r.assistance);
  add(mapping.criminalReferral, 'boolean', (r) => r.criminalReferral);
  add(mapping.synthetic, 'boolean', (r) => r.synthetic);
  addEnum(mapping.allegationType, (r) => r.allegationType);
  addEnum(mapping.personnelCategory, (r) => r.personnelCategory);
  addEnum(mapping.investigationStatus, (r) => r.status);
  addEnum(mapping.paternity, (r) => r.paternity);

  return {
    columns: found.map((d) => d.column),
    values: (record) => Object.fromEntries(found.map((d) => [d.column.name, d.value(record)])),
  };
}

import type { AllegationRecord } from '@psea/contract';
import { ContractMapping, EnumMapping, nativeValue } from '../sql/contract-mapping';
import type { UpsertColumn } from './upsert-select';

/** A contract month 'YYYY-MM' as the native `date` of its first day. */
function monthDate(month: string | null): string | null {
  return month === null ? null : `${month}-01`;
}

interface Direct {
  readonly column: UpsertColumn;
  /** The contract field it is filled from (`perpetrators`, `victims.girls`, `memberStateReferral.notified`). */
  readonly field: string;
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
  /** The contract field each native column is filled from, by column name. */
  fields: Readonly<Record<string, string>>;
  values: (record: AllegationRecord) => Record<string, unknown>;
} {
  const plain = (expression: string): string | undefined => {
    const match = new RegExp(`^${alias}\\.([a-z_][a-z0-9_]*)$`).exec(expression);
    return match?.[1];
  };
  const found: Direct[] = [];
  const add = (field: string, expression: string, type: string, value: (r: AllegationRecord) => unknown) => {
    const name = plain(expression);
    if (name) found.push({ column: { name, type }, field, value });
  };
  const addEnum = <T extends string>(field: string, m: EnumMapping<T>, value: (r: AllegationRecord) => T | null) =>
    add(field, m.sql, 'text', (r) => {
      const v = value(r);
      return v === null ? null : nativeValue(m, v);
    });

  add('reference', mapping.reference, 'text', (r) => r.reference);
  add('incident', mapping.incident, 'text', (r) => r.incident);
  add('nationality', mapping.nationality, 'text', (r) => r.nationality);
  add('perpetrators', mapping.perpetrators, 'int', (r) => r.perpetrators);
  add('perpetratorsMen', mapping.perpetratorsMen, 'int', (r) => r.perpetratorsMen);
  add('perpetratorsWomen', mapping.perpetratorsWomen, 'int', (r) => r.perpetratorsWomen);
  for (const group of Object.keys(mapping.victims) as Array<keyof ContractMapping['victims']>) {
    add(`victims.${group}`, mapping.victims[group], 'int', (r) => r.victims[group]);
  }
  add('investigationDays', mapping.investigationDays, 'int', (r) => r.investigationDays);
  // A list kept in a column of its own is written here; one kept in a table of its own, by the source.
  const investigators = mapping.investigatingEntities;
  add('investigatingEntities', investigators.sql, 'text[]', (r) =>
    r.investigatingEntities.map((e) => nativeValue(investigators, e)),
  );
  add('interimActions', mapping.interimActions, 'text[]', (r) => r.interimActions);
  add('finalActions', mapping.finalActions, 'text[]', (r) => r.finalActions);
  add('memberStateActions', mapping.memberStateActions, 'text[]', (r) => r.memberStateActions);
  add('investigationStarted', mapping.investigationStarted, 'date', (r) => monthDate(r.investigationStarted));
  add('investigationCompleted', mapping.investigationCompleted, 'date', (r) => monthDate(r.investigationCompleted));
  const referral = mapping.memberStateReferral;
  add('memberStateReferral', referral.referred, 'boolean', (r) => r.memberStateReferral !== null);
  add('memberStateReferral.notified', referral.notified, 'date', (r) => monthDate(r.memberStateReferral?.notified ?? null));
  add('memberStateReferral.nioRequested', referral.nioRequested, 'boolean', (r) => r.memberStateReferral?.nioRequested ?? false);
  add('memberStateReferral.nioAppointed', referral.nioAppointed, 'boolean', (r) => r.memberStateReferral?.nioAppointed ?? false);
  add('memberStateReferral.lastResponse', referral.lastResponse, 'date', (r) =>
    monthDate(r.memberStateReferral?.lastResponse ?? null),
  );
  addEnum('memberStateReferral.response', referral.response, (r) => r.memberStateReferral?.response ?? null);
  add('assistance', mapping.assistance, 'text[]', (r) => r.assistance);
  add('criminalReferral', mapping.criminalReferral, 'boolean', (r) => r.criminalReferral);
  add('synthetic', mapping.synthetic, 'boolean', (r) => r.synthetic);
  addEnum('allegationType', mapping.allegationType, (r) => r.allegationType);
  addEnum('personnelCategory', mapping.personnelCategory, (r) => r.personnelCategory);
  addEnum('status', mapping.investigationStatus, (r) => r.status);
  addEnum('paternity', mapping.paternity, (r) => r.paternity);

  return {
    columns: found.map((d) => d.column),
    fields: Object.fromEntries(found.map((d) => [d.column.name, d.field])),
    values: (record) => Object.fromEntries(found.map((d) => [d.column.name, d.value(record)])),
  };
}

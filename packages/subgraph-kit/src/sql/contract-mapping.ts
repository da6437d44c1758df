import type {
  AllegationType,
  InvestigatingEntity,
  InvestigationStatus,
  MemberStateResponse,
  PaternityStatus,
  PersonnelCategory,
} from '@psea/contract';

/** A native column whose values are mapped one-to-one onto a contract enum. */
export interface EnumMapping<T extends string> {
  /** SQL expression of the native value. */
  readonly sql: string;
  /** Native value → contract value. Must be one-to-one. */
  readonly values: Readonly<Record<string, T>>;
}

/**
 * A native list of codes mapped one-to-one onto a contract enum: `sql` is a `text[]` of native
 * codes (a column, or an ARRAY over a table of its own), empty when there is none.
 */
export interface EnumListMapping<T extends string> extends EnumMapping<T> {
  /** Marks the expression as a list, so a scalar mapping cannot stand in for it. */
  readonly list: true;
}

/**
 * How a source's native tables read as the common contract. Every member is a SQL expression
 * over the tables of `from`; the kit builds every statistics, page and lookup query from it,
 * so a source writes its domain once and no query by hand.
 */
export interface ContractMapping {
  /** FROM clause: the native tables, joined. */
  readonly from: string;
  /**
   * Tables the mapping reads outside `from` (in a subquery, such as a list kept in a table of
   * its own), so that writes to them also change the data version.
   */
  readonly listTables?: readonly string[];
  /** The native numeric primary key (bigint), also the tie-breaker of the page order. */
  readonly id: string;
  readonly reference: string;
  /** Entity code, e.g. 'MINUSCA'. */
  readonly entity: string;
  /** `date`: the first day of the month the report was received. Index it with `id`. */
  readonly reported: string;
  /** Text 'YYYY' or 'YYYY-MM', or NULL when unknown. */
  readonly incident: string;
  readonly allegationType: EnumMapping<AllegationType>;
  readonly personnelCategory: EnumMapping<PersonnelCategory>;
  /** ISO 3166-1 alpha-3; the kit publishes it for uniformed categories only. */
  readonly nationality: string;
  /** Integer or NULL when unknown. */
  readonly perpetrators: string;
  /** Integers: alleged perpetrators known to be men, and women (the rest are of unknown sex). */
  readonly perpetratorsMen: string;
  readonly perpetratorsWomen: string;
  readonly victims: {
    readonly women: string;
    readonly girls: string;
    readonly femaleUnknownAge: string;
    readonly men: string;
    readonly boys: string;
    readonly maleUnknownAge: string;
    readonly unknown: string;
  };
  /** Every entity investigating the allegation (joint investigations have several). */
  readonly investigatingEntities: EnumListMapping<InvestigatingEntity>;
  readonly investigationStatus: EnumMapping<InvestigationStatus>;
  readonly investigationDays: string;
  /** `date`: first day of the month the investigation started, or NULL. */
  readonly investigationStarted: string;
  /** `date`: first day of the month the investigation was completed, or NULL. */
  readonly investigationCompleted: string;
  /** text[] of contract codes. */
  readonly interimActions: string;
  /** text[] of contract codes: final actions taken by the UN. */
  readonly finalActions: string;
  /** text[] of contract codes: final actions taken by the Member State. */
  readonly memberStateActions: string;
  /** Referral to the Member State for action, and its follow-up. */
  readonly memberStateReferral: {
    /** Boolean: referred. When false, the members below are NULL (or false). */
    readonly referred: string;
    /** `date`: first day of the month the State was notified, or NULL. */
    readonly notified: string;
    readonly nioRequested: string;
    readonly nioAppointed: string;
    /** The State's response; NULL when not referred. */
    readonly response: EnumMapping<MemberStateResponse>;
    /** `date`: first day of the month of the State's last response, or NULL. */
    readonly lastResponse: string;
  };
  readonly paternity: EnumMapping<PaternityStatus>;
  /** text[] of contract codes. */
  readonly assistance: string;
  readonly criminalReferral: string;
  readonly synthetic: string;
}

/** Native values that map to any of the given contract values. */
export function nativeValues<T extends string>(mapping: EnumMapping<T>, contractValues: readonly T[]): string[] {
  return Object.entries(mapping.values)
    .filter(([, contract]) => contractValues.includes(contract as T))
    .map(([native]) => native);
}

/** The contract value of a native value; throws when a source holds a value it did not map. */
export function contractValue<T extends string>(mapping: EnumMapping<T>, native: unknown, field: string): T {
  const value = typeof native === 'string' ? mapping.values[native] : undefined;
  if (value === undefined) throw new Error(`unmapped native value for ${field}: ${String(native)}`);
  return value;
}

/**
 * The contract values of a native list, each once, in the contract enum's order (so a list reads
 * the same whatever order the source stored it in).
 */
export function contractValues<T extends string>(
  mapping: EnumListMapping<T>,
  native: unknown,
  field: string,
  order: readonly T[],
): T[] {
  if (!Array.isArray(native)) throw new Error(`${field}: expected a list, got ${String(native)}`);
  const values = new Set(native.map((n) => contractValue(mapping, n, field)));
  return order.filter((v) => values.has(v));
}

/** The native value of a contract value, for writing records into the native model. */
export function nativeValue<T extends string>(mapping: EnumMapping<T>, contract: T): string {
  let byContract = NATIVE_VALUES.get(mapping);
  if (!byContract) {
    // Built once per mapping: the ingest asks for every enumerated value of every row.
    byContract = new Map();
    for (const [native, value] of Object.entries(mapping.values)) if (!byContract.has(value)) byContract.set(value, native);
    NATIVE_VALUES.set(mapping, byContract);
  }
  const native = byContract.get(contract);
  if (native === undefined) throw new Error(`no native value for ${contract}`);
  return native;
}

/** Each enumeration mapping's first native value per contract value (as `Object.entries(...).find` gave). */
const NATIVE_VALUES = new WeakMap<object, Map<unknown, string>>();

import { findEntity } from './entities';
import { AllegationType, Dimension, InvestigationStatus, PersonnelCategory, Source, enumValues } from './enums';
import { badUserInput } from './errors';
import { isMonth, isQuarter, isYear, quarterMonths, MIN_YEAR, MAX_YEAR } from './period';

/** The raw filter as a client sends it (the GraphQL input, or the same shape from JSON). */
export interface FilterInput {
  year?: number | null;
  quarter?: string | null;
  fromMonth?: string | null;
  toMonth?: string | null;
  sources?: readonly string[] | null;
  entities?: readonly string[] | null;
  allegationTypes?: readonly string[] | null;
  personnelCategories?: readonly string[] | null;
  nationalities?: readonly string[] | null;
  investigationStatuses?: readonly string[] | null;
  involvingMinors?: boolean | null;
  awaitingMemberStateResponseDays?: number | null;
}

/** The longest wait for a Member State's response a filter may ask about, in days (ten years). */
export const MAX_AWAITING_DAYS = 3650;

/**
 * A validated filter in canonical form: the period as an inclusive month range, every list
 * sorted and without duplicates. Equal filters have equal canonical JSON.
 */
export interface Filter {
  readonly from?: string;
  readonly to?: string;
  readonly sources?: readonly Source[];
  readonly entities?: readonly string[];
  readonly allegationTypes?: readonly AllegationType[];
  readonly personnelCategories?: readonly PersonnelCategory[];
  readonly nationalities?: readonly string[];
  readonly investigationStatuses?: readonly InvestigationStatus[];
  readonly involvingMinors?: boolean;
  /**
   * Only allegations referred to a Member State that has not responded (response NONE) for more
   * than this many days, counted from the month it was notified (or received, when the
   * notification month was not recorded) to today.
   */
  readonly awaitingMemberStateResponseDays?: number;
}

const ISO3 = /^[A-Z]{3}$/;

/**
 * Most dimensions a statistics request may group by: each one multiplies the rows every source
 * computes and sends. The annex needs three.
 */
export const MAX_GROUP_BY_DIMENSIONS = 4;

/**
 * Validates a client filter and puts it in canonical form.
 * @throws GraphQLError BAD_USER_INPUT naming the argument (e.g. `filter.toMonth`).
 */
export function normalizeFilter(input: FilterInput | null | undefined, argument = 'filter'): Filter {
  if (!input) return {};
  const arg = (name: string): string => `${argument}.${name}`;
  const filter: {
    -readonly [K in keyof Filter]: Filter[K];
  } = {};

  const periods = [
    input.year != null ? 'year' : undefined,
    input.quarter != null ? 'quarter' : undefined,
    input.fromMonth != null || input.toMonth != null ? 'fromMonth/toMonth' : undefined,
  ].filter(Boolean);
  if (periods.length > 1) {
    throw badUserInput(argument, `at most one period (year, quarter or fromMonth/toMonth), got ${periods.join(' and ')}`);
  }
  if (input.year != null) {
    if (!isYear(input.year)) throw badUserInput(arg('year'), `a year from ${MIN_YEAR} to ${MAX_YEAR}`, input.year);
    filter.from = `${input.year}-01`;
    filter.to = `${input.year}-12`;
  }
  if (input.quarter != null) {
    if (!isQuarter(input.quarter)) throw badUserInput(arg('quarter'), "a quarter written 'YYYYQn', e.g. '2016Q3'", input.quarter);
    Object.assign(filter, quarterMonths(input.quarter));
  }
  if (input.fromMonth != null) {
    if (!isMonth(input.fromMonth)) throw badUserInput(arg('fromMonth'), "a month written 'YYYY-MM'", input.fromMonth);
    filter.from = input.fromMonth;
  }
  if (input.toMonth != null) {
    if (!isMonth(input.toMonth)) throw badUserInput(arg('toMonth'), "a month written 'YYYY-MM'", input.toMonth);
    filter.to = input.toMonth;
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    throw badUserInput(arg('toMonth'), `a month on or after fromMonth ${filter.from} (the period is reversed)`, filter.to);
  }

  filter.sources = enumList(input.sources, enumValues(Source), arg('sources'));
  filter.allegationTypes = enumList(input.allegationTypes, enumValues(AllegationType), arg('allegationTypes'));
  filter.personnelCategories = enumList(input.personnelCategories, enumValues(PersonnelCategory), arg('personnelCategories'));
  filter.investigationStatuses = enumList(
    input.investigationStatuses,
    enumValues(InvestigationStatus),
    arg('investigationStatuses'),
  );
  filter.entities = list(input.entities, arg('entities'), (code) => {
    if (!findEntity(code)) throw badUserInput(arg('entities'), 'known entity codes such as MINUSCA or UNHCR', code);
    return code;
  });
  filter.nationalities = list(input.nationalities, arg('nationalities'), (code) => {
    if (!ISO3.test(code)) throw badUserInput(arg('nationalities'), 'ISO 3166-1 alpha-3 codes in capitals, e.g. RWA', code);
    return code;
  });
  if (input.involvingMinors != null) filter.involvingMinors = input.involvingMinors;
  if (input.awaitingMemberStateResponseDays != null) {
    const days = input.awaitingMemberStateResponseDays;
    if (!Number.isInteger(days) || days < 0 || days > MAX_AWAITING_DAYS)
      throw badUserInput(arg('awaitingMemberStateResponseDays'), `a whole number of days from 0 to ${MAX_AWAITING_DAYS}`, days);
    filter.awaitingMemberStateResponseDays = days;
  }

  for (const key of Object.keys(filter) as Array<keyof Filter>) {
    if (filter[key] === undefined) delete filter[key];
  }
  return filter;
}

function list<T extends string>(
  values: readonly string[] | null | undefined,
  argument: string,
  check: (value: string) => T,
): T[] | undefined {
  if (values == null) return undefined;
  if (values.length === 0) throw badUserInput(argument, 'a non-empty list (omit it to include every value)', []);
  return [...new Set(values.map(check))].sort();
}

function enumList<T extends string>(
  values: readonly string[] | null | undefined,
  allowed: readonly T[],
  argument: string,
): T[] | undefined {
  return list(values, argument, (value) => {
    if (!(allowed as readonly string[]).includes(value)) {
      throw badUserInput(argument, `values among ${allowed.join(', ')}`, value);
    }
    return value as T;
  });
}

/** Validates a grouping: known dimensions, no repeats. Keeps the client's order. */
export function normalizeGroupBy(dimensions: readonly string[] | null | undefined, argument = 'groupBy'): Dimension[] {
  if (dimensions == null) return [];
  if (dimensions.length > MAX_GROUP_BY_DIMENSIONS) {
    throw badUserInput(argument, `at most ${MAX_GROUP_BY_DIMENSIONS} dimensions (MAX_GROUP_BY_DIMENSIONS)`, dimensions.length);
  }
  const allowed = enumValues(Dimension) as string[];
  const seen = new Set<string>();
  for (const d of dimensions) {
    if (!allowed.includes(d)) throw badUserInput(argument, `dimensions among ${allowed.join(', ')}`, d);
    if (seen.has(d)) throw badUserInput(argument, 'each dimension at most once', d);
    seen.add(d);
  }
  return dimensions as Dimension[];
}

/** Whether a filter lets a source take part at all. */
export function filterIncludesSource(filter: Filter, source: Source): boolean {
  if (filter.sources && !filter.sources.includes(source)) return false;
  if (filter.entities && !filter.entities.some((code) => findEntity(code)?.source === source)) return false;
  return true;
}

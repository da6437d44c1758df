import {
  Dimension,
  Filter,
  Scope,
  SourceRegistration,
  encodeScope,
  normalizeFilter,
  pseudonymize,
  unIndex,
  VIEWS,
} from '@psea/contract';

export interface Request {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** Through a gateway (the hub, or the plain baseline). */
  readonly gateway: Request;
  /** The same work asked of one source directly, or undefined when the source takes no part. */
  direct(source: SourceRegistration): Request | undefined;
  /** Cold variant: a different request each time (so no cached answer serves it), numbered i. */
  readonly vary?: { gateway(i: number): Request; direct(source: SourceRegistration, i: number): Request };
}

const COUNTS = 'allegations victims { total minors } perpetrators';
const ITEM =
  'id reference entity reportedMonth allegationType personnelCategory nationality victims { total } investigationStatus synthetic';

/**
 * `_entities` of one view at one source. A view carried compactly (statistics) is asked for as
 * the system view asks for it: the contributor field alone, the whole table as one string.
 */
function entities(view: 'statistics' | 'page' | 'screening', field: string, selection: string, scope: Scope): Request {
  const description = VIEWS.find((v) => v.kind === view);
  const typeName = description?.typeName as string;
  const asked = description?.compact ? field : `${field} { ${selection} }`;
  return {
    query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${asked} } } }`,
    variables: { r: [{ __typename: typeName, scope: encodeScope(scope) }] },
  };
}

/**
 * The i-th period of the generated decade: 6 to 18 months from any start, 1,700 different ones
 * in all, visited in a scattered order. Each target of a run takes its own range of i, so none
 * is served what another target's requests left in a cache.
 */
export function window(i: number): { fromMonth: string; toMonth: string } {
  const n = (i * 7919) % 1_700;
  const length = 6 + (n % 13);
  const start = Math.floor(n / 13) % (120 - length);
  const month = (m: number) => `${2008 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  return { fromMonth: month(start), toMonth: month(start + length - 1) };
}

function statistics(id: string, title: string, year: number, groupBy: Dimension[], cold = false): Scenario {
  const filter: Filter = normalizeFilter({ year });
  const keys = 'source entity nationality investigationStatus allegationType';
  const gatewayQuery = `query($g: [Dimension!], $f: AllegationFilter) { allegationStatistics(filter: $f, groupBy: $g) { total { ${COUNTS} } rows { key { ${keys} } counts { ${COUNTS} } } complete } }`;
  const directSelection = `status total { ${COUNTS} } rows { key { ${keys} } counts { ${COUNTS} } }`;
  const vary = cold
    ? {
        gateway: (i: number): Request => ({ query: gatewayQuery, variables: { g: groupBy, f: window(i) } }),
        direct: (s: SourceRegistration, i: number): Request =>
          entities('statistics', s.contributorField, directSelection, {
            kind: 'statistics',
            filter: normalizeFilter(window(i)),
            groupBy,
          }),
      }
    : undefined;
  return {
    ...(vary ? { vary } : {}),
    id,
    title,
    gateway: {
      query: `query($g: [Dimension!]) { allegationStatistics(filter: { year: ${year} }, groupBy: $g) { total { ${COUNTS} } rows { key { ${keys} } counts { ${COUNTS} } } complete } }`,
      variables: { g: groupBy },
    },
    direct: (s) =>
      entities('statistics', s.contributorField, `status total { ${COUNTS} } rows { key { ${keys} } counts { ${COUNTS} } }`, {
        kind: 'statistics',
        filter,
        groupBy,
      }),
  };
}

/** The scenarios of the benchmark, at a given year of the generated data and subject to screen. */
export function scenarios(year: number, subjectIndex: string, screeningKey: Buffer, oneSource: SourceRegistration): Scenario[] {
  const yearFilter = normalizeFilter({ year });
  const pseudonym = pseudonymize(screeningKey, unIndex(subjectIndex));
  return [
    statistics('a', `statistics for ${year} by source × allegation type`, year, [Dimension.SOURCE, Dimension.ALLEGATION_TYPE]),
    statistics('b', `statistics for ${year} by entity × nationality × status`, year, [
      Dimension.ENTITY,
      Dimension.NATIONALITY,
      Dimension.INVESTIGATION_STATUS,
    ]),
    statistics(
      'a-cold',
      'as (a), a different period (6 to 18 months) per request: no cached answer',
      year,
      [Dimension.SOURCE, Dimension.ALLEGATION_TYPE],
      true,
    ),
    statistics(
      'b-cold',
      'as (b), a different period (6 to 18 months) per request: no cached answer',
      year,
      [Dimension.ENTITY, Dimension.NATIONALITY, Dimension.INVESTIGATION_STATUS],
      true,
    ),
    {
      id: 'c',
      title: `merged case page of 100 across sources (${year})`,
      gateway: {
        query: `{ allegations(filter: { year: ${year} }, first: 100) { items { ${ITEM} } hasNextPage endCursor complete } }`,
      },
      direct: (s) =>
        entities('page', s.contributorField, `status items { ${ITEM} } hasNextPage endCursor`, {
          kind: 'page',
          filter: yearFilter,
          first: 100,
        }),
    },
    {
      id: 'd',
      title: 'screening one subject',
      gateway: {
        query: `{ screen(subject: { unIndexNumber: "${subjectIndex}" }) { matched matches { source entity year allegationType investigationStatus finalActions } complete } }`,
      },
      direct: (s) =>
        entities(
          'screening',
          s.contributorField,
          'status matches { source entity year allegationType investigationStatus finalActions }',
          { kind: 'screening', pseudonyms: [pseudonym] },
        ),
    },
    {
      id: 'e',
      title: `one source's case page of 100 (${oneSource.name}, ${year})`,
      gateway: {
        query: `{ allegations(filter: { year: ${year}, sources: [${oneSource.source}] }, first: 100) { items { ${ITEM} } hasNextPage endCursor complete } }`,
      },
      direct: (s) =>
        s.name === oneSource.name
          ? entities('page', s.contributorField, `status items { ${ITEM} } hasNextPage endCursor`, {
              kind: 'page',
              filter: normalizeFilter({ year, sources: [oneSource.source] }),
              first: 100,
            })
          : undefined,
    },
  ];
}

/** The query of the walk: the first page, then the next ten by cursor. */
export const WALK_QUERY = `query($after: String) { allegations(filter: { year: YEAR }, first: 100, after: $after) { items { ${ITEM} } hasNextPage endCursor } }`;

/**
 * The benchmark screens one subject thousands of times a minute: far above the per-caller limits
 * a deployment keeps (30 a minute, 500 a day), which would otherwise answer RATE_LIMITED.
 */
export const BENCH_SCREENING_LIMITS = {
  // The most SCREENING_RATE_PER_MINUTE accepts; far above what a run sends.
  perMinute: 100_000,
  perDay: 10_000_000,
  allCallersPerMinute: 10_000_000,
  allCallersPerDay: 10_000_000,
};

import type { GraphQLError } from 'graphql';
import { Dimension, Source } from './enums';
import { forbiddenArgument } from './errors';
import { Filter, filterIncludesSource } from './filter';
import { Caller, Role } from './roles';
import type { StatisticsScope } from './scope';

/**
 * The disclosure policy of statistics: one home for it, read by the system view (which refuses
 * early, with a clear message) and by every source (which refuses again, because it owns the
 * data and must not depend on the gateway being right). docs/disclosure.md explains it.
 *
 * **Publication granularity** is what the UN itself publishes (DOMAIN.md): calendar quarters
 * (and so years), source, entity, allegation type, category of personnel, nationality of
 * uniformed personnel, investigation status, investigating entity, interim and final actions,
 * paternity, victims by sex and age group. Statistics at that granularity are exact for every
 * statistics role, small counts included: the UN publishes them case by case. Anything finer
 * (a month, a period that is not made of whole quarters, a dimension a source does not publish)
 * is for coordinators, and for focal points on their own entities, and every such read is
 * audited at the source that answered it.
 */
export const PUBLISHED_DIMENSIONS: readonly Dimension[] = [
  Dimension.SOURCE,
  Dimension.ENTITY,
  Dimension.YEAR,
  Dimension.QUARTER,
  Dimension.ALLEGATION_TYPE,
  Dimension.PERSONNEL_CATEGORY,
  Dimension.NATIONALITY,
  Dimension.INVESTIGATION_STATUS,
  Dimension.INVESTIGATING_ENTITY,
  Dimension.PATERNITY,
  Dimension.INTERIM_ACTION,
  Dimension.FINAL_ACTION,
  // The quarterly updates publish the headline lines (UN personnel / implementing partners /
  // non-UN forces), the year of the incident (this year, earlier, unknown) and the actions taken
  // by Member States apart from the UN's: all three are publication granularity.
  Dimension.HEADLINE_LINE,
  Dimension.INCIDENT_YEAR,
  Dimension.ACTION_ACTOR,
  // The Conduct site publishes, allegation by allegation, the referral to the T/PCC, the NIO and
  // the action taken by the Member State; the Secretary-General's reports follow up on States'
  // responses by country (resolution 2272). The response is published with the nationality.
  Dimension.MEMBER_STATE_RESPONSE,
];

/** Dimensions a source may decline to publish in its registration (`disclosure.unpublished`). */
export const WITHHOLDABLE_DIMENSIONS: readonly Dimension[] = PUBLISHED_DIMENSIONS.filter(
  (d) => d !== Dimension.SOURCE && d !== Dimension.YEAR && d !== Dimension.QUARTER,
);

/** A source's own publication, stricter than the hub's: dimensions it does not publish at all. */
export interface SourceDisclosure {
  readonly unpublished: readonly Dimension[];
}

export const DEFAULT_SOURCE_DISCLOSURE: SourceDisclosure = { unpublished: [] };

/** The filter argument that narrows by each dimension, where there is one. */
const FILTER_ARGUMENT: Partial<Record<Dimension, keyof Filter>> = {
  [Dimension.SOURCE]: 'sources',
  [Dimension.ENTITY]: 'entities',
  [Dimension.ALLEGATION_TYPE]: 'allegationTypes',
  [Dimension.PERSONNEL_CATEGORY]: 'personnelCategories',
  [Dimension.NATIONALITY]: 'nationalities',
  [Dimension.INVESTIGATION_STATUS]: 'investigationStatuses',
};

/** One way a request is finer than publication granularity: the argument and why. */
export interface FinerDetail {
  readonly argument: string;
  readonly reason: string;
}

const QUARTER_FIRST_MONTHS = ['01', '04', '07', '10'];
const QUARTER_LAST_MONTHS = ['03', '06', '09', '12'];

/**
 * Every way a statistics request is finer than publication granularity, for a source with the
 * given disclosure; empty when the request is at publication granularity. Periods must be made of
 * whole calendar quarters, so no combination of allowed requests can isolate a month.
 */
export function finerThanPublication(
  scope: StatisticsScope,
  source: SourceDisclosure = DEFAULT_SOURCE_DISCLOSURE,
  sourceName = 'this source',
): FinerDetail[] {
  const unpublishedBy = `which ${sourceName} does not publish (leave it out with filter.sources)`;
  const details: FinerDetail[] = [];
  const { from, to } = scope.filter;
  if (from !== undefined && !QUARTER_FIRST_MONTHS.includes(from.slice(5))) {
    details.push({ argument: 'filter.fromMonth', reason: `a period starting ${from}, inside a quarter` });
  }
  if (to !== undefined && !QUARTER_LAST_MONTHS.includes(to.slice(5))) {
    details.push({ argument: 'filter.toMonth', reason: `a period ending ${to}, inside a quarter` });
  }
  if (scope.filter.awaitingMemberStateResponseDays !== undefined) {
    // The UN publishes referrals and responses per period, not a live list of States that are late.
    details.push({
      argument: 'filter.awaitingMemberStateResponseDays',
      reason: 'narrowing to referrals awaiting a response, a follow-up list of the Coordinator',
    });
  }
  for (const dimension of scope.groupBy) {
    if (!PUBLISHED_DIMENSIONS.includes(dimension)) {
      details.push({ argument: 'groupBy', reason: `grouping by ${dimension}, finer than a quarter` });
    } else if (source.unpublished.includes(dimension)) {
      details.push({ argument: 'groupBy', reason: `grouping by ${dimension}, ${unpublishedBy}` });
    }
  }
  for (const dimension of source.unpublished) {
    const argument = FILTER_ARGUMENT[dimension];
    if (argument && scope.filter[argument] !== undefined) {
      details.push({ argument: `filter.${argument}`, reason: `narrowing by ${dimension}, ${unpublishedBy}` });
    }
  }
  return details;
}

/** What a source may answer: at publication granularity, or finer (and then audited). */
export type DisclosureDecision =
  { readonly level: 'publication' } | { readonly level: 'finer'; readonly details: readonly FinerDetail[] };

/** The source a decision is about: its contract name, slug and stricter publication. */
export interface DisclosingSource {
  readonly source: Source;
  readonly name: string;
  readonly disclosure: SourceDisclosure;
}

/**
 * Decides what a caller may have of a statistics request from one source. Coordinators may have
 * anything; focal points anything on entities they answer for (the filter must name them);
 * everyone else publication granularity only. Throws FORBIDDEN naming the argument otherwise.
 */
export function decideStatisticsDisclosure(scope: StatisticsScope, caller: Caller, source: DisclosingSource): DisclosureDecision {
  const details = finerThanPublication(scope, source.disclosure, source.name);
  if (details.length === 0) return { level: 'publication' };
  if (caller.role === Role.COORDINATOR) return { level: 'finer', details };
  const first = details[0] as FinerDetail;
  if (caller.role === Role.FOCAL_POINT) {
    const ownEntities = caller.entities ?? [];
    const own =
      caller.source === source.name &&
      scope.filter.entities !== undefined &&
      scope.filter.entities.every((e) => ownEntities.includes(e));
    if (own) return { level: 'finer', details };
    throw finerForbidden(
      first,
      `Statistics of ${source.name} finer than publication granularity are not yours to read (${first.reason}). ` +
        `Focal points may have them for their own entities only: set filter.entities to some of ${ownEntities.join(', ')}.`,
    );
  }
  throw finerForbidden(
    first,
    `Your role gets statistics at publication granularity (whole quarters or years; source, entity, type, ` +
      `category, nationality, status, investigating entity, actions, paternity); this asks for ${first.reason}.`,
  );
}

/**
 * The disclosure policy over every source a request reaches, checked by the system view before
 * any source is asked (each source checks again): FORBIDDEN naming the argument when the caller
 * may not have the request from one of them.
 */
export function decideAcrossSources(scope: StatisticsScope, caller: Caller, sources: readonly DisclosingSource[]): void {
  for (const s of sources) if (filterIncludesSource(scope.filter, s.source)) decideStatisticsDisclosure(scope, caller, s);
}

/** Every way a request is finer than publication granularity at any source it reaches. */
export function finerAcrossSources(scope: StatisticsScope, sources: readonly DisclosingSource[]): FinerDetail[] {
  return sources
    .filter((s) => filterIncludesSource(scope.filter, s.source))
    .flatMap((s) => finerThanPublication(scope, s.disclosure, s.name));
}

function finerForbidden(detail: FinerDetail, explanation: string): GraphQLError {
  return forbiddenArgument('statistics', detail.argument, explanation);
}

/** The notice shown with a read finer than publication granularity. */
export function finerReadNotice(details: readonly FinerDetail[]): string {
  return (
    `Finer than publication granularity (${[...new Set(details.map((d) => d.reason))].join('; ')}): ` +
    'this read is recorded in the audit log of each source that answered. Do not publish it as it is.'
  );
}

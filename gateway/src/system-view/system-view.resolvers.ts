import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import {
  AllegationFilterInput,
  Caller,
  DEFAULT_PAGE_SIZE,
  Dimension,
  Filter,
  MAX_LOOKUP_IDS,
  MAX_PAGE_SIZE,
  MAX_SUBJECT_IDENTIFIERS,
  Role,
  SYNTHETIC_NOTICE,
  SourceAudit,
  SourceLookup,
  SourcePage,
  SourceRegistration,
  SourceScreening,
  SourceStatistics,
  SubjectInput,
  badUserInput,
  consolidateStatistics,
  decodeCursor,
  decideStatisticsDisclosure,
  decodeScopeAs,
  encodeScope,
  filterFingerprint,
  filterIncludesSource,
  finerReadNotice,
  finerThanPublication,
  forbidden,
  incompleteNotice,
  mergeAudits,
  mergeLookups,
  mergePages,
  mergeScreenings,
  nationalId,
  normalizeFilter,
  normalizeGroupBy,
  parseAllegationId,
  passport,
  pseudonymize,
  requirePermission,
  sourceSlug,
  StatisticsScope,
  unIndex,
} from '@psea/contract';
import type { ReferenceResolvers, ScreeningLimiter } from '@psea/subgraph-kit';
import { defineViewTypes } from './view-types';

type Representation = { scope: string } & Record<string, unknown>;

/** What the system view gets for each request: the caller the gateway authenticated. */
export interface SystemViewContext {
  readonly caller?: Caller;
}

export interface SystemViewOptions {
  /** The deployment's screening key: identifiers become pseudonyms here and go no further. */
  readonly screeningKey: Buffer;
  /** Per-caller screening rate and quota (shared by replicas when its store is). */
  readonly screeningLimiter: ScreeningLimiter;
}

/** Computes once per representation, however many consolidated fields a query selects. */
function memo<T>(compute: (root: Representation) => T): (root: Representation) => T {
  const cache = new WeakMap<Representation, T>();
  return (root) => {
    if (!cache.has(root)) cache.set(root, compute(root));
    return cache.get(root) as T;
  };
}

function notices(missing: readonly string[], synthetic: boolean, extra: readonly string[] = []): string[] {
  return [...(synthetic ? [SYNTHETIC_NOTICE] : []), ...(missing.length ? [incompleteNotice(missing)] : []), ...extra];
}

/**
 * The disclosure policy, checked before any source is asked (each source checks again): FORBIDDEN
 * naming the argument when the caller may not have the request from some source it reaches.
 */
function checkDisclosure(scope: StatisticsScope, caller: Caller, sources: readonly SourceRegistration[]): void {
  for (const s of sources) {
    if (filterIncludesSource(scope.filter, s.source)) decideStatisticsDisclosure(scope, caller, s);
  }
}

/** Every way a request is finer than publication granularity at any source it reaches. */
function finerDetails(scope: StatisticsScope, sources: readonly SourceRegistration[]) {
  return sources
    .filter((s) => filterIncludesSource(scope.filter, s.source))
    .flatMap((s) => finerThanPublication(scope, s.disclosure, s.name));
}

/**
 * A focal point sees only its own source and entities: an unrestricted filter is narrowed to
 * them, and a filter reaching beyond them is FORBIDDEN (naming the operation, not any record).
 */
function scopeForCaller(filter: Filter, caller: Caller, sources: readonly SourceRegistration[]): Filter {
  if (caller.role !== Role.FOCAL_POINT) return filter;
  const own = sources.find((s) => s.name === caller.source);
  if (!own) throw forbidden('cases');
  if (filter.sources && filter.sources.some((s) => s !== own.source)) throw forbidden('cases', 'for other sources');
  if (filter.entities && filter.entities.some((e) => !caller.entities?.includes(e))) {
    throw forbidden('cases', 'outside the entities you answer for');
  }
  return { ...filter, sources: [own.source], entities: filter.entities ?? [...(caller.entities ?? [])].sort() };
}

/**
 * The resolvers of the system view: root fields that check the caller's role, validate the
 * request and encode it as a scope; consolidated fields computed from the sources' contributions
 * (`@requires`), with what the caller's role may see.
 */
export function systemViewResolvers(sources: readonly SourceRegistration[], options: SystemViewOptions) {
  const { StatisticsView, AllegationPageView, AllegationLookupView, ScreeningView, AuditView } = defineViewTypes(sources);
  const contributions = <T>(root: Representation): T[] => sources.map((s) => root[s.contributorField] as T);

  @Resolver()
  class SystemViewQueries {
    @Query(() => StatisticsView, { description: 'Allegation statistics over every source, grouped by any dimensions' })
    allegationStatistics(
      @Arg('filter', () => AllegationFilterInput, { nullable: true }) filter: AllegationFilterInput | null,
      @Arg('groupBy', () => [Dimension], { nullable: true }) groupBy: Dimension[] | null,
      @Ctx() context: SystemViewContext,
    ): { scope: string } {
      const caller = requirePermission(context.caller, 'statistics');
      const scope: StatisticsScope = { kind: 'statistics', filter: normalizeFilter(filter), groupBy: normalizeGroupBy(groupBy) };
      checkDisclosure(scope, caller, sources);
      return { scope: encodeScope(scope) };
    }

    @Query(() => AllegationPageView, {
      description: `Case records across every source in reporting order (month, source, id); at most ${MAX_PAGE_SIZE} a page`,
    })
    allegations(
      @Arg('filter', () => AllegationFilterInput, { nullable: true }) filter: AllegationFilterInput | null,
      @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE_SIZE }) first: number,
      @Arg('after', () => String, { nullable: true }) after: string | null,
      @Ctx() context: SystemViewContext,
    ): { scope: string } {
      const caller = requirePermission(context.caller, 'cases');
      if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
        throw badUserInput('first', `a whole number from 0 to ${MAX_PAGE_SIZE}`, first);
      }
      const normalized = scopeForCaller(normalizeFilter(filter), caller, sources);
      const position = after == null ? undefined : decodeCursor(after, filterFingerprint(normalized), 'after');
      return {
        scope: encodeScope(
          position ? { kind: 'page', filter: normalized, first, after: position } : { kind: 'page', filter: normalized, first },
        ),
      };
    }

    @Query(() => AllegationLookupView, { description: "One case record by its global id, e.g. 'peacekeeping:42'" })
    allegation(@Arg('id', () => ID) id: string, @Ctx() context: SystemViewContext): { scope: string } {
      return this.lookup([id], 'id', context);
    }

    @Query(() => AllegationLookupView, { description: `Case records by global id, at most ${MAX_LOOKUP_IDS}` })
    allegationsById(@Arg('ids', () => [ID]) ids: string[], @Ctx() context: SystemViewContext): { scope: string } {
      if (ids.length === 0 || ids.length > MAX_LOOKUP_IDS)
        throw badUserInput('ids', `from 1 to ${MAX_LOOKUP_IDS} ids`, ids.length);
      return this.lookup(ids, 'ids', context);
    }

    private lookup(ids: string[], argument: string, context: SystemViewContext): { scope: string } {
      const caller = requirePermission(context.caller, 'cases');
      for (const id of ids) {
        const { source } = parseAllegationId(id, argument);
        if (caller.role === Role.FOCAL_POINT && sourceSlug(source) !== caller.source)
          throw forbidden('cases', 'for other sources');
      }
      return { scope: encodeScope({ kind: 'lookup', ids: [...new Set(ids)] }) };
    }

    @Query(() => ScreeningView, {
      description: 'Screens one person against every source by pseudonym: identifiers never leave the gateway',
    })
    async screen(
      @Arg('subject', () => SubjectInput) subject: SubjectInput,
      @Ctx() context: SystemViewContext,
    ): Promise<{ scope: string }> {
      const caller = requirePermission(context.caller, 'screening');
      const identifiers = [
        ...(subject.unIndexNumber ? [unIndex(subject.unIndexNumber, 'subject.unIndexNumber')] : []),
        ...(subject.passports ?? []).map((p, i) => passport(p.country, p.number, `subject.passports[${i}]`)),
        ...(subject.nationalIds ?? []).map((n, i) => nationalId(n.country, n.number, `subject.nationalIds[${i}]`)),
      ];
      if (identifiers.length === 0)
        throw badUserInput('subject', 'at least one identifier (UN index number, passport or national ID)');
      if (identifiers.length > MAX_SUBJECT_IDENTIFIERS) {
        throw badUserInput('subject', `at most ${MAX_SUBJECT_IDENTIFIERS} identifiers of one person`, identifiers.length);
      }
      const pseudonyms = [...new Set(identifiers.map((i) => pseudonymize(options.screeningKey, i)))].sort();
      // Counted once the request is valid, one point per identifier: a typo costs nothing, an
      // enumeration runs out whether it sends one identifier a request or several.
      await options.screeningLimiter.consume(caller.subject, pseudonyms.length);
      return { scope: encodeScope({ kind: 'screening', pseudonyms }) };
    }

    @Query(() => AuditView, { description: 'Case-level reads and screenings recorded by the sources, by operation and role' })
    auditSummary(
      @Arg('from', () => String, { nullable: true, description: "First day included, 'YYYY-MM-DD'" }) from: string | null,
      @Arg('to', () => String, { nullable: true, description: "Last day included, 'YYYY-MM-DD'" }) to: string | null,
      @Ctx() context: SystemViewContext,
    ): { scope: string } {
      requirePermission(context.caller, 'audit');
      const day = (value: string | null | undefined, argument: string) => {
        if (value != null && (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) {
          throw badUserInput(argument, "a date 'YYYY-MM-DD'", value);
        }
        return value ?? undefined;
      };
      const start = day(from, 'from');
      const end = day(to, 'to');
      if (start && end && start > end) throw badUserInput('to', 'a day on or after from (the period is reversed)', end);
      return { scope: encodeScope({ kind: 'audit', ...(start ? { from: start } : {}), ...(end ? { to: end } : {}) }) };
    }
  }

  const statistics = memo((root) => {
    const scope = decodeScopeAs(root.scope, 'statistics');
    return { scope, ...consolidateStatistics(scope.groupBy, contributions<SourceStatistics>(root)) };
  });

  @Resolver(() => StatisticsView)
  class StatisticsViewResolver {
    @FieldResolver() groupBy(@Root() root: Representation) {
      return decodeScopeAs(root.scope, 'statistics').groupBy;
    }
    @FieldResolver() total(@Root() root: Representation) {
      return statistics(root).total;
    }
    @FieldResolver() rows(@Root() root: Representation) {
      return statistics(root).rows;
    }
    @FieldResolver() perSource(@Root() root: Representation) {
      return contributions<SourceStatistics>(root);
    }
    @FieldResolver() complete(@Root() root: Representation) {
      return statistics(root).complete;
    }
    @FieldResolver() missingSources(@Root() root: Representation) {
      return statistics(root).missingSources;
    }
    @FieldResolver() sources(@Root() root: Representation) {
      return contributions<SourceStatistics>(root).map(({ source, status }) => ({ source, status }));
    }
    @FieldResolver() notices(@Root() root: Representation) {
      const { scope, missingSources, total } = statistics(root);
      const finer = finerDetails(scope, sources);
      return notices(missingSources, total.syntheticAllegations > 0, finer.length ? [finerReadNotice(finer)] : []);
    }
  }

  const page = memo((root) => mergePages(decodeScopeAs(root.scope, 'page'), contributions<SourcePage>(root)));

  @Resolver(() => AllegationPageView)
  class AllegationPageViewResolver {
    @FieldResolver() items(@Root() root: Representation) {
      return page(root).items;
    }
    @FieldResolver() hasNextPage(@Root() root: Representation) {
      return page(root).hasNextPage;
    }
    @FieldResolver() endCursor(@Root() root: Representation) {
      return page(root).endCursor;
    }
    @FieldResolver() perSource(@Root() root: Representation) {
      return contributions<SourcePage>(root);
    }
    @FieldResolver() complete(@Root() root: Representation) {
      return page(root).complete;
    }
    @FieldResolver() missingSources(@Root() root: Representation) {
      return page(root).missingSources;
    }
    @FieldResolver() sources(@Root() root: Representation) {
      return contributions<SourcePage>(root).map(({ source, status }) => ({ source, status }));
    }
    @FieldResolver() notices(@Root() root: Representation) {
      const merged = page(root);
      return notices(
        merged.missingSources,
        merged.items.some((i) => i.synthetic),
      );
    }
  }

  const lookup = memo((root) => mergeLookups(decodeScopeAs(root.scope, 'lookup').ids, contributions<SourceLookup>(root)));

  @Resolver(() => AllegationLookupView)
  class AllegationLookupViewResolver {
    @FieldResolver() items(@Root() root: Representation) {
      return lookup(root).items;
    }
    @FieldResolver() allegation(@Root() root: Representation) {
      return lookup(root).items[0] ?? null;
    }
    @FieldResolver() complete(@Root() root: Representation) {
      return lookup(root).complete;
    }
    @FieldResolver() missingSources(@Root() root: Representation) {
      return lookup(root).missingSources;
    }
  }

  const screening = memo((root) => mergeScreenings(contributions<SourceScreening>(root)));

  @Resolver(() => ScreeningView)
  class ScreeningViewResolver {
    @FieldResolver() matched(@Root() root: Representation) {
      return screening(root).contactEntities.length > 0;
    }
    @FieldResolver() contactEntities(@Root() root: Representation) {
      return screening(root).contactEntities;
    }
    @FieldResolver() matches(@Root() root: Representation, @Ctx() context: SystemViewContext) {
      requirePermission(context.caller, 'screening-details');
      return screening(root).matches;
    }
    @FieldResolver() complete(@Root() root: Representation) {
      return screening(root).complete;
    }
    @FieldResolver() missingSources(@Root() root: Representation) {
      return screening(root).missingSources;
    }
  }

  const audits = memo((root) => mergeAudits(contributions<SourceAudit>(root)));

  @Resolver(() => AuditView)
  class AuditViewResolver {
    @FieldResolver() rows(@Root() root: Representation) {
      return audits(root).rows;
    }
    @FieldResolver() complete(@Root() root: Representation) {
      return audits(root).complete;
    }
    @FieldResolver() missingSources(@Root() root: Representation) {
      return audits(root).missingSources;
    }
  }

  const passThrough = { __resolveReference: (reference: Representation) => reference };
  const referenceResolvers: ReferenceResolvers<SystemViewContext> = {};
  for (const type of [StatisticsView, AllegationPageView, AllegationLookupView, ScreeningView, AuditView]) {
    referenceResolvers[type.name] = passThrough;
  }
  return {
    resolvers: [
      SystemViewQueries,
      StatisticsViewResolver,
      AllegationPageViewResolver,
      AllegationLookupViewResolver,
      ScreeningViewResolver,
      AuditViewResolver,
    ] as [Function, ...Function[]],
    referenceResolvers,
  };
}

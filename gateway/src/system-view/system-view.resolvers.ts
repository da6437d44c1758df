import { Arg, ID, Int, Query, Resolver, FieldResolver, Root } from 'type-graphql';
import {
  AllegationFilterInput,
  DEFAULT_PAGE_SIZE,
  Dimension,
  MAX_LOOKUP_IDS,
  MAX_PAGE_SIZE,
  SYNTHETIC_NOTICE,
  Scope,
  SourceLookup,
  SourcePage,
  SourceRegistration,
  SourceStatistics,
  badUserInput,
  consolidateStatistics,
  decodeCursor,
  decodeScope,
  encodeScope,
  filterFingerprint,
  incompleteNotice,
  isLookupScope,
  isPageScope,
  isStatisticsScope,
  mergeLookups,
  mergePages,
  normalizeFilter,
  normalizeGroupBy,
  parseAllegationId,
} from '@psea/contract';
import type { ReferenceResolvers } from '@psea/subgraph-kit';
import { defineViewTypes } from './view-types';

type Representation = { scope: string } & Record<string, unknown>;

/** Computes once per representation, however many consolidated fields a query selects. */
function memo<T>(compute: (root: Representation) => T): (root: Representation) => T {
  const cache = new WeakMap<Representation, T>();
  return (root) => {
    if (!cache.has(root)) cache.set(root, compute(root));
    return cache.get(root) as T;
  };
}

function decodeAs<K extends Scope['kind']>(scope: string, kind: K): Extract<Scope, { kind: K }> {
  const decoded = decodeScope(scope);
  const ok = kind === 'statistics' ? isStatisticsScope(decoded) : kind === 'page' ? isPageScope(decoded) : isLookupScope(decoded);
  if (!ok) throw badUserInput('scope', `a ${kind} scope`);
  return decoded as Extract<Scope, { kind: K }>;
}

function notices(missing: readonly string[], synthetic: boolean): string[] {
  return [...(synthetic ? [SYNTHETIC_NOTICE] : []), ...(missing.length ? [incompleteNotice(missing)] : [])];
}

/**
 * The resolvers of the system view: root fields that validate a request and encode it as a
 * scope, and consolidated fields computed from the sources' contributions (`@requires`).
 */
export function systemViewResolvers(sources: readonly SourceRegistration[]) {
  const { StatisticsView, AllegationPageView, AllegationLookupView } = defineViewTypes(sources);
  const contributions = <T>(root: Representation): T[] => sources.map((s) => root[s.contributorField] as T);

  @Resolver()
  class SystemViewQueries {
    @Query(() => StatisticsView, { description: 'Allegation statistics over every source, grouped by any dimensions' })
    allegationStatistics(
      @Arg('filter', () => AllegationFilterInput, { nullable: true }) filter: AllegationFilterInput | null,
      @Arg('groupBy', () => [Dimension], { nullable: true }) groupBy: Dimension[] | null,
    ): { scope: string } {
      return { scope: encodeScope({ kind: 'statistics', filter: normalizeFilter(filter), groupBy: normalizeGroupBy(groupBy) }) };
    }

    @Query(() => AllegationPageView, {
      description: `Case records across every source in reporting order (month, source, id); at most ${MAX_PAGE_SIZE} a page`,
    })
    allegations(
      @Arg('filter', () => AllegationFilterInput, { nullable: true }) filter: AllegationFilterInput | null,
      @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE_SIZE }) first: number,
      @Arg('after', () => String, { nullable: true }) after: string | null,
    ): { scope: string } {
      if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
        throw badUserInput('first', `a whole number from 0 to ${MAX_PAGE_SIZE}`, first);
      }
      const normalized = normalizeFilter(filter);
      const position = after == null ? undefined : decodeCursor(after, filterFingerprint(normalized), 'after');
      return {
        scope: encodeScope(
          position ? { kind: 'page', filter: normalized, first, after: position } : { kind: 'page', filter: normalized, first },
        ),
      };
    }

    @Query(() => AllegationLookupView, { description: "One case record by its global id, e.g. 'peacekeeping:42'" })
    allegation(@Arg('id', () => ID) id: string): { scope: string } {
      parseAllegationId(id, 'id');
      return { scope: encodeScope({ kind: 'lookup', ids: [id] }) };
    }

    @Query(() => AllegationLookupView, { description: `Case records by global id, at most ${MAX_LOOKUP_IDS}` })
    allegationsById(@Arg('ids', () => [ID]) ids: string[]): { scope: string } {
      if (ids.length === 0 || ids.length > MAX_LOOKUP_IDS)
        throw badUserInput('ids', `from 1 to ${MAX_LOOKUP_IDS} ids`, ids.length);
      ids.forEach((id) => parseAllegationId(id, 'ids'));
      return { scope: encodeScope({ kind: 'lookup', ids: [...new Set(ids)] }) };
    }
  }

  const statistics = memo((root) => {
    const scope = decodeAs(root.scope, 'statistics');
    const result = consolidateStatistics(scope.groupBy, contributions<SourceStatistics>(root));
    return { ...result, groupBy: scope.groupBy, notices: notices(result.missingSources, result.total.syntheticAllegations > 0) };
  });

  @Resolver(() => StatisticsView)
  class StatisticsViewResolver {
    @FieldResolver() groupBy(@Root() root: Representation) {
      return decodeAs(root.scope, 'statistics').groupBy;
    }
    @FieldResolver() total(@Root() root: Representation) {
      return statistics(root).total;
    }
    @FieldResolver() rows(@Root() root: Representation) {
      return statistics(root).rows;
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
      return statistics(root).notices;
    }
  }

  const page = memo((root) => {
    const merged = mergePages(decodeAs(root.scope, 'page'), contributions<SourcePage>(root));
    return {
      ...merged,
      notices: notices(
        merged.missingSources,
        merged.items.some((i) => i.synthetic),
      ),
    };
  });

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
      return page(root).notices;
    }
  }

  const lookup = memo((root) => mergeLookups(decodeAs(root.scope, 'lookup').ids, contributions<SourceLookup>(root)));

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

  const passThrough = { __resolveReference: (reference: Representation) => reference };
  const referenceResolvers: ReferenceResolvers<unknown> = {
    [StatisticsView.name]: passThrough,
    [AllegationPageView.name]: passThrough,
    [AllegationLookupView.name]: passThrough,
  };
  return {
    resolvers: [SystemViewQueries, StatisticsViewResolver, AllegationPageViewResolver, AllegationLookupViewResolver] as [
      Function,
      ...Function[],
    ],
    referenceResolvers,
  };
}

import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import {
  AllegationFilterInput,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  SourceRegistration,
  badUserInput,
  decodeCursor,
  encodeScope,
  filterFingerprint,
  normalizeAsOf,
  normalizeFilter,
  SourceVersionInput,
  requirePermission,
} from '@psea/contract';
import { scopeForCaller } from '../scope-for-caller';
import type { SystemViewContext } from '../system-view-context';
import type { ViewReference } from '../representation';

/** `allegations`: a page of case records in the system-wide order, narrowed to what the caller may see. */
export function allegationsQuery(sources: readonly SourceRegistration[], AllegationPageView: Function) {
  @Resolver()
  class AllegationsQuery {
    @Query(() => AllegationPageView, {
      description: `Case records across every source in reporting order (month, source, id); at most ${MAX_PAGE_SIZE} a page`,
    })
    allegations(
      @Arg('filter', () => AllegationFilterInput, { nullable: true }) filter: AllegationFilterInput | null,
      @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE_SIZE }) first: number,
      @Arg('after', () => String, { nullable: true }) after: string | null,
      @Ctx() context: SystemViewContext,
      @Arg('asOf', () => [SourceVersionInput], {
        nullable: true,
        description: "The records as of these data versions (an edition's manifest), from each source's record history",
      })
      asOf?: SourceVersionInput[] | null,
    ): ViewReference {
      const caller = requirePermission(context.caller, 'cases');
      if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
        throw badUserInput('first', `a whole number from 0 to ${MAX_PAGE_SIZE}`, first);
      }
      const normalized = scopeForCaller(normalizeFilter(filter), caller, sources);
      const position = after == null ? undefined : decodeCursor(after, filterFingerprint(normalized), 'after');
      const versions = normalizeAsOf(asOf);
      const past = versions ? { asOf: versions } : {};
      return {
        scope: encodeScope(
          position
            ? { kind: 'page', filter: normalized, first, after: position, ...past }
            : { kind: 'page', filter: normalized, first, ...past },
        ),
      };
    }
  }
  return AllegationsQuery;
}

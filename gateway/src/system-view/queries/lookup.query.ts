import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { MAX_LOOKUP_IDS, badUserInput, encodeScope, parseAllegationId, requirePermission } from '@psea/contract';
import { checkLookupForCaller } from '../scope-for-caller';
import type { SystemViewContext } from '../system-view-context';
import type { ViewReference } from '../representation';

function lookup(ids: string[], argument: string, context: SystemViewContext): ViewReference {
  const caller = requirePermission(context.caller, 'cases');
  for (const id of ids) checkLookupForCaller(parseAllegationId(id, argument).source, caller);
  return { scope: encodeScope({ kind: 'lookup', ids: [...new Set(ids)] }) };
}

/** `allegation` and `allegationsById`: case records by global id. */
export function lookupQuery(AllegationLookupView: Function) {
  @Resolver()
  class LookupQuery {
    @Query(() => AllegationLookupView, { description: "One case record by its global id, e.g. 'peacekeeping:42'" })
    allegation(@Arg('id', () => ID) id: string, @Ctx() context: SystemViewContext): ViewReference {
      return lookup([id], 'id', context);
    }

    @Query(() => AllegationLookupView, { description: `Case records by global id, at most ${MAX_LOOKUP_IDS}` })
    allegationsById(@Arg('ids', () => [ID]) ids: string[], @Ctx() context: SystemViewContext): ViewReference {
      if (ids.length === 0 || ids.length > MAX_LOOKUP_IDS)
        throw badUserInput('ids', `from 1 to ${MAX_LOOKUP_IDS} ids`, ids.length);
      return lookup(ids, 'ids', context);
    }
  }
  return LookupQuery;
}

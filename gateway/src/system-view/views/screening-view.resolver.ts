import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { SourceRegistration, SourceScreening, mergeScreenings, requirePermission } from '@psea/contract';
import { Representation, contributionsOf, memo } from '../representation';
import type { SystemViewContext } from '../system-view-context';

/** A screening's answer: whom to contact for everyone allowed to screen; the matches for coordinators. */
export function screeningViewResolver(sources: readonly SourceRegistration[], ScreeningView: Function) {
  const contributions = contributionsOf(sources);
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
  return ScreeningViewResolver;
}

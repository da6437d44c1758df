import { FieldResolver, Resolver, Root } from 'type-graphql';
import { SourceLookup, SourceRegistration, decodeScopeAs, mergeLookups } from '@psea/contract';
import { Representation, contributionsOf, memo } from '../representation';

/** The records a lookup found, in the order of the ids asked for. */
export function allegationLookupViewResolver(sources: readonly SourceRegistration[], AllegationLookupView: Function) {
  const contributions = contributionsOf(sources);
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
  return AllegationLookupViewResolver;
}

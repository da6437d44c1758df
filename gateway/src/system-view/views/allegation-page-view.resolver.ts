import { FieldResolver, Resolver, Root } from 'type-graphql';
import { SourcePage, SourceRegistration, answerNotices, decodeScopeAs, mergePages, syntheticNotice } from '@psea/contract';
import { Representation, contributionsOf, memo } from '../representation';

/** A merged page: the first records of the system-wide order among the sources' pages. */
export function allegationPageViewResolver(sources: readonly SourceRegistration[], AllegationPageView: Function) {
  const contributions = contributionsOf(sources);
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
      const share = { records: merged.items.length, synthetic: merged.items.filter((i) => i.synthetic).length };
      return answerNotices(merged.missingSources, syntheticNotice(share, 'listed'));
    }
  }
  return AllegationPageViewResolver;
}

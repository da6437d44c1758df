import { FieldResolver, Resolver, Root } from 'type-graphql';
import { SourceAudit, SourceRegistration, mergeAudits } from '@psea/contract';
import { Representation, contributionsOf, memo } from '../representation';

/** The audit summary: each source's rows, kept apart. */
export function auditViewResolver(sources: readonly SourceRegistration[], AuditView: Function) {
  const contributions = contributionsOf(sources);
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
  return AuditViewResolver;
}

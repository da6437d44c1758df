import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import {
  MAX_SUBJECT_IDENTIFIERS,
  SubjectInput,
  badUserInput,
  encodeScope,
  nationalId,
  passport,
  pseudonymize,
  requirePermission,
  unIndex,
} from '@psea/contract';
import type { SystemViewContext, SystemViewOptions } from '../system-view-context';
import type { ViewReference } from '../representation';

/** `screen`: one person against every source, by pseudonyms made here. */
export function screenQuery(options: SystemViewOptions, ScreeningView: Function) {
  @Resolver()
  class ScreenQuery {
    @Query(() => ScreeningView, {
      description: 'Screens one person against every source by pseudonym: identifiers never leave the gateway',
    })
    async screen(
      @Arg('subject', () => SubjectInput) subject: SubjectInput,
      @Ctx() context: SystemViewContext,
    ): Promise<ViewReference> {
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
  }
  return ScreenQuery;
}

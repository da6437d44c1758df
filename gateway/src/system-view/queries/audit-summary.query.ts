import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { badUserInput, encodeScope, requirePermission } from '@psea/contract';
import type { SystemViewContext } from '../system-view-context';
import type { ViewReference } from '../representation';

function day(value: string | null | undefined, argument: string): string | undefined {
  if (value != null && (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) {
    throw badUserInput(argument, "a date 'YYYY-MM-DD'", value);
  }
  return value ?? undefined;
}

/** `auditSummary`: the sources' audit logs summed by operation and role over a period. */
export function auditSummaryQuery(AuditView: Function) {
  @Resolver()
  class AuditSummaryQuery {
    @Query(() => AuditView, { description: 'Case-level reads and screenings recorded by the sources, by operation and role' })
    auditSummary(
      @Arg('from', () => String, { nullable: true, description: "First day included, 'YYYY-MM-DD'" }) from: string | null,
      @Arg('to', () => String, { nullable: true, description: "Last day included, 'YYYY-MM-DD'" }) to: string | null,
      @Ctx() context: SystemViewContext,
    ): ViewReference {
      requirePermission(context.caller, 'audit');
      const start = day(from, 'from');
      const end = day(to, 'to');
      if (start && end && start > end) throw badUserInput('to', 'a day on or after from (the period is reversed)', end);
      return { scope: encodeScope({ kind: 'audit', ...(start ? { from: start } : {}), ...(end ? { to: end } : {}) }) };
    }
  }
  return AuditSummaryQuery;
}

import { ContributionStatus, SourceFailureReason, SourceRegistration, VIEWS, sourceUnavailable } from '@psea/contract';

/** A GraphQL answer from a source, as either engine passes it to the query plan. */
export interface SourceAnswer {
  readonly data?: { readonly _entities: unknown[] };
  readonly errors: ReadonlyArray<{ readonly message: string; readonly extensions: Record<string, unknown> }>;
}

/**
 * What a source that failed answers in the plan, whichever engine routes the request: for an
 * `_entities` call, one UNAVAILABLE contribution per representation (every field the system
 * view requires present as null, so its `@requires` fetch still runs and consolidation says
 * `complete: false`; for a view carried compactly, the UNAVAILABLE contribution encoded by the
 * contract's codec), and one error naming the source and the reason class, never its address
 * or its own message.
 */
export function unavailableAnswer(
  registration: Pick<SourceRegistration, 'source' | 'name' | 'contributorField'>,
  reason: SourceFailureReason,
  representations: unknown,
): SourceAnswer {
  const { source, name, contributorField } = registration;
  const error = sourceUnavailable(name, reason);
  const errors = [{ message: error.message, extensions: error.extensions as Record<string, unknown> }];
  if (!Array.isArray(representations)) return { errors };
  return {
    data: {
      _entities: representations.map((representation: { __typename?: string } | null) => {
        const view = VIEWS.find((v) => v.typeName === representation?.__typename);
        if (!view) return null;
        const unavailable = { source, status: ContributionStatus.UNAVAILABLE };
        if (view.compact) return { __typename: view.typeName, [contributorField]: view.compact.encode(unavailable as never) };
        return {
          __typename: view.typeName,
          [contributorField]: {
            __typename: view.contributionTypeName,
            ...Object.fromEntries(topLevelFields(view.selection).map((field) => [field, null])),
            source,
            status: ContributionStatus.UNAVAILABLE,
          },
        };
      }),
    },
    errors,
  };
}

/** The fields at the top of a selection such as `source status rows { key { source } }`. */
function topLevelFields(selection: string): string[] {
  const fields: string[] = [];
  let depth = 0;
  for (const token of selection.match(/[{}]|[_A-Za-z][_0-9A-Za-z]*/g) ?? []) {
    if (token === '{') depth++;
    else if (token === '}') depth--;
    else if (depth === 0) fields.push(token);
  }
  return fields;
}

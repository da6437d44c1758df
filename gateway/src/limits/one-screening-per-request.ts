import { GraphQLError, Kind, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import { ErrorCode } from '@psea/contract';

/** The root field that screens a person: one subject per request, so quotas count people. */
const SCREEN = 'screen';

/**
 * Refuses an operation that screens more than once (aliases of `screen`, directly or through
 * fragments): every screening is then one request, counted by the per-caller limits. The sources
 * refuse several screenings in one request too.
 */
export const oneScreeningPerRequest: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(operation) {
    if (operation.operation !== 'query') return;
    const count = countScreens(operation.selectionSet, context, new Set());
    if (count > 1) {
      context.reportError(
        new GraphQLError(`Invalid screen: expected one subject per request, got ${count} screenings`, {
          nodes: [operation],
          extensions: { code: ErrorCode.BAD_USER_INPUT, argument: SCREEN },
        }),
      );
    }
  },
});

function countScreens(selectionSet: SelectionSetNode, context: ValidationContext, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === SCREEN) count++;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countScreens(selection.selectionSet, context, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countScreens(fragment.selectionSet, context, seen);
    }
  }
  return count;
}

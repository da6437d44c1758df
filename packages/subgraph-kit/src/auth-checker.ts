import type { AuthChecker } from 'type-graphql';
import { Operation, requirePermission } from '@psea/contract';
import type { SubgraphContext } from './context';

/**
 * `@Authorized('statistics')` etc.: the field needs that operation's permission (the role ×
 * operation table in the contract). Throws UNAUTHENTICATED or FORBIDDEN naming the operation.
 */
export const operationAuthChecker: AuthChecker<SubgraphContext> = ({ context }, operations) => {
  for (const operation of operations) requirePermission(context.caller, operation as Operation);
  return true;
};

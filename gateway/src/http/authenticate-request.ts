import type { IncomingMessage, ServerResponse } from 'node:http';
import { Caller, ErrorCode, errorBody } from '@psea/contract';
import { sendJson } from '@psea/service';

/**
 * Verifies the caller's bearer token before any GraphQL work, whichever engine serves the
 * request: a request without a valid token is answered 401 UNAUTHENTICATED with the reason, and
 * undefined is returned so the route stops there.
 */
export async function authenticateRequest(
  authenticate: (authorization: string | undefined) => Promise<Caller>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Caller | undefined> {
  try {
    return await authenticate(req.headers.authorization);
  } catch (error) {
    sendJson(res, 401, errorBody(ErrorCode.UNAUTHENTICATED, (error as Error).message));
    return undefined;
  }
}

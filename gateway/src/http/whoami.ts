import type { Caller } from '@psea/contract';
import { RouteHandler, sendJson } from '@psea/service';

/**
 * `/auth/whoami`: the caller's own identity as the gateway reads it from the token they sent
 * (subject, role, and a focal point's source and entities), so the dashboard says who is signed
 * in only once the gateway has accepted the token. It reveals nothing the token does not carry.
 */
export function whoamiRoute(authenticate: (header: string | undefined) => Promise<Caller>): RouteHandler {
  return async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    try {
      const caller = await authenticate(req.headers.authorization);
      sendJson(res, 200, {
        subject: caller.subject,
        role: caller.role,
        ...(caller.source ? { source: caller.source } : {}),
        ...(caller.entities ? { entities: caller.entities } : {}),
      });
    } catch (error) {
      sendJson(res, 401, { error: { message: (error as Error).message, code: 'UNAUTHENTICATED' } });
    }
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Caller, ErrorCode, errorBody } from '@psea/contract';
import { RequestSpan, RouteHandler, readBody, sendJson } from '@psea/service';
import type { GatewayConfig } from '../config';
import { authenticateRequest } from '../http/authenticate-request';
import { csrfRefusal } from '../http/csrf-prevention';

/** Hive Gateway's runtime as the route sees it: a WHATWG fetch handler with the caller in context. */
export interface HiveRuntime {
  fetch(request: Request, context: { readonly caller: Caller; readonly span: RequestSpan }): Response | Promise<Response>;
}

/**
 * /graphql in front of Hive Gateway, with the Apollo gateway's HTTP behaviour: a browser asking
 * for a page is sent to GraphiQL (outside production), Apollo Server's CSRF prevention, the
 * caller's token verified before any GraphQL work, the body limit, queries by POST (JSON) or by
 * GET (query string), and nothing else.
 */
export function hiveGraphQLRoute(
  runtime: HiveRuntime,
  config: Pick<GatewayConfig, 'production' | 'limits'>,
  authenticate: (authorization: string | undefined) => Promise<Caller>,
): RouteHandler {
  return async (req, res, span) => {
    if (!config.production && req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) {
      res.statusCode = 302;
      res.setHeader('location', '/graphiql/');
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      sendJson(res, 405, errorBody('BAD_REQUEST', '/graphql serves GET and POST requests only'));
      return;
    }
    const refusal = csrfRefusal(req.headers);
    if (refusal) {
      sendJson(res, 400, errorBody('BAD_REQUEST', refusal));
      return;
    }
    const caller = await authenticateRequest(authenticate, req, res);
    if (!caller) return;
    const request = await toFetchRequest(req, res, config.limits.maxBodyBytes, span.traceId);
    if (!request) return;
    const response = await runtime.fetch(request, { caller, span });
    res.statusCode = response.status;
    // The request id is the trace id the HTTP service gave it (Hive would answer its own UUID).
    response.headers.forEach((value, key) => key !== 'x-request-id' && res.setHeader(key, value));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}

/**
 * The request Hive Gateway runs, or undefined once a refusal was sent. Only what GraphQL needs is
 * passed on (the query string or the JSON body): the caller's headers, its token included, stay
 * at the edge. GraphQL over HTTP's own media type makes a request refused before execution a 400,
 * as Apollo's is.
 */
async function toFetchRequest(
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
  requestId: string,
): Promise<Request | undefined> {
  const url = new URL(req.url ?? '/graphql', 'http://gateway.local');
  // Hive's own logs then name the request as every other process does.
  const headers = { accept: 'application/graphql-response+json', 'x-request-id': requestId };
  if (req.method === 'GET') return new Request(url, { method: 'GET', headers });
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    sendJson(res, 400, errorBody('BAD_REQUEST', 'POST body missing, invalid Content-Type, or JSON object has no keys.'));
    return undefined;
  }
  const body = await readBody(req, maxBodyBytes);
  if (body.kind === 'too-large') {
    sendJson(res, 413, errorBody(ErrorCode.PAYLOAD_TOO_LARGE, `Request body is larger than ${maxBodyBytes} bytes`));
    return undefined;
  }
  return new Request(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: body.text });
}

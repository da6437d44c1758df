import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, BaseContext, HeaderMap, HTTPGraphQLRequest } from '@apollo/server';
import { ErrorCode, errorBody } from '@psea/contract';
import { DEFAULT_BODY_LIMIT, readBody } from './request-body';
import { sendJson } from './send-json';

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * Serves one GraphQL request over Node's http with Apollo Server's own request pipeline
 * (the integration contract of @apollo/server), so every Apollo protection stays in force.
 */
export async function handleGraphQLRequest<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<TContext>,
  bodyLimit = DEFAULT_BODY_LIMIT,
): Promise<void> {
  const read = await readBody(req, bodyLimit);
  if (read.kind === 'too-large') {
    sendJson(res, 413, errorBody(ErrorCode.PAYLOAD_TOO_LARGE, `Request body is larger than ${bodyLimit} bytes`));
    return;
  }
  let body: unknown;
  try {
    const type = req.headers['content-type'] ?? '';
    body = read.text && type.includes('application/json') ? JSON.parse(read.text) : read.text;
  } catch {
    sendJson(res, 400, errorBody('BAD_REQUEST', 'Request body is not valid JSON'));
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    headers: headerMap(req),
    search: url.search,
    body,
  };
  const response = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context });
  res.statusCode = response.status ?? 200;
  for (const [key, value] of response.headers) res.setHeader(key, value);
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

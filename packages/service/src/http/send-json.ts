import type { ServerResponse } from 'node:http';

/** Answers with a JSON body (no GraphQL involved: probes, refusals, management). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

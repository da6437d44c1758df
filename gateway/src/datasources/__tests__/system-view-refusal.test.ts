import type { IncomingHttpHeaders } from 'node:http';
import { SourceResponse } from '../source-response';
import { answerOfRefusal } from '../system-view-remote-data-source';

const json = { 'content-type': 'application/json' };

/** An answer of the split system view, as the gateway's client reads it. */
class Response extends SourceResponse {
  constructor(body: string, init: { status: number; headers: IncomingHttpHeaders }) {
    super('http://system-view/graphql', init.status, '', init.headers, Buffer.from(body));
  }
}

describe("answerOfRefusal (the split system view's refusals reach the caller)", () => {
  it('hands a refusal with a GraphQL body on as a 200 with the same body', async () => {
    const body = JSON.stringify({ errors: [{ message: 'Forbidden: no', extensions: { code: 'FORBIDDEN' } }] });
    const answer = await answerOfRefusal(new Response(body, { status: 403, headers: json }));
    expect(answer.status).toBe(200);
    expect(answer.ok).toBe(true);
    expect(await answer.text()).toBe(body);
  });

  it('keeps a server error, a 4xx without GraphQL errors and a non-JSON answer as failures', async () => {
    expect((await answerOfRefusal(new Response('{"errors":[]}', { status: 503, headers: json }))).status).toBe(503);
    const notGraphQL = await answerOfRefusal(new Response('{"error":"x"}', { status: 401, headers: json }));
    expect(notGraphQL.status).toBe(401);
    // Still readable by Apollo, which turns it into the request's error.
    expect(await notGraphQL.text()).toBe('{"error":"x"}');
    expect(
      (await answerOfRefusal(new Response('<html>', { status: 403, headers: { 'content-type': 'text/html' } }))).status,
    ).toBe(403);
  });

  it('leaves a 200 untouched', async () => {
    const ok = new Response('{"data":{}}', { status: 200, headers: json });
    expect(await answerOfRefusal(ok)).toBe(ok);
  });
});

import { Response } from 'node-fetch';
import { answerOfRefusal } from '../system-view-remote-data-source';

const json = { 'content-type': 'application/json' };

describe("answerOfRefusal (the split system view's refusals reach the caller)", () => {
  it('hands a refusal with a GraphQL body on as a 200 with the same body', async () => {
    const body = JSON.stringify({ errors: [{ message: 'Forbidden: no', extensions: { code: 'FORBIDDEN' } }] });
    const answer = await answerOfRefusal(new Response(body, { status: 403, headers: json }));
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(body);
  });

  it('keeps a server error, a 4xx without GraphQL errors and a non-JSON answer as failures', async () => {
    expect((await answerOfRefusal(new Response('{"errors":[]}', { status: 503, headers: json }))).status).toBe(503);
    expect((await answerOfRefusal(new Response('{"error":"x"}', { status: 401, headers: json }))).status).toBe(401);
    expect(
      (await answerOfRefusal(new Response('<html>', { status: 403, headers: { 'content-type': 'text/html' } }))).status,
    ).toBe(403);
  });

  it('leaves a 200 untouched', async () => {
    const ok = new Response('{"data":{}}', { status: 200, headers: json });
    expect(await answerOfRefusal(ok)).toBe(ok);
  });
});

import { NO_EXPORT } from '@psea/service';
import { Role } from '@psea/contract';
import { CallSpans } from '../plugins/call-spans';
import { useRoutingToken } from '../plugins/routing-token.plugin';

const SOURCE_URL = 'http://127.0.0.1:4002/graphql';

async function fetched(url: string, context: object, executionRequest?: object, spans?: CallSpans) {
  const plugin = useRoutingToken({
    audienceByUrl: new Map([[SOURCE_URL, 'agencies']]),
    sign: async (audience, caller) => `signed-for-${audience}-${caller === 'gateway' ? 'gateway' : caller.subject}`,
    ...(spans ? { spans } : {}),
  });
  let options: { headers?: Record<string, string> } | undefined;
  await plugin.onFetch?.({
    url,
    options: { headers: { authorization: 'Bearer callers-own-token', traceparent: 'forged' } },
    setOptions: (o: typeof options) => (options = o),
    context,
    executionRequest,
  } as never);
  return options?.headers;
}

describe('useRoutingToken', () => {
  const span = NO_EXPORT.startSpan('POST /graphql', 'server', undefined);
  const caller = { subject: 'alice', role: Role.COORDINATOR };

  it("replaces the caller's token by one the routing tier signs for that subgraph", async () => {
    const headers = await fetched(SOURCE_URL, { caller, span });
    expect(headers?.['authorization']).toBe('Bearer signed-for-agencies-alice');
  });

  it("sends the call's client span as its traceparent, else the request's", async () => {
    const spans = new CallSpans(NO_EXPORT);
    const call = {};
    const client = spans.start('agencies', span, call);
    expect((await fetched(SOURCE_URL, { caller, span }, call, spans))?.['traceparent']).toBe(
      `00-${span.traceId}-${client.spanId}-00`,
    );
    expect((await fetched(SOURCE_URL, { caller, span }, {}, spans))?.['traceparent']).toBe(
      `00-${span.traceId}-${span.spanId}-00`,
    );
  });

  it('gives a URL that is no known subgraph neither a token nor a trace', async () => {
    expect(await fetched('http://elsewhere.example/graphql', { caller, span })).toBeUndefined();
  });
});

import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import {
  ContributionStatus,
  Source,
  decodeStatisticsContribution,
  encodeStatisticsContribution,
  loadSourceRegistry,
  zeroCounts,
} from '@psea/contract';
import { NO_EXPORT, createLogger } from '@psea/service';
import { CallSpans } from '../plugins/call-spans';
import { useSourceFailurePolicy } from '../plugins/source-failure.plugin';

const sources = loadSourceRegistry(join(__dirname, '..', '..', '..', 'sources.json'));
const REPRESENTATIONS = [{ __typename: 'StatisticsView', scope: 's1' }];

/** Runs one call to a subgraph through the plugin's executor, as Hive Gateway would. */
async function call(subgraphName: string, executor: () => Promise<unknown>) {
  const plugin = useSourceFailurePolicy({ sources, logger: createLogger('test', 'silent'), spans: new CallSpans(NO_EXPORT) });
  let wrapped: ((request: object) => Promise<unknown>) | undefined;
  plugin.onSubgraphExecute?.({ subgraphName, executor, setExecutor: (e: typeof wrapped) => (wrapped = e) } as never);
  const context = {};
  const request = { variables: { representations: REPRESENTATIONS }, context };
  const answer = wrapped ? await wrapped(request) : await executor();
  // What the request's answer gets from the plugin once execution is done.
  let final: { errors?: readonly GraphQLError[] } = { errors: [] };
  const hooks = plugin.onExecute?.({ args: { contextValue: context } } as never) as {
    onExecuteDone: (p: object) => void;
  };
  hooks.onExecuteDone({ result: { data: {} }, setResult: (r: typeof final) => (final = r) });
  return { answer, errors: final.errors ?? [], wrapped: wrapped !== undefined };
}

describe('useSourceFailurePolicy', () => {
  it('answers a source that cannot be reached with an UNAVAILABLE contribution, and the request with the error naming it', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4002'), { code: 'ECONNREFUSED' });
    const { answer, errors } = await call('agencies', () => Promise.reject(refused));
    // Statistics contributions travel as one compact value: the stand-in is one too.
    const [entity] = (answer as { data: { _entities: Array<{ agencies: unknown }> } }).data._entities;
    expect(decodeStatisticsContribution(entity?.agencies, Source.AGENCIES)).toMatchObject({
      source: Source.AGENCIES,
      status: ContributionStatus.UNAVAILABLE,
    });
    expect(errors.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'SOURCE_UNAVAILABLE', source: 'agencies', reason: 'unreachable' }),
    ]);
    expect(JSON.stringify(errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });

  it("treats Hive's upstream timeout as the source timing out", async () => {
    const timeout = new GraphQLError('Request timed out', { extensions: { code: 'GATEWAY_TIMEOUT' } });
    const { errors } = await call('peacekeeping', () => Promise.reject(timeout));
    expect(errors[0]?.extensions).toMatchObject({ source: 'peacekeeping', reason: 'timeout' });
  });

  it('passes a valid contribution through, and adds no error', async () => {
    const agencies = encodeStatisticsContribution({
      source: Source.AGENCIES,
      status: ContributionStatus.OK,
      total: zeroCounts(),
      rows: [],
    } as never);
    const good = { data: { _entities: [{ __typename: 'StatisticsView', agencies }] } };
    const { answer, errors } = await call('agencies', async () => good);
    expect(answer).toBe(good);
    expect(errors).toEqual([]);
  });

  it('leaves calls to the system view alone: without it there is no answer to consolidate', async () => {
    expect((await call('system-view', async () => ({ data: {} }))).wrapped).toBe(false);
  });
});

import { groupOf } from '../profile-groups';
import { profilePid } from '../process-index';

const frame = (url: string, functionName = 'f') => ({ url, functionName, lineNumber: 0 });
const nm = '/repo/node_modules/';

describe('groupOf', () => {
  it('puts the query planner and the federation internals under planning', () => {
    expect(groupOf(frame(`${nm}@apollo/query-planner/dist/buildPlan.js`))).toBe('@apollo/gateway planning');
    expect(groupOf(frame(`${nm}@apollo/federation-internals/dist/operations.js`))).toBe('@apollo/gateway planning');
  });

  it('puts the gateway’s plan execution and result merging apart from its HTTP data sources', () => {
    expect(groupOf(frame(`${nm}@apollo/gateway/dist/executeQueryPlan.js`, 'executeFetch'))).toBe(
      '@apollo/gateway merging/execution',
    );
    expect(groupOf(frame(`${nm}@apollo/gateway/dist/utilities/deepMerge.js`, 'deepMerge'))).toBe(
      '@apollo/gateway merging/execution',
    );
    expect(groupOf(frame(`${nm}@apollo/gateway/dist/datasources/RemoteGraphQLDataSource.js`, 'process'))).toBe('http/undici');
  });

  it('splits graphql-js execution from parsing and validation', () => {
    expect(groupOf(frame(`${nm}graphql/execution/execute.js`, 'completeValue'))).toBe('graphql-js execution');
    expect(groupOf(frame(`${nm}graphql/language/parser.js`, 'parse'))).toBe('graphql-js parse/validate/print');
    expect(groupOf(frame(`${nm}graphql/validation/validate.js`, 'validate'))).toBe('graphql-js parse/validate/print');
  });

  it('counts JSON where a frame is named for it, not graphql’s own parse', () => {
    expect(groupOf(frame('', 'parse'))).toBe('JSON');
    expect(groupOf(frame('node:internal/deps/undici/undici', 'parseJSONFromBytes'))).toBe('JSON');
    expect(groupOf(frame(`${nm}@apollo/server/dist/cjs/utils/prettyJSONStringify.js`, 'prettyJSONStringify'))).toBe('JSON');
  });

  it('knows the project’s own code, the HTTP stack, the driver, GC and V8', () => {
    expect(groupOf(frame('file:///repo/gateway/dist/system-view/merge.js'))).toBe('our code');
    expect(groupOf(frame('/repo/packages/subgraph-kit/dist/sql/statistics.js'))).toBe('our code');
    expect(groupOf(frame('node:internal/deps/undici/undici', 'fetch'))).toBe('http/undici');
    expect(groupOf(frame('node:_http_server', 'parserOnIncoming'))).toBe('http/undici');
    expect(groupOf(frame(`${nm}pg-protocol/dist/parser.js`, 'handlePacket'))).toBe('PostgreSQL driver (pg)');
    expect(groupOf(frame('', '(garbage collector)'))).toBe('GC');
    expect(groupOf(frame('', '(program)'))).toBe('V8 and native (program, builtins)');
    expect(groupOf(frame('node:internal/streams/readable', 'push'))).toBe('node core (streams, timers, other)');
    expect(groupOf(frame('', 'writev'))).toBe('http/undici');
  });

  it('names the cost of signing and checking tokens, and of async hooks', () => {
    expect(groupOf(frame('node:internal/crypto/hash', 'digest'))).toBe('crypto (JWT, pseudonyms)');
    expect(groupOf(frame(`${nm}jose/dist/node/cjs/runtime/sign.js`, 'sign'))).toBe('crypto (JWT, pseudonyms)');
    expect(groupOf(frame('node:internal/async_hooks', 'emitBeforeScript'))).toBe('async hooks and microtasks');
    expect(groupOf(frame('node:internal/process/task_queues', 'processTicksAndRejections'))).toBe('async hooks and microtasks');
  });
});

describe('profilePid', () => {
  it('reads the process id from the name Node gives a --cpu-prof file', () => {
    expect(profilePid('CPU.20261130.223502.7807.0.001.cpuprofile')).toBe('7807');
    expect(profilePid('processes.json')).toBeUndefined();
  });
});

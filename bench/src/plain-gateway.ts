import { readFileSync } from 'node:fs';
import { ApolloGateway, LocalGraphQLDataSource, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createGatewayTokenSigner, readPrivateKey, readScreeningKey } from '@psea/auth';
import { Caller, Role, loadSourceRegistry } from '@psea/contract';
import { SYSTEM_VIEW } from '@psea/composition';
import { buildSystemViewSchema } from '@psea/gateway';
import { ScreeningLimiter } from '@psea/subgraph-kit';
import { createLogger } from '@psea/service';
import { BENCH_SCREENING_LIMITS } from './scenarios';

/**
 * The baseline: the same supergraph served by a plain @apollo/gateway with none of the hub's
 * additions (no caller authentication, request limits, error policy, resilient data sources,
 * metrics). It keeps only what the sources require to answer at all: the gateway's token.
 */
async function main(): Promise<void> {
  const [supergraphFile, sourcesFile, keyFile, screeningFile, urlsJson] = process.argv.slice(2) as [
    string,
    string,
    string,
    string,
    string,
  ];
  const urls = JSON.parse(urlsJson) as Record<string, string>;
  const sign = createGatewayTokenSigner(await readPrivateKey(keyFile));
  const caller: Caller = { subject: 'bench', role: Role.COORDINATOR };
  const sources = loadSourceRegistry(sourcesFile);
  const systemView = await buildSystemViewSchema(sources, {
    screeningKey: readScreeningKey(screeningFile),
    screeningLimiter: await ScreeningLimiter.create(BENCH_SCREENING_LIMITS, { kind: 'memory' }, createLogger('plain-gateway')),
  });
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(supergraphFile, 'utf8'),
    buildService: ({ name }) => {
      if (name === SYSTEM_VIEW) return new LocalGraphQLDataSource(systemView);
      return new (class extends RemoteGraphQLDataSource {
        override async willSendRequest(options: Parameters<RemoteGraphQLDataSource['willSendRequest'] & object>[0]) {
          options.request.http?.headers.set('authorization', `Bearer ${await sign(name, caller)}`);
        }
      })({ url: urls[name] });
    },
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async () => ({ caller }),
  });
  process.send?.({ type: 'ready', url });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});

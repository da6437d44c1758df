import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { GraphQLObjectType, printSchema } from 'graphql';
import { VIEWS, loadSourceRegistry } from '@psea/contract';

const ROOT = join(__dirname, '..');
const SUPERGRAPH = join(ROOT, 'gateway', 'supergraph.graphql');
/** The schema clients are served, as printed when it was last changed on purpose. */
const PUBLIC_SCHEMA = join(ROOT, 'gateway', 'public-schema.graphql');

/**
 * The schema the gateway serves clients: the API schema of the committed supergraph (which
 * check-subgraph.test.ts keeps equal to what `psea compose` writes from the code), as
 * @apollo/gateway itself derives it, @inaccessible fields and types removed.
 */
async function servedSchema() {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(SUPERGRAPH, 'utf8') });
  try {
    return (await gateway.load()).schema;
  } finally {
    await gateway.stop();
  }
}

describe('the public schema', () => {
  it('is unchanged for clients (update gateway/public-schema.graphql only for a change clients are told about)', async () => {
    expect(`${printSchema(await servedSchema())}\n`).toBe(readFileSync(PUBLIC_SCHEMA, 'utf8'));
  });

  it("shows clients no source's contributor field, however it is carried", async () => {
    const schema = await servedSchema();
    const sources = loadSourceRegistry(join(ROOT, 'gateway', 'sources.json'));
    for (const view of VIEWS) {
      const fields = (schema.getType(view.typeName) as GraphQLObjectType).getFields();
      for (const s of sources) expect(fields[s.contributorField]).toBeUndefined();
    }
  });

  it('carries the statistics contributions internally as one string each (the compact encoding)', () => {
    const supergraph = readFileSync(SUPERGRAPH, 'utf8');
    const sources = loadSourceRegistry(join(ROOT, 'gateway', 'sources.json'));
    for (const s of sources) {
      expect(supergraph).toMatch(new RegExp(`\\n  ${s.contributorField}: String!?[^\\n]*@inaccessible`));
    }
  });
});

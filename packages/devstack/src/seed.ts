import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readScreeningKey } from '@psea/auth';
import type { SourceRegistration } from '@psea/contract';
import { KIT_MIGRATIONS, SubgraphDefinition, prepareSourceDatabase } from '@psea/subgraph-kit';
import { seedReferenceData } from './seed-reference-data';

/** The subgraph definition a registered source is built from (its compiled `definition` export). */
export function loadSubgraphDefinition(rootDir: string, source: SourceRegistration): SubgraphDefinition {
  if (!source.service) throw new Error(`${source.name} is not built in this repository: run psea on its own machine`);
  const entry = join(rootDir, source.service, 'dist', 'index.js');
  if (!existsSync(entry)) throw new Error(`${source.service} is not built: run npm run build`);
  // The source is chosen at run time from the registry, so its module is too.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const definition = (require(entry) as { definition?: SubgraphDefinition }).definition;
  if (!definition) throw new Error(`${source.service}/src/index.ts must export its SubgraphDefinition as "definition"`);
  return definition;
}

/**
 * Loads the synthetic reference dataset into a source's database when it is empty, as the
 * development stack's own ingest step: it holds the deployment's screening key and the source's
 * pseudonym key, the source's service only the latter. Returns the rows loaded (0: nothing to do).
 */
export async function seedSource(
  rootDir: string,
  source: SourceRegistration,
  database: { url: string; ownerUrl: string | undefined },
  keyFiles: { deployment: string; source: string },
): Promise<number> {
  const definition = loadSubgraphDefinition(rootDir, source);
  // Migrated and granted by the owner, loaded by the runtime role, as the service runs.
  const { dataSource } = await prepareSourceDatabase({
    url: database.url,
    ownerUrl: database.ownerUrl,
    migrations: [...definition.migrations, ...KIT_MIGRATIONS],
    mapping: definition.mapping,
    poolSize: 2,
  });
  try {
    const result = await seedReferenceData(dataSource, definition, {
      deployment: readScreeningKey(keyFiles.deployment),
      source: readScreeningKey(keyFiles.source),
    });
    return result?.rows ?? 0;
  } finally {
    await dataSource.destroy();
  }
}

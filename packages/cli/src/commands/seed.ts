import { SYNTHETIC_NOTICE } from '@psea/contract';
import { seedReferenceData } from '@psea/devstack';
import { findSource } from '../sources';
import { loadDefinition, openSourceDatabase, pseudonymKeys } from '../source-database';

/**
 * `psea seed --source <name>`: loads the synthetic reference dataset into the source's database
 * when it holds no allegation, through the same path as `psea ingest` (so with the deployment's
 * screening key and the source's own pseudonym key, which the source's service never needs both of).
 */
export async function seed(sourceName: string, print: (line: string) => void): Promise<number> {
  const source = findSource(sourceName);
  const definition = loadDefinition(source);
  const keys = await pseudonymKeys(source);
  const dataSource = await openSourceDatabase(source, definition);
  try {
    const result = await seedReferenceData(dataSource, definition, keys);
    print(
      result
        ? `${source.name}: loaded ${result.rows} reference records. ${SYNTHETIC_NOTICE}`
        : `${source.name}: the database already holds allegations (or the source has no reference records); nothing loaded`,
    );
    return result?.rows ?? 0;
  } finally {
    await dataSource.destroy();
  }
}

import { migrationFiles } from './migration-files';
import type { SourceNames } from './names';
import { packageFiles } from './package-files';
import { codesFiles } from './codes-files';
import { reportFiles } from './report-files';

/**
 * The files of a new entity subgraph, built the way the three existing ones are: a native
 * model to adapt (one `report` table), its codes, the mapping onto the contract, the writer,
 * a migration, a mapping test, and a definition the kit runs (its port, contributor field and
 * database variable come from its entry in gateway/sources.json).
 */
export function subgraphFiles(n: SourceNames, migrationTimestamp: number, categories: readonly string[]): Record<string, string> {
  return {
    ...packageFiles(n, migrationTimestamp),
    ...migrationFiles(migrationTimestamp),
    ...codesFiles(categories),
    ...reportFiles(),
  };
}

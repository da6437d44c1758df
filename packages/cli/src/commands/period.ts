import { hostname, userInfo } from 'node:os';
import { findEntity, isQuarter, sourceVariablePrefix } from '@psea/contract';
import { KIT_MIGRATIONS, changePeriod, prepareSourceDatabase } from '@psea/subgraph-kit';
import { CliError, EXIT } from '../cli-error';
import { databaseUrl, loadDefinition } from '../source-database';
import { findSource } from '../sources';

export interface PeriodOptions {
  readonly source: string;
  readonly entity: string;
  readonly quarter: string;
}

function operator(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}@${hostname()}`;
  }
}

/**
 * `psea period close|reopen --source X --entity Y --quarter 2016Q4`: the entity's IT team says
 * its data for a quarter is submitted (or not yet). Written with the owner's credentials of the
 * source's own database (<NAME>_OWNER_DATABASE_URL), which the serving role does not hold, and
 * audited in the source's audit log (who, the database role, the data version). Re-running it
 * changes nothing and audits nothing.
 */
export async function period(closed: boolean, options: PeriodOptions, print: (line: string) => void): Promise<void> {
  const source = findSource(options.source);
  const entity = findEntity(options.entity);
  if (!entity || entity.source !== source.source) {
    throw new CliError(`--entity must be an entity of ${source.name}, got "${options.entity}"`, EXIT.USAGE);
  }
  if (!isQuarter(options.quarter)) throw new CliError(`--quarter must look like 2016Q4, got "${options.quarter}"`, EXIT.USAGE);
  const definition = loadDefinition(source);
  const { url, ownerUrl } = databaseUrl(source);
  if (!ownerUrl || ownerUrl === url) {
    throw new CliError(
      `closing or reopening a period needs the owner's credentials of ${source.name}'s database: set ${sourceVariablePrefix(source.name)}_OWNER_DATABASE_URL`,
      EXIT.USAGE,
    );
  }
  let owner;
  try {
    ({ dataSource: owner } = await prepareSourceDatabase({
      url: ownerUrl,
      migrations: [...definition.migrations, ...KIT_MIGRATIONS],
      mapping: definition.mapping,
      poolSize: 1,
    }));
  } catch (error) {
    throw new CliError(`cannot reach the database of ${source.name} as its owner: ${(error as Error).message}`);
  }
  try {
    const result = await changePeriod(owner, { entity: entity.code, quarter: options.quarter, closed, who: operator() });
    const state = closed ? 'closed' : 'open';
    print(
      result.changed
        ? `${source.name}: ${entity.code} ${options.quarter} ${state} at data version ${result.dataVersion} (audited)`
        : `${source.name}: ${entity.code} ${options.quarter} was already ${state}${result.changedAt ? ` (since ${result.changedAt})` : ''}; nothing changed`,
    );
  } finally {
    await owner.destroy();
  }
}

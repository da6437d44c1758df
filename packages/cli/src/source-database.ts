import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { DevKeys, ensureSourcePseudonymKey, readScreeningKey } from '@psea/auth';
import { SourceRegistration, sourceVariablePrefix } from '@psea/contract';
import { devKeys, embeddedSourceUrls, loadSubgraphDefinition } from '@psea/devstack';
import { KIT_MIGRATIONS, PseudonymKeys, SubgraphDefinition, prepareSourceDatabase } from '@psea/subgraph-kit';
import { CliError, EXIT } from './cli-error';
import { DATA_DIR, ROOT_DIR } from './paths';

/** The subgraph definition a registered source is built from (its compiled `definition` export). */
export function loadDefinition(source: SourceRegistration): SubgraphDefinition {
  try {
    return loadSubgraphDefinition(ROOT_DIR, source);
  } catch (error) {
    throw new CliError((error as Error).message, source.service ? EXIT.ENVIRONMENT : EXIT.USAGE);
  }
}

/**
 * The source's database URLs: <NAME>_DATABASE_URL (the runtime role) and, when set,
 * <NAME>_OWNER_DATABASE_URL; or the two roles of its database in the embedded cluster.
 */
export function databaseUrl(source: SourceRegistration): { url: string; ownerUrl?: string; where: string } {
  const variable = `${sourceVariablePrefix(source.name)}_DATABASE_URL`;
  const explicit = process.env[variable];
  const owner = process.env[`${sourceVariablePrefix(source.name)}_OWNER_DATABASE_URL`] || undefined;
  if (explicit) return { url: explicit, ownerUrl: owner, where: variable };
  // A cluster relocated out of a root-only folder keeps its password beside it.
  const location = join(DATA_DIR, 'postgres-location');
  const passwordFile = existsSync(location)
    ? `${readFileSync(location, 'utf8').trim()}.password`
    : join(DATA_DIR, 'postgres-password');
  if (!existsSync(passwordFile)) {
    throw new CliError(
      `no database for ${source.name}: set ${variable}, or start the hub once (npm start) to create the embedded one`,
    );
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const port = process.env['PSEA_POSTGRES_PORT'] ?? '54329';
  const database = `psea_${sourceVariablePrefix(source.name).toLowerCase()}`;
  return {
    ...embeddedSourceUrls(password, port, database),
    where: `the embedded PostgreSQL on 127.0.0.1:${port} (is the hub running? npm start)`,
  };
}

/**
 * Connects to a source's own database as its runtime role (applying pending migrations as the
 * owner when the owner's URL is known), or explains what to do.
 */
export async function openSourceDatabase(source: SourceRegistration, definition: SubgraphDefinition): Promise<DataSource> {
  const { url, ownerUrl, where } = databaseUrl(source);
  try {
    const { dataSource } = await prepareSourceDatabase({
      url,
      ownerUrl,
      migrations: [...definition.migrations, ...KIT_MIGRATIONS],
      mapping: definition.mapping,
      poolSize: 2,
    });
    return dataSource;
  } catch (error) {
    throw new CliError(`cannot reach the database of ${source.name} through ${where}: ${(error as Error).message}`);
  }
}

/**
 * The keys of a source's stored pseudonyms: the deployment's screening key (SCREENING_KEY_FILE)
 * and the source's own (<NAME>_PSEUDONYM_KEY_FILE), else the development keys. Only the ingest
 * tool holds both; the source's service holds its own key only.
 */
export async function pseudonymKeys(source: SourceRegistration): Promise<PseudonymKeys> {
  const variable = `${sourceVariablePrefix(source.name)}_PSEUDONYM_KEY_FILE`;
  const explicit = { deployment: process.env['SCREENING_KEY_FILE'], source: process.env[variable] };
  // One key from a deployment and the other from development would store pseudonyms no
  // screening ever finds: both are given, or neither.
  if (Boolean(explicit.deployment) !== Boolean(explicit.source)) {
    throw new CliError(
      `set both SCREENING_KEY_FILE and ${variable} (the deployment's and the source's pseudonym keys), or neither to use the development keys`,
      EXIT.USAGE,
    );
  }
  const dev = explicit.deployment && explicit.source ? undefined : await devKeys(DATA_DIR);
  const read = (file: string, name: string): Buffer => {
    try {
      return readScreeningKey(file);
    } catch (error) {
      throw new CliError(`${name}: ${(error as Error).message}`, EXIT.ENVIRONMENT);
    }
  };
  return {
    deployment: read(explicit.deployment ?? (dev as DevKeys).screeningKey, 'SCREENING_KEY_FILE'),
    source: read(explicit.source ?? ensureSourcePseudonymKey(dev as DevKeys, source.name), variable),
  };
}

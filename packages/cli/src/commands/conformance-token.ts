import { MAX_CONFORMANCE_DAYS, mintConformanceToken, readPrivateKey } from '@psea/auth';
import { devKeys } from '@psea/devstack';
import { CliError, EXIT } from '../cli-error';
import { DATA_DIR } from '../paths';
import { findSource } from '../sources';

/**
 * `psea conformance-token --source <name> [--days 7]`, run by the gateway's operator (it signs with
 * GATEWAY_SIGNING_KEY_FILE, or the development key): a token an entity's team passes to
 * `psea check-subgraph --url ... --token ...`. The source answers it with its SDL and nothing else.
 */
export async function conformanceToken(sourceName: string, days: number): Promise<string> {
  const source = findSource(sourceName);
  if (!Number.isInteger(days) || days < 1 || days > MAX_CONFORMANCE_DAYS) {
    throw new CliError(`--days must be a whole number from 1 to ${MAX_CONFORMANCE_DAYS}, got ${days}`, EXIT.USAGE);
  }
  const keyFile = process.env['GATEWAY_SIGNING_KEY_FILE'] ?? (await devKeys(DATA_DIR)).gatewayPrivateKey;
  return mintConformanceToken(await readPrivateKey(keyFile), source.name, days);
}

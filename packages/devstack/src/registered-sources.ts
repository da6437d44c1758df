import { join } from 'node:path';
import { SourceRegistration, loadSourceRegistry, requireCompiledSources } from '@psea/contract';

/** The sources listed in the repository's gateway/sources.json, compiled into the contract. */
export function registeredSources(rootDir: string): SourceRegistration[] {
  const registrations = loadSourceRegistry(join(rootDir, 'gateway', 'sources.json'));
  requireCompiledSources(registrations);
  return registrations;
}

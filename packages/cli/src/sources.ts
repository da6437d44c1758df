import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { SourceRegistration, loadSourceRegistry } from '@psea/contract';
import { CliError, EXIT } from './cli-error';
import { ROOT_DIR, SOURCES_FILE } from './paths';

/** The registered sources, validated (not necessarily compiled into the contract yet). */
export function readSources(file = SOURCES_FILE): SourceRegistration[] {
  try {
    return loadSourceRegistry(file);
  } catch (error) {
    const unreadable = (error as Error).message.startsWith('SOURCES_FILE');
    throw new CliError((error as Error).message, unreadable ? EXIT.ENVIRONMENT : EXIT.PROBLEMS);
  }
}

export function findSource(name: string, sources = readSources()): SourceRegistration {
  const source = sources.find((s) => s.name === name);
  if (!source) {
    throw new CliError(
      `no source named "${name}" in gateway/sources.json (registered: ${sources.map((s) => s.name).join(', ')})`,
      EXIT.USAGE,
    );
  }
  return source;
}

/** The SDL of a registered source's subgraph, printed by its own build (no database needed). */
export function printSourceSdl(source: SourceRegistration): string {
  if (!source.service)
    throw new CliError(`${source.name} has no service folder in this repository; check it with --url`, EXIT.USAGE);
  return runPrintSdl(join(ROOT_DIR, source.service, 'dist', 'main.js'), source.name);
}

/** The system view's SDL for the registered sources. */
export function printSystemViewSdl(sourcesFile = SOURCES_FILE): string {
  return runPrintSdl(join(ROOT_DIR, 'gateway', 'dist', 'main.js'), 'system view', { SOURCES_FILE: sourcesFile });
}

function runPrintSdl(script: string, what: string, env: Record<string, string> = {}): string {
  try {
    return execFileSync(process.execPath, [script, '--print-sdl'], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new CliError(
      `could not print the SDL of ${what} (is it built? run npm run build): ${stderr.trim().split('\n')[0] ?? ''}`,
    );
  }
}

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTRY_MODULE_PATH, registryModule } from '@psea/contract';
import { CompositionError, SYSTEM_VIEW, SYSTEM_VIEW_URL, composeSupergraph } from '@psea/composition';
import { CliError, EXIT } from '../cli-error';
import { ROOT_DIR, SOURCES_FILE, SUPERGRAPH_FILE } from '../paths';
import { printSourceSdl, printSystemViewSdl, readSources } from '../sources';

export interface ComposeOptions {
  readonly out?: string;
  readonly build?: boolean;
}

/**
 * Registers what gateway/sources.json lists: compiles the sources into the contract (and
 * rebuilds when that changed), then composes the supergraph from every source's SDL and the
 * system view's, whose `@requires` selections are generated from the same list.
 */
export function compose(options: ComposeOptions, print: (line: string) => void): void {
  const sources = readSources();
  const registryFile = join(ROOT_DIR, REGISTRY_MODULE_PATH);
  const wanted = registryModule(sources);
  const current = existsSync(registryFile) ? readFileSync(registryFile, 'utf8') : '';
  if (current !== wanted) {
    writeFileSync(registryFile, wanted);
    print(`contract: compiled ${sources.length} sources into ${REGISTRY_MODULE_PATH}`);
    if (options.build !== false) {
      print('building (tsc -b)...');
      try {
        execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b'], { cwd: ROOT_DIR, stdio: 'inherit' });
      } catch {
        throw new CliError(
          'the build failed after the sources changed; fix the errors above and run psea compose again',
          EXIT.PROBLEMS,
        );
      }
    }
  } else {
    print(`contract: ${sources.length} sources, already up to date`);
  }
  const subgraphs = [
    { name: SYSTEM_VIEW, url: SYSTEM_VIEW_URL, sdl: printSystemViewSdl(SOURCES_FILE) },
    ...sources.map((s) => ({ name: s.name, url: s.url, sdl: printSourceSdl(s) })),
  ];
  let supergraph: string;
  try {
    supergraph = composeSupergraph(subgraphs);
  } catch (error) {
    if (error instanceof CompositionError) {
      for (const message of error.messages) print(`composition error: ${message}`);
      throw new CliError(`the supergraph does not compose (${error.messages.length} error(s))`, EXIT.PROBLEMS);
    }
    throw error;
  }
  const out = options.out ?? SUPERGRAPH_FILE;
  writeFileSync(out, supergraph);
  print(`supergraph: ${subgraphs.length} subgraphs (${sources.map((s) => s.name).join(', ')} and the system view) → ${out}`);
}

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { copyRepository } from '@psea/devstack';
import { benchSources, newSubgraphArguments } from './bench-sources';

/**
 * A copy of the repository with `count` registered sources: its own plus sources made by
 * `psea new-subgraph` (files, gateway/sources.json, tsconfig references), then `psea compose`,
 * which compiles the list into the contract, builds, and composes the supergraph, exactly as an
 * entity's IT team publishes a source. The repository itself is left untouched.
 */
export function scaffoldRepository(rootDir: string, count: number, registered: number, log: (line: string) => void): string {
  const dir = copyRepository(rootDir, `psea-bench-${count}-sources-`);
  const psea = join(dir, 'packages', 'cli', 'bin', 'psea.js');
  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, [psea, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`psea ${args.join(' ')} failed in ${dir}:\n${result.stdout}\n${result.stderr}`);
  };
  const extra = benchSources(count, registered);
  for (const source of extra) run(newSubgraphArguments(source));
  log(`  scaffolded ${extra.length} sources in ${dir}; composing and building`);
  run(['compose']);
  return dir;
}

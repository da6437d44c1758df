import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EntityKind, PersonnelCategory, enumValues, isSourceName } from '@psea/contract';
import { CliError, EXIT } from '../cli-error';
import { ROOT_DIR, SOURCES_FILE } from '../paths';
import { sourceNames } from '../scaffold/names';
import { subgraphFiles } from '../scaffold/templates';
import { readSources } from '../sources';
import { compose } from './compose';

export interface NewSubgraphOptions {
  /** 'CODE=Name' pairs. */
  readonly entity: string[];
  readonly kind: string;
  readonly categories: string;
  readonly compose: boolean;
}

/**
 * `psea new-subgraph <name>`: creates a working entity subgraph under subgraphs/<name>, registers
 * it in gateway/sources.json, and composes the supergraph, so the next `npm start` runs it.
 */
export function newSubgraph(name: string, options: NewSubgraphOptions, print: (line: string) => void): void {
  if (!isSourceName(name))
    throw new CliError(`the name must be a lower-case slug such as example-agency, got ${name}`, EXIT.USAGE);
  const sources = readSources();
  const folder = join('subgraphs', name);
  if (sources.some((s) => s.name === name) || existsSync(join(ROOT_DIR, folder))) {
    throw new CliError(`${name} already exists (in gateway/sources.json or ${folder})`, EXIT.USAGE);
  }
  if (!enumValues(EntityKind).includes(options.kind as EntityKind)) {
    throw new CliError(`--kind must be one of ${enumValues(EntityKind).join(', ')}`, EXIT.USAGE);
  }
  const categories = options.categories.split(',').map((c) => c.trim());
  for (const c of categories) {
    if (!enumValues(PersonnelCategory).includes(c as PersonnelCategory)) {
      throw new CliError(`--categories: ${c} is not one of ${enumValues(PersonnelCategory).join(', ')}`, EXIT.USAGE);
    }
  }
  if (options.entity.length === 0) throw new CliError('name at least one entity: --entity CODE="Full name"', EXIT.USAGE);
  const known = new Set(sources.flatMap((s) => s.entities.map((e) => e.code)));
  const entities = options.entity.map((pair) => {
    const match = /^([A-Z][A-Z0-9-]{1,31})=(.{1,200})$/.exec(pair);
    if (!match) throw new CliError(`--entity must look like CODE="Full name" with the code in capitals, got ${pair}`, EXIT.USAGE);
    if (known.has(match[1] as string))
      throw new CliError(`entity ${match[1]} is already registered by another source`, EXIT.USAGE);
    return { code: match[1] as string, name: match[2] as string, kind: options.kind };
  });

  const n = sourceNames(name);
  const port = Math.max(4000, ...sources.map((s) => Number(new URL(s.url).port) || 0)) + 1;
  const files = subgraphFiles(n, Date.now(), categories);
  for (const [path, content] of Object.entries(files)) {
    const target = join(ROOT_DIR, folder, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  print(`created ${folder} (${Object.keys(files).length} files)`);

  const raw = JSON.parse(readFileSync(SOURCES_FILE, 'utf8')) as { sources: unknown[] };
  raw.sources.push({
    name,
    contributorField: n.camel,
    url: `http://127.0.0.1:${port}/graphql`,
    service: folder,
    personnelCategories: categories,
    entities,
  });
  writeFileSync(SOURCES_FILE, `${JSON.stringify(raw, null, 2)}\n`);
  print(`registered ${name} in gateway/sources.json (port ${port}, contributor field ${n.camel})`);

  const tsconfigFile = join(ROOT_DIR, 'tsconfig.json');
  const tsconfig = JSON.parse(readFileSync(tsconfigFile, 'utf8')) as { references: Array<{ path: string }> };
  tsconfig.references.splice(tsconfig.references.length - 2, 0, { path: folder });
  writeFileSync(tsconfigFile, `${JSON.stringify(tsconfig, null, 2)}\n`);
  print(`added ${folder} to the project references of tsconfig.json (so npm run build compiles it)`);

  if (options.compose) compose({}, print);
  print('');
  print(`next: adapt ${folder}/src/reports/ to your model, then`);
  print('  npm start                                   # runs it with the others');
  print(`  npx psea ingest --source ${name} <file.csv>   # loads your records (docs/ingest-format.md)`);
}

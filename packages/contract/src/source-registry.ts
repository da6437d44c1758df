import { Source, enumValues } from './enums';

/** One registered source of the hub: a line of gateway/sources.json. */
export interface SourceRegistration {
  /** Slug used in ids, configuration and variable names, e.g. 'non-un-forces'. */
  readonly name: string;
  readonly source: Source;
  /** Field the source adds to every view, e.g. 'nonUnForces'. */
  readonly contributorField: string;
  /** Where the gateway reaches the subgraph, unless `<NAME>_URL` overrides it. */
  readonly url: string;
  /** Folder of the subgraph service in this repository, for local starts. */
  readonly service?: string;
}

export class SourceRegistryError extends Error {}

/** The environment variable prefix of a source: 'non-un-forces' → 'NON_UN_FORCES'. */
export function sourceVariablePrefix(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/**
 * Validates the parsed content of the sources file. Each problem names the entry and the
 * member that is wrong.
 */
export function parseSourceRegistry(raw: unknown): SourceRegistration[] {
  const fail = (message: string): never => {
    throw new SourceRegistryError(`sources file: ${message}`);
  };
  if (raw === null || typeof raw !== 'object' || !Array.isArray((raw as { sources?: unknown }).sources)) {
    return fail('expected an object with a "sources" list');
  }
  const entries = (raw as { sources: unknown[] }).sources;
  if (!entries.length) fail('"sources" must list at least one source');
  const seen = { name: new Set<string>(), source: new Set<string>(), field: new Set<string>() };
  return entries.map((entry, i) => {
    const where = `sources[${i}]`;
    if (entry === null || typeof entry !== 'object') return fail(`${where} must be an object`);
    const e = entry as Record<string, unknown>;
    const text = (key: string, pattern: RegExp, expected: string): string => {
      const value = e[key];
      if (typeof value !== 'string' || !pattern.test(value)) {
        return fail(`${where}.${key} must be ${expected}, got ${JSON.stringify(value)}`);
      }
      return value;
    };
    const name = text('name', /^[a-z][a-z0-9-]*$/, 'a lower-case slug such as "non-un-forces"');
    const source = text('source', /^[A-Z_]+$/, `one of ${enumValues(Source).join(', ')}`);
    if (!(enumValues(Source) as string[]).includes(source))
      fail(`${where}.source must be one of ${enumValues(Source).join(', ')}`);
    const contributorField = text('contributorField', /^[a-z][A-Za-z0-9]*$/, 'a GraphQL field name in camelCase');
    const url = text('url', /^https?:\/\/\S+$/, 'an http(s) URL');
    const service = e['service'] === undefined ? undefined : text('service', /^[\w./-]+$/, 'a relative folder');
    if (seen.name.has(name)) fail(`${where}.name "${name}" is registered twice`);
    if (seen.source.has(source)) fail(`${where}.source ${source} is registered twice`);
    if (seen.field.has(contributorField)) fail(`${where}.contributorField "${contributorField}" is registered twice`);
    seen.name.add(name);
    seen.source.add(source);
    seen.field.add(contributorField);
    return service === undefined
      ? { name, source: source as Source, contributorField, url }
      : { name, source: source as Source, contributorField, url, service };
  });
}

import { readFileSync } from 'node:fs';
import { Dimension, EntityKind, PersonnelCategory, Source, enumValues } from './enums';
import { DEFAULT_SOURCE_DISCLOSURE, SourceDisclosure, WITHHOLDABLE_DIMENSIONS } from './disclosure';
import { ConfigError } from './errors';
import { SOURCE_NAME_SYNTAX, sourceVariablePrefix } from './source-identity';

/** An entity a source publishes, as registered. */
export interface RegisteredEntity {
  readonly code: string;
  readonly name: string;
  readonly kind: EntityKind;
}

/** One registered source of the hub: an entry of gateway/sources.json. */
export interface SourceRegistration {
  /** Slug used in ids, configuration and variable names, e.g. 'non-un-forces'. */
  readonly name: string;
  /** The contract's name for it: the slug in capitals, e.g. NON_UN_FORCES. */
  readonly source: Source;
  /** Field the source adds to every view, e.g. 'nonUnForces'. */
  readonly contributorField: string;
  /** Where the gateway reaches the subgraph, unless `<NAME>_URL` overrides it. */
  readonly url: string;
  /** Folder of the subgraph service in this repository, for local starts. */
  readonly service?: string;
  readonly personnelCategories: readonly PersonnelCategory[];
  readonly entities: readonly RegisteredEntity[];
  /** What the source publishes, stricter than the hub's publication granularity (docs/disclosure.md). */
  readonly disclosure: SourceDisclosure;
}

/**
 * Validates the parsed content of the sources file. Each problem names the entry and the
 * member that is wrong. Sources need not be compiled into the contract yet (that is what
 * `psea compose` does with this list); see `requireCompiledSources`.
 */
export function parseSourceRegistry(raw: unknown): SourceRegistration[] {
  const fail = (message: string): never => {
    throw new ConfigError(`sources file: ${message}`);
  };
  if (raw === null || typeof raw !== 'object' || !Array.isArray((raw as { sources?: unknown }).sources)) {
    return fail('expected an object with a "sources" list');
  }
  const entries = (raw as { sources: unknown[] }).sources;
  if (!entries.length) fail('"sources" must list at least one source');
  const seen = { name: new Set<string>(), field: new Set<string>(), entity: new Set<string>() };
  return entries.map((entry, i) => {
    const where = `sources[${i}]`;
    if (entry === null || typeof entry !== 'object') return fail(`${where} must be an object`);
    const e = entry as Record<string, unknown>;
    const text = (value: unknown, path: string, pattern: RegExp, expected: string): string => {
      if (typeof value !== 'string' || !pattern.test(value))
        return fail(`${path} must be ${expected}, got ${JSON.stringify(value)}`);
      return value;
    };
    const name = text(
      e['name'],
      `${where}.name`,
      new RegExp(`^${SOURCE_NAME_SYNTAX}$`),
      'a lower-case slug such as "non-un-forces"',
    );
    const contributorField = text(
      e['contributorField'],
      `${where}.contributorField`,
      /^[a-z][A-Za-z0-9]*$/,
      'a GraphQL field name in camelCase',
    );
    const url = text(e['url'], `${where}.url`, /^https?:\/\/\S+$/, 'an http(s) URL');
    const service =
      e['service'] === undefined ? undefined : text(e['service'], `${where}.service`, /^[\w./-]+$/, 'a relative folder');
    const categories = e['personnelCategories'];
    if (!Array.isArray(categories) || categories.length === 0)
      fail(`${where}.personnelCategories must list the categories the source reports`);
    const personnelCategories = (categories as unknown[]).map((c, j) =>
      text(c, `${where}.personnelCategories[${j}]`, /^[A-Z_]+$/, `one of ${enumValues(PersonnelCategory).join(', ')}`),
    );
    for (const c of personnelCategories) {
      if (!(enumValues(PersonnelCategory) as string[]).includes(c))
        fail(`${where}.personnelCategories: ${c} is not a category of the contract`);
    }
    const rawEntities = e['entities'];
    if (!Array.isArray(rawEntities) || rawEntities.length === 0)
      fail(`${where}.entities must list the entities the source publishes`);
    const entities = (rawEntities as unknown[]).map((en, j) => {
      const path = `${where}.entities[${j}]`;
      if (en === null || typeof en !== 'object') return fail(`${path} must be an object`);
      const r = en as Record<string, unknown>;
      const code = text(r['code'], `${path}.code`, /^[A-Z][A-Z0-9-]{1,31}$/, 'an entity code in capitals, e.g. UNHCR');
      if (seen.entity.has(code)) fail(`${path}.code ${code} is registered twice`);
      seen.entity.add(code);
      const kind = text(r['kind'], `${path}.kind`, /^[A-Z_]+$/, `one of ${enumValues(EntityKind).join(', ')}`);
      if (!(enumValues(EntityKind) as string[]).includes(kind))
        fail(`${path}.kind must be one of ${enumValues(EntityKind).join(', ')}`);
      return { code, name: text(r['name'], `${path}.name`, /^.{1,200}$/, 'a name'), kind: kind as EntityKind };
    });
    const disclosure = parseDisclosure(e['disclosure'], `${where}.disclosure`, fail);
    if (seen.name.has(name)) fail(`${where}.name "${name}" is registered twice`);
    if (seen.field.has(contributorField)) fail(`${where}.contributorField "${contributorField}" is registered twice`);
    seen.name.add(name);
    seen.field.add(contributorField);
    return {
      name,
      source: sourceVariablePrefix(name) as Source,
      contributorField,
      url,
      ...(service === undefined ? {} : { service }),
      personnelCategories: personnelCategories as PersonnelCategory[],
      entities,
      disclosure,
    };
  });
}

function parseDisclosure(raw: unknown, where: string, fail: (message: string) => never): SourceDisclosure {
  if (raw === undefined) return DEFAULT_SOURCE_DISCLOSURE;
  const unpublished = (raw as { unpublished?: unknown } | null)?.unpublished;
  if (raw === null || typeof raw !== 'object' || !Array.isArray(unpublished)) {
    return fail(`${where} must be an object such as {"unpublished": ["NATIONALITY"]}`);
  }
  const allowed = WITHHOLDABLE_DIMENSIONS as readonly string[];
  for (const [j, d] of unpublished.entries()) {
    if (typeof d !== 'string' || !allowed.includes(d)) {
      fail(`${where}.unpublished[${j}] must be one of ${allowed.join(', ')}, got ${JSON.stringify(d)}`);
    }
  }
  return { unpublished: [...new Set(unpublished as Dimension[])].sort() };
}

/**
 * Reads and validates a sources file (gateway/sources.json or one named by SOURCES_FILE): the one
 * place that file is read. Throws ConfigError naming the file, or what in it is wrong.
 */
export function loadSourceRegistry(file: string): SourceRegistration[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`SOURCES_FILE ${file} could not be read as JSON: ${(error as Error).message}`);
  }
  return parseSourceRegistry(raw);
}

/** Checks that every registered source is compiled into the contract (`psea compose` was run). */
export function requireCompiledSources(registrations: readonly SourceRegistration[]): void {
  const missing = registrations.filter((r) => !(enumValues(Source) as string[]).includes(r.source));
  if (missing.length) {
    throw new ConfigError(
      `sources file: ${missing.map((m) => m.name).join(', ')} not compiled into the contract yet: run npx psea compose`,
    );
  }
}

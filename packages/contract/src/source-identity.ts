import { ConfigError } from './errors';
import type { Source } from './enums';
import { SOURCE_REGISTRY } from './generated/registry';

/** How a registered source is known: derived from its one entry in gateway/sources.json. */
export interface SourceIdentity {
  readonly source: Source;
  /** Slug used in ids, configuration and variable names, e.g. 'non-un-forces'. */
  readonly name: string;
  /** The field this source adds to every system-wide view, e.g. `nonUnForces`. */
  readonly contributorField: string;
  /** The port of its registered URL: where it listens when PORT is not set. */
  readonly defaultPort: number;
  /** The environment variable with its database URL, e.g. NON_UN_FORCES_DATABASE_URL. */
  readonly databaseUrlVariable: string;
}

/**
 * The syntax of a source's name (its slug): lower-case words of letters and digits joined by
 * hyphens, e.g. `non-un-forces` or `unit-2`. One definition, because the name is written in
 * gateway/sources.json, checked by `psea new-subgraph` and read back out of every allegation id.
 */
export const SOURCE_NAME_SYNTAX = '[a-z][a-z0-9]*(?:-[a-z0-9]+)*';

/** Whether a text is a well-formed source name (see SOURCE_NAME_SYNTAX). */
export function isSourceName(text: string): boolean {
  return new RegExp(`^${SOURCE_NAME_SYNTAX}$`).test(text);
}

/** The environment variable prefix of a source: 'non-un-forces' → 'NON_UN_FORCES'. */
export function sourceVariablePrefix(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/** The variable with a source's database URL: 'non-un-forces' → NON_UN_FORCES_DATABASE_URL. */
export function databaseUrlVariable(name: string): string {
  return `${sourceVariablePrefix(name)}_DATABASE_URL`;
}

/** The identity of a source compiled into the contract (`psea compose`). */
export function sourceIdentity(source: Source): SourceIdentity {
  const entry = SOURCE_REGISTRY.find((r) => r.source === source);
  if (!entry) throw new ConfigError(`source ${source} is not compiled into the contract yet: run npx psea compose`);
  const url = new URL(entry.url);
  return {
    source,
    name: entry.name,
    contributorField: entry.contributorField,
    defaultPort: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    databaseUrlVariable: databaseUrlVariable(entry.name),
  };
}

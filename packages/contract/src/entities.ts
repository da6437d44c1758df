import { Dimension, EntityKind, PersonnelCategory, Source } from './enums';
import { DEFAULT_SOURCE_DISCLOSURE, SourceDisclosure } from './disclosure';
import { SOURCE_REGISTRY } from './generated/registry';

/** A UN entity or force whose allegations a source publishes. */
export interface EntityDescription {
  readonly code: string;
  readonly name: string;
  readonly source: Source;
  readonly kind: EntityKind;
}

/** The entity codes the hub knows, with the source that owns each: from the registered sources. */
export const ENTITIES: readonly EntityDescription[] = SOURCE_REGISTRY.flatMap((r) =>
  r.entities.map((e) => ({ code: e.code, name: e.name, source: r.source as Source, kind: e.kind as EntityKind })),
);

const byCode = new Map(ENTITIES.map((e) => [e.code, e]));

/** The entity with this code, or undefined. Codes are upper case. */
export function findEntity(code: string): EntityDescription | undefined {
  return byCode.get(code);
}

/** Categories of personnel each source may report. */
export const SOURCE_CATEGORIES: Readonly<Record<Source, readonly PersonnelCategory[]>> = Object.fromEntries(
  SOURCE_REGISTRY.map((r) => [r.source, r.personnelCategories as readonly string[] as readonly PersonnelCategory[]]),
) as Record<Source, readonly PersonnelCategory[]>;

/** The source name used in URLs, ids and configuration ("non-un-forces"). */
export function sourceSlug(source: Source): string {
  return source.toLowerCase().replace(/_/g, '-');
}

const DISCLOSURES = new Map(
  SOURCE_REGISTRY.map((r) => [
    r.source as Source,
    { unpublished: r.disclosure.unpublished as readonly string[] as readonly Dimension[] },
  ]),
);

/** What a registered source publishes beyond the hub's rules (stricter only): from its registration. */
export function sourceDisclosure(source: Source): SourceDisclosure {
  return DISCLOSURES.get(source) ?? DEFAULT_SOURCE_DISCLOSURE;
}

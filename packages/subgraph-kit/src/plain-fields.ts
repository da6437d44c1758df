import { getMetadataStorage } from 'type-graphql';

/**
 * The object fields, as `Type.field`, that type-graphql resolves with its basic resolver and
 * nothing around it: a property of the class read under its own name, no field resolver, no
 * `@Authorized`, no middleware. For those, type-graphql's resolver does exactly what graphql-js's
 * default resolver does, with a wrapper call and an object allocated per field per row; a source's
 * page of 100 allegations resolves some 3,000 of them a call. Anything else keeps its resolver,
 * and so does a field this does not find (a renamed or inherited one): the check errs towards
 * type-graphql's own. Read after `buildSchema`, when the metadata holds roles and middlewares.
 */
export function plainFields(): Set<string> {
  const storage = getMetadataStorage();
  const resolved = new Set(storage.fieldResolvers.map((r) => `${r.getObjectType?.()?.name ?? '?'}\u0000${r.methodName}`));
  const plain = new Set<string>();
  for (const type of storage.objectTypes) {
    for (const field of type.fields ?? []) {
      const simple =
        field.schemaName === field.name &&
        field.roles === undefined &&
        (field.middlewares?.length ?? 0) === 0 &&
        !resolved.has(`${field.target.name}\u0000${field.name}`);
      if (simple) plain.add(`${type.name}.${field.schemaName}`);
    }
  }
  return plain;
}

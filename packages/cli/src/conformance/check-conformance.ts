import {
  GraphQLField,
  GraphQLInputObjectType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  buildASTSchema,
  isEnumType,
  isInputObjectType,
  isObjectType,
  isIntrospectionType,
  parse,
  Kind,
  ObjectTypeDefinitionNode,
  DocumentNode,
} from 'graphql';
import { VIEWS, contributorFieldType } from '@psea/contract';
import { confidentialExposure } from './confidential-fields';

/** Types a federated schema adds by itself; not the contract's. */
const FEDERATION_TYPES = new Set([
  'Query',
  'Mutation',
  '_Service',
  '_Entity',
  '_Any',
  'link__Import',
  'link__Purpose',
  'federation__FieldSet',
  'federation__Scope',
  'federation__Policy',
  'FieldSet',
]);

function schemaOf(sdl: string): { schema: GraphQLSchema; document: DocumentNode } {
  const document = parse(sdl);
  const schema = buildASTSchema(document, { assumeValid: true, assumeValidSDL: true });
  return { schema, document };
}

function ownTypes(schema: GraphQLSchema): GraphQLNamedType[] {
  return Object.values(schema.getTypeMap()).filter(
    (t) =>
      !isIntrospectionType(t) &&
      !FEDERATION_TYPES.has(t.name) &&
      !t.name.startsWith('__') &&
      !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name),
  );
}

function fieldsOf(type: GraphQLObjectType | GraphQLInputObjectType): Record<string, string> {
  return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, String(f.type)]));
}

function keyOf(document: DocumentNode, typeName: string): string | undefined {
  for (const definition of document.definitions) {
    if (
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      definition.name.value === typeName
    ) {
      for (const directive of (definition as ObjectTypeDefinitionNode).directives ?? []) {
        if (directive.name.value === 'key') {
          const fields = directive.arguments?.find((a) => a.name.value === 'fields')?.value;
          if (fields?.kind === Kind.STRING) return fields.value;
        }
      }
    }
  }
  return undefined;
}

/**
 * Compares a subgraph's SDL with the contract (the SDL the kit produces for the same
 * contributor field) and returns one line per problem: contract types that differ, missing
 * contributor fields, and fields that could expose confidential data.
 */
export function checkConformance(candidateSdl: string, referenceSdl: string, contributorField: string): string[] {
  const problems: string[] = [];
  let candidate: ReturnType<typeof schemaOf>;
  try {
    candidate = schemaOf(candidateSdl);
  } catch (error) {
    return [`the SDL does not parse: ${(error as Error).message}`];
  }
  const reference = schemaOf(referenceSdl);

  for (const view of VIEWS) {
    const type = candidate.schema.getType(view.typeName);
    if (!type || !isObjectType(type)) {
      problems.push(`missing view type ${view.typeName}: the hub could not ask this source for ${view.kind}`);
      continue;
    }
    if (keyOf(candidate.document, view.typeName) !== 'scope')
      problems.push(`${view.typeName} must be an entity with @key(fields: "scope")`);
    const field = type.getFields()[contributorField];
    if (!field)
      problems.push(
        `${view.typeName} has no contributor field ${contributorField}: the source's ${view.kind} would never be asked for`,
      );
    else if (String(field.type) !== contributorFieldType(view)) {
      problems.push(
        `${view.typeName}.${contributorField} has type ${String(field.type)}; the contract says ${contributorFieldType(view)}` +
          (view.compact ? " (the contract codec's compact encoding, as the subgraph kit answers it)" : ''),
      );
    }
  }

  for (const refType of ownTypes(reference.schema)) {
    const type = candidate.schema.getType(refType.name);
    if (!type) continue; // absent types surface as missing views or composition errors
    if (isEnumType(refType)) {
      if (!isEnumType(type)) {
        problems.push(`${refType.name} must be an enum, as in the contract`);
        continue;
      }
      const want = refType
        .getValues()
        .map((v) => v.name)
        .join(', ');
      const got = type
        .getValues()
        .map((v) => v.name)
        .join(', ');
      if (want !== got) problems.push(`enum ${refType.name} has values ${got}; the contract says ${want}`);
      continue;
    }
    if ((isObjectType(refType) && isObjectType(type)) || (isInputObjectType(refType) && isInputObjectType(type))) {
      const want = fieldsOf(refType);
      const got = fieldsOf(type);
      const isView = VIEWS.some((v) => v.typeName === refType.name);
      for (const [name, typeString] of Object.entries(want)) {
        if (isView && name !== 'scope') continue; // contributor fields are checked above
        if (!(name in got)) problems.push(`${refType.name}.${name} is missing; the contract has ${name}: ${typeString}`);
        else if (got[name] !== typeString)
          problems.push(`${refType.name}.${name} has type ${got[name]}; the contract says ${typeString}`);
      }
    } else {
      problems.push(`${refType.name} is a different kind of type than in the contract`);
    }
  }

  for (const type of ownTypes(candidate.schema)) {
    const refType = reference.schema.getType(type.name);
    if (!isObjectType(type) && !isInputObjectType(type)) continue;
    const known = refType && (isObjectType(refType) || isInputObjectType(refType)) ? fieldsOf(refType) : {};
    for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>) {
      const names = [field.name, ...('args' in field ? field.args.map((a) => a.name) : [])];
      for (const name of names) {
        if (name in known || name === contributorField) continue;
        const exposure = confidentialExposure(name);
        if (exposure)
          problems.push(`${type.name}.${name} could expose ${exposure}: confidential fields must never leave the source`);
      }
      if (!(field.name in known) && field.name !== contributorField && refType && !VIEWS.some((v) => v.typeName === type.name)) {
        if (!confidentialExposure(field.name)) problems.push(`${type.name}.${field.name} is not in the contract`);
      }
    }
  }
  const query = candidate.schema.getQueryType();
  const referenceQuery = reference.schema.getQueryType();
  for (const field of Object.values(query?.getFields() ?? {})) {
    if (referenceQuery?.getFields()[field.name] || field.name === '_entities' || field.name === '_service') continue;
    const exposure = [field.name, ...field.args.map((a) => a.name)].map(confidentialExposure).find(Boolean);
    problems.push(
      exposure
        ? `Query.${field.name} could expose ${exposure}: confidential fields must never leave the source`
        : `Query.${field.name} is not in the contract: sources add no root fields (the system view owns them)`,
    );
  }
  return problems;
}

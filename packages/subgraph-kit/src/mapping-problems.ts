import {
  SOURCE_CATEGORIES,
  enumValues,
  AllegationType,
  InvestigationStatus,
  PaternityStatus,
  InvestigatingEntity,
  MemberStateResponse,
} from '@psea/contract';
import type { EnumMapping } from './sql/contract-mapping';
import type { SubgraphDefinition } from './subgraph-definition';

/**
 * What is wrong with a source's mapping, one line each: enum maps that are not one-to-one or
 * leave out contract values the source can be asked to store. Each subgraph's tests assert
 * this is empty.
 */
export function mappingProblems(definition: SubgraphDefinition): string[] {
  const problems: string[] = [];
  const check = <T extends string>(field: string, mapping: EnumMapping<T>, needed: readonly T[]) => {
    const values = Object.values(mapping.values) as T[];
    if (new Set(values).size !== values.length) problems.push(`${field}: two native codes map to the same contract value`);
    for (const value of needed) if (!values.includes(value)) problems.push(`${field}: no native code for ${value}`);
  };
  const { mapping } = definition;
  check('allegationType', mapping.allegationType, enumValues(AllegationType));
  check('personnelCategory', mapping.personnelCategory, SOURCE_CATEGORIES[definition.source] ?? []);
  check('investigationStatus', mapping.investigationStatus, enumValues(InvestigationStatus));
  check('paternity', mapping.paternity, enumValues(PaternityStatus));
  check('memberStateReferral.response', mapping.memberStateReferral.response, enumValues(MemberStateResponse));
  check('investigatingEntities', mapping.investigatingEntities, enumValues(InvestigatingEntity));
  const categories = Object.values(mapping.personnelCategory.values);
  for (const c of categories) {
    if (!(SOURCE_CATEGORIES[definition.source] ?? []).includes(c))
      problems.push(`personnelCategory: ${c} is not registered for this source`);
  }
  return problems;
}

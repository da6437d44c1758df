import {
  AllegationRecord,
  InvestigatingEntity as IE,
  InvestigationStatus as S,
  PersonnelCategory as P,
  Source,
  enumValues,
} from '@psea/contract';
import type { Random } from './random';

const STARTED: readonly S[] = [S.UNDER_INVESTIGATION, S.SUBSTANTIATED, S.NOT_SUBSTANTIATED, S.CLOSED_OTHER];
const CIVILIANS: readonly P[] = [P.CIVILIAN_INTERNATIONAL, P.CIVILIAN_NATIONAL, P.UN_VOLUNTEER];

/** The entities in the contract's order, as sources return them. */
function withEntity(entities: readonly IE[], added: IE): IE[] {
  return enumValues(IE).filter((e) => e === added || entities.includes(e));
}

/**
 * Joint investigations, synthetic like every record: some contingent allegations investigated
 * by the TCC or its NIO are investigated with OIOS, and some allegations against mission
 * civilians investigated by OIOS are investigated with the mission's own investigators. Only
 * who investigates changes, so every published figure stays as it was.
 */
export function addJointInvestigations(rng: Random, bySource: Map<Source, AllegationRecord[]>): void {
  for (const record of bySource.get(Source.PEACEKEEPING) ?? []) {
    if (!STARTED.includes(record.status)) continue;
    const [only] = record.investigatingEntities;
    if (record.investigatingEntities.length !== 1 || only === undefined) continue;
    if (record.personnelCategory === P.MILITARY_CONTINGENT && (only === IE.TCC || only === IE.NIO) && rng.chance(0.25))
      record.investigatingEntities = withEntity(record.investigatingEntities, IE.OIOS);
    else if (CIVILIANS.includes(record.personnelCategory) && only === IE.OIOS && rng.chance(0.2))
      record.investigatingEntities = withEntity(record.investigatingEntities, IE.ENTITY);
  }
}

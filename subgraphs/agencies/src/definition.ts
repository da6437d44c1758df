import { Source } from '@psea/contract';
import type { SubgraphDefinition } from '@psea/subgraph-kit';
import { caseFileMapping } from './case-files/case-file.mapper';
import { writeCaseFiles } from './case-files/case-file.writer';
import { InitialSchema1764460000000 } from './migrations/1764460000000-initial-schema';
import { JointInvestigations1764471000000 } from './migrations/1764471000000-joint-investigations';
import { NationalReferral1764900000000 } from './migrations/1764900000000-national-referral';

/** UN agencies, funds and programmes, and their implementing partners. */
export const agencies: SubgraphDefinition = {
  source: Source.AGENCIES,
  migrations: [InitialSchema1764460000000, JointInvestigations1764471000000, NationalReferral1764900000000],
  mapping: caseFileMapping,
  writeStaged: writeCaseFiles,
};

/**
 * The native model's reading as the contract: the mapping (SQL expressions over the native
 * tables), the writer (what the mapping reads, written back), and the test that checks the
 * mapping against the contract.
 */
export function reportFiles(): Record<string, string> {
  return {
    'src/reports/report.mapper.ts': `import type { ContractMapping } from '@psea/subgraph-kit';
import { CATEGORY, INVESTIGATORS, KIND, PATERNITY, STATE_RESPONSE, STATUS } from './report.codes';

/** How the report table reads as the common contract: SQL expressions over your tables. */
export const reportMapping: ContractMapping = {
  from: 'report r',
  id: 'r.id',
  reference: 'r.reference',
  entity: 'r.entity_code',
  reported: 'r.received_month',
  incident: 'r.incident_period',
  allegationType: KIND,
  personnelCategory: CATEGORY,
  nationality: 'r.nationality',
  perpetrators: 'r.subjects',
  perpetratorsMen: 'r.subjects_men',
  perpetratorsWomen: 'r.subjects_women',
  victims: {
    women: 'r.victims_women',
    girls: 'r.victims_girls',
    femaleUnknownAge: 'r.victims_female_unknown_age',
    men: 'r.victims_men',
    boys: 'r.victims_boys',
    maleUnknownAge: 'r.victims_male_unknown_age',
    unknown: 'r.victims_unknown',
  },
  investigatingEntities: INVESTIGATORS,
  investigationStatus: STATUS,
  investigationDays: 'r.investigation_days',
  investigationStarted: 'r.investigation_started',
  investigationCompleted: 'r.investigation_completed',
  interimActions: 'r.interim_actions',
  finalActions: 'r.final_actions',
  memberStateActions: 'r.state_actions',
  memberStateReferral: {
    referred: 'r.state_referral',
    notified: 'r.state_notified',
    nioRequested: 'r.nio_requested',
    nioAppointed: 'r.nio_appointed',
    response: STATE_RESPONSE,
    lastResponse: 'r.state_last_response',
  },
  paternity: PATERNITY,
  assistance: 'r.assistance',
  criminalReferral: 'r.criminal_referral',
  synthetic: 'r.synthetic',
};
`,
    'src/reports/report.writer.ts': `import { StagedRecords, WriteSummary, upsertSelect } from '@psea/subgraph-kit';
import type { EntityManager } from 'typeorm';

/** Stores staged records in the report table, set-wise: what the mapping reads, written back. */
export function writeReports(manager: EntityManager, staged: StagedRecords): Promise<WriteSummary> {
  return upsertSelect(
    manager,
    'report',
    'reference',
    [...staged.columns.direct.map((c) => c.name), 'entity_code', 'received_month'],
    \`SELECT \${staged.columns.directSelect('s').join(', ')}, s.entity, (s.reported || '-01')::date FROM \${staged.table} s ORDER BY s.line\`,
  );
}
`,
    'src/__tests__/mapping.test.ts': `import { mappingProblems } from '@psea/subgraph-kit';
import { definition } from '../index';

it('maps its native codes one-to-one onto every contract value it may store', () => {
  expect(mappingProblems(definition)).toEqual([]);
});
`,
  };
}

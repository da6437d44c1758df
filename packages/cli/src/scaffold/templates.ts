import type { SourceNames } from './names';

/**
 * The files of a new entity subgraph, built the way the three existing ones are: a native
 * model to adapt (one `report` table), its codes, the mapping onto the contract, the writer,
 * a migration, a mapping test, and a definition the kit runs (its port, contributor field and
 * database variable come from its entry in gateway/sources.json).
 */
export function subgraphFiles(n: SourceNames, migrationTimestamp: number, categories: readonly string[]): Record<string, string> {
  const m = `InitialSchema${migrationTimestamp}`;
  return {
    'package.json': `${JSON.stringify(
      {
        name: `@psea/subgraph-${n.slug}`,
        version: '0.1.0',
        private: true,
        main: 'dist/index.js',
        types: 'dist/index.d.ts',
        dependencies: {
          '@psea/contract': '0.1.0',
          '@psea/subgraph-kit': '0.1.0',
          'reflect-metadata': '^0.2.2',
          typeorm: '^0.3.27',
        },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        extends: '../../tsconfig.base.json',
        compilerOptions: { rootDir: 'src', outDir: 'dist', tsBuildInfoFile: 'dist/.tsbuildinfo' },
        include: ['src'],
        exclude: ['src/**/__tests__/**'],
        references: [{ path: '../../packages/contract' }, { path: '../../packages/subgraph-kit' }],
      },
      null,
      2,
    )}\n`,
    'src/main.ts': `import { runSubgraph } from '@psea/subgraph-kit';
import { ${n.camel} } from './definition';

runSubgraph(${n.camel});
`,
    'src/index.ts': `export { ${n.camel} as definition } from './definition';
`,
    'src/definition.ts': `import { Source } from '@psea/contract';
import type { SubgraphDefinition } from '@psea/subgraph-kit';
import { ${m} } from './migrations/${migrationTimestamp}-initial-schema';
import { reportMapping } from './reports/report.mapper';
import { writeReports } from './reports/report.writer';

/** The ${n.slug} source. */
export const ${n.camel}: SubgraphDefinition = {
  source: Source.${n.constant},
  migrations: [${m}],
  mapping: reportMapping,
  writeRecords: writeReports,
};
`,
    [`src/migrations/${migrationTimestamp}-initial-schema.ts`]: `import { countColumnsDdl, recordKeepingColumnsDdl } from '@psea/subgraph-kit';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The report table. Add your own tables and columns in new migrations. */
export class ${m} implements MigrationInterface {
  name = '${m}';

  async up(q: QueryRunner): Promise<void> {
    await q.query(\`
      CREATE TABLE report (
        id bigserial PRIMARY KEY,
        reference text NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 64),
        entity_code text NOT NULL,
        received_month date NOT NULL CHECK (extract(day from received_month) = 1),
        incident_period text CHECK (incident_period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
        kind text NOT NULL,
        category text NOT NULL,
        nationality char(3),
        subjects int CHECK (subjects >= 0),
        \${countColumnsDdl([
          'victims_women',
          'victims_girls',
          'victims_female_unknown_age',
          'victims_men',
          'victims_boys',
          'victims_male_unknown_age',
          'victims_unknown',
        ])},
        investigators text[] NOT NULL DEFAULT '{}',
        status text NOT NULL,
        investigation_days int CHECK (investigation_days >= 0),
        interim_actions text[] NOT NULL DEFAULT '{}',
        final_actions text[] NOT NULL DEFAULT '{}',
        paternity text NOT NULL DEFAULT 'none',
        assistance text[] NOT NULL DEFAULT '{}',
        criminal_referral boolean NOT NULL DEFAULT false,
        subjects_men int NOT NULL DEFAULT 0 CHECK (subjects_men >= 0),
        subjects_women int NOT NULL DEFAULT 0 CHECK (subjects_women >= 0),
        investigation_started date,
        investigation_completed date,
        state_actions text[] NOT NULL DEFAULT '{}',
        state_referral boolean NOT NULL DEFAULT false,
        state_notified date,
        nio_requested boolean NOT NULL DEFAULT false,
        nio_appointed boolean NOT NULL DEFAULT false,
        state_response text,
        state_last_response date,
        \${recordKeepingColumnsDdl()}
      )\`);
    await q.query('CREATE INDEX report_received_id ON report (received_month, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE report');
  }
}
`,
    'src/reports/report.codes.ts': `import {
  AllegationType,
  InvestigatingEntity,
  InvestigationStatus,
  MemberStateResponse,
  PaternityStatus,
  PersonnelCategory,
} from '@psea/contract';
import type { EnumListMapping, EnumMapping } from '@psea/subgraph-kit';

// Your native codes (left) and what they mean in the contract (right). One-to-one.

export const KIND: EnumMapping<AllegationType> = {
  sql: 'r.kind',
  values: { exploitation: AllegationType.SE, abuse: AllegationType.SA, other: AllegationType.OTHER, unknown: AllegationType.UNKNOWN },
};

export const CATEGORY: EnumMapping<PersonnelCategory> = {
  sql: 'r.category',
  values: {
${categories.map((c) => `    ${c.toLowerCase()}: PersonnelCategory.${c},`).join('\n')}
  },
};

// A list: a joint investigation (e.g. the TCC with OIOS) names each investigator.
export const INVESTIGATORS: EnumListMapping<InvestigatingEntity> = {
  list: true,
  sql: 'r.investigators',
  values: {
    OIOS: InvestigatingEntity.OIOS,
    TCC: InvestigatingEntity.TCC,
    PCC: InvestigatingEntity.PCC,
    NIO: InvestigatingEntity.NIO,
    own: InvestigatingEntity.ENTITY,
    state: InvestigatingEntity.MEMBER_STATE,
  },
};

export const STATUS: EnumMapping<InvestigationStatus> = {
  sql: 'r.status',
  values: {
    assessment: InvestigationStatus.PRELIMINARY_ASSESSMENT,
    review: InvestigationStatus.UNDER_REVIEW,
    investigation: InvestigationStatus.UNDER_INVESTIGATION,
    substantiated: InvestigationStatus.SUBSTANTIATED,
    unsubstantiated: InvestigationStatus.NOT_SUBSTANTIATED,
    closed: InvestigationStatus.CLOSED_OTHER,
  },
};

export const STATE_RESPONSE: EnumMapping<MemberStateResponse> = {
  sql: 'r.state_response',
  values: {
    none: MemberStateResponse.NONE,
    acknowledged: MemberStateResponse.ACKNOWLEDGED,
    investigating: MemberStateResponse.INVESTIGATING,
    'outcome reported': MemberStateResponse.OUTCOME_REPORTED,
  },
};

export const PATERNITY: EnumMapping<PaternityStatus> = {
  sql: 'r.paternity',
  values: {
    none: PaternityStatus.NONE,
    pending: PaternityStatus.PENDING,
    established: PaternityStatus.ESTABLISHED,
    'not established': PaternityStatus.NOT_ESTABLISHED,
  },
};
`,
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
    'src/reports/report.writer.ts': `import type { AllegationRecord } from '@psea/contract';
import { WriteSummary, directColumns, upsertRows } from '@psea/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { reportMapping } from './report.mapper';

const direct = directColumns(reportMapping, 'r');

/** Stores validated records in the report table: what the mapping reads, written back. */
export function writeReports(manager: EntityManager, records: readonly AllegationRecord[]): Promise<WriteSummary> {
  const rows = records.map((r) => ({ ...direct.values(r), entity_code: r.entity, received_month: \`\${r.reported}-01\` }));
  return upsertRows(
    manager,
    'report',
    'reference',
    [...direct.columns, { name: 'entity_code', type: 'text' }, { name: 'received_month', type: 'date' }],
    rows,
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

import {
  Allegation,
  AllegationType as T,
  FinalAction as A,
  InvestigatingEntity as IE,
  InvestigationStatus as S,
  MemberStateResponse as R,
  PersonnelCategory as P,
  Source,
} from '@psea/contract';
import { loadSubgraphDefinition, registeredSources } from '@psea/devstack';
import { KIT_MIGRATIONS, SubgraphDefinition, createDataSource, lookupStatement, toAllegation } from '@psea/subgraph-kit';
import { sql } from './support/database';
import { useTestCluster } from './support/test-cluster';
import { ROOT_DIR } from './support/test-hub';

/** The first accountability migration: everything before it is the schema the test fills. */
const FIRST_ACCOUNTABILITY_MIGRATION = 1764471000000;

function timestamp(migration: Function): number {
  return Number(/(\d{13})$/.exec(migration.name)?.[1]);
}

function definitionOf(source: Source): SubgraphDefinition {
  const registration = registeredSources(ROOT_DIR).find((s) => s.source === source);
  if (!registration) throw new Error(`${source} is not registered`);
  return loadSubgraphDefinition(ROOT_DIR, registration);
}

/** Applies migrations to a database, as a source does at start. */
async function migrate(url: string, definition: SubgraphDefinition, which: (m: Function) => boolean): Promise<void> {
  const dataSource = createDataSource({
    url,
    migrations: [...definition.migrations, ...KIT_MIGRATIONS].filter(which),
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/** Every record of the database, read through the source's contract mapping, by reference. */
async function readAll(url: string, definition: SubgraphDefinition): Promise<Map<string, Allegation>> {
  const ids = (await sql(url, `SELECT ${definition.mapping.id}::text AS id FROM ${definition.mapping.from}`)).map((r) =>
    String(r['id']),
  );
  const statement = lookupStatement(definition.mapping, ids);
  const rows = await sql(url, statement.text, statement.values);
  return new Map(
    rows.map((row) => {
      const allegation = toAllegation(definition.mapping, definition.source, row);
      return [allegation.reference, allegation];
    }),
  );
}

/** What a record that was not referred reads as, on fields the migrations add. */
const NOT_REFERRED = { memberStateReferral: null, perpetratorsMen: 0, perpetratorsWomen: 0 };
/** A referral recorded as a status before referral was a fact: the State notified, nothing more known. */
const MIGRATED_REFERRAL = {
  memberStateReferral: {
    notifiedMonth: null,
    nioRequested: false,
    nioAppointed: false,
    response: R.NONE,
    lastResponseMonth: null,
  },
};

interface Case {
  readonly source: Source;
  readonly database: string;
  /** Rows in the native schema as it was before the accountability migrations. */
  readonly fill: string[];
  /** The native table of records, and how many rows the fill writes. */
  readonly table: string;
  /** What each record reads as through the contract after the migrations (docs/accountability.md, "Migrations"). */
  readonly expected: Record<string, Partial<Allegation>>;
  /** Native columns that keep what a migration replaced, so `down` can restore it. */
  readonly kept: { sql: string; rows: Record<string, unknown>[] };
  /** Native columns a migration rewrote in place (checked through the contract instead). */
  readonly rewritten: readonly string[];
}

const CASES: Case[] = [
  {
    source: Source.PEACEKEEPING,
    database: 'migrate_peacekeeping',
    table: 'allegation',
    fill: [
      "INSERT INTO mission (code, name, kind) VALUES ('MINUSCA', 'MINUSCA', 'PKO')",
      "INSERT INTO contingent (mission_id, country_code, service) SELECT id, 'RWA', 'military' FROM mission",
      `INSERT INTO allegation (reference, mission_id, contingent_id, category, received_month, incident_year, incident_month,
         allegation_type, perpetrators, victims_girls, victims_women, investigated_by, status, investigation_days,
         interim_actions, final_actions, paternity, victim_assistance, referred_to_member_state, synthetic)
       SELECT 'PK-1', m.id, c.id, 'MC', '2016-03-01', 2016, 2, 'SA', 2, 1, 0, 'TCC', 'referred to member state', NULL,
         '{REPATRIATED}', '{REPATRIATION,JAILED}', 'pending', '{MEDICAL}', true, true FROM mission m, contingent c`,
      `INSERT INTO allegation (reference, mission_id, category, received_month, incident_year, allegation_type, perpetrators,
         victims_women, investigated_by, status, investigation_days, final_actions, paternity, synthetic)
       SELECT 'PK-2', id, 'INT', '2016-05-01', 2015, 'SE', 1, 2, 'OIOS', 'substantiated', 120, '{DISMISSAL,BARRED}', 'none', true
       FROM mission`,
      `INSERT INTO allegation (reference, mission_id, category, received_month, allegation_type, perpetrators,
         investigated_by, status, synthetic)
       SELECT 'PK-3', id, 'NS', '2017-01-01', 'SA', NULL, NULL, 'pending preliminary assessment', true FROM mission`,
    ],
    expected: {
      'PK-1': {
        entity: 'MINUSCA',
        reportedMonth: '2016-03',
        incidentPeriod: '2016-02',
        allegationType: T.SA,
        personnelCategory: P.MILITARY_CONTINGENT,
        nationality: 'RWA',
        perpetrators: 2,
        investigationStatus: S.UNDER_INVESTIGATION,
        investigatingEntities: [IE.TCC],
        interimActions: ['REPATRIATED' as never],
        finalActions: [A.REPATRIATION],
        memberStateActions: [A.JAILED],
        criminalReferral: true,
        paternity: 'PENDING' as never,
        assistance: ['MEDICAL' as never],
        synthetic: true,
        ...MIGRATED_REFERRAL,
      },
      'PK-2': {
        incidentPeriod: '2015',
        personnelCategory: P.CIVILIAN_INTERNATIONAL,
        nationality: null,
        investigationStatus: S.SUBSTANTIATED,
        investigationDays: 120,
        investigatingEntities: [IE.OIOS],
        finalActions: [A.DISMISSAL, A.BARRED],
        memberStateActions: [],
        criminalReferral: false,
        ...NOT_REFERRED,
      },
      'PK-3': {
        perpetrators: null,
        investigationStatus: S.PRELIMINARY_ASSESSMENT,
        investigatingEntities: [],
        ...NOT_REFERRED,
      },
    },
    rewritten: ['status', 'final_actions'],
    kept: {
      sql: 'SELECT reference, status_before_follow_up AS kept FROM allegation ORDER BY reference',
      rows: [
        { reference: 'PK-1', kept: 'referred to member state' },
        { reference: 'PK-2', kept: null },
        { reference: 'PK-3', kept: null },
      ],
    },
  },
  {
    source: Source.AGENCIES,
    database: 'migrate_agencies',
    table: 'case_file',
    fill: [
      "INSERT INTO agency (code, name) VALUES ('UNHCR', 'UNHCR')",
      "INSERT INTO office (agency_id, code, is_registry) SELECT id, 'UNHCR-REGISTRY', true FROM agency",
      `INSERT INTO case_file (case_number, office_id, personnel_type, received_year, received_month, incident_period,
         misconduct_type, subjects_count, female_minor, investigator, stage, duration_days, disciplinary_outcomes,
         referred_for_prosecution, synthetic)
       SELECT 'AG-1', id, 'partner', 2016, 7, '2016-06', 'abuse', 1, 2, 'national authorities', 'referred to national authorities',
         NULL, '{JAILED}', true, true FROM office`,
      `INSERT INTO case_file (case_number, office_id, personnel_type, received_year, received_month, misconduct_type,
         subjects_count, investigator, stage, duration_days, disciplinary_outcomes, synthetic)
       SELECT 'AG-2', id, 'staff', 2017, 1, 'exploitation', 1, 'own investigation service', 'substantiated', 200,
         '{SEPARATION}', true FROM office`,
      `INSERT INTO case_file (case_number, office_id, personnel_type, received_year, received_month, misconduct_type,
         investigator, stage, synthetic)
       SELECT 'AG-3', id, 'volunteer', 2017, 2, 'other', NULL, 'intake', true FROM office`,
    ],
    expected: {
      'AG-1': {
        entity: 'UNHCR',
        reportedMonth: '2016-07',
        personnelCategory: P.IMPLEMENTING_PARTNER,
        investigationStatus: S.UNDER_INVESTIGATION,
        investigatingEntities: [IE.MEMBER_STATE],
        finalActions: [],
        memberStateActions: [A.JAILED],
        criminalReferral: true,
        ...MIGRATED_REFERRAL,
      },
      'AG-2': {
        investigationStatus: S.SUBSTANTIATED,
        investigationDays: 200,
        investigatingEntities: [IE.ENTITY],
        finalActions: [A.SEPARATION],
        memberStateActions: [],
        ...NOT_REFERRED,
      },
      'AG-3': {
        allegationType: T.OTHER,
        personnelCategory: P.UN_VOLUNTEER,
        investigationStatus: S.PRELIMINARY_ASSESSMENT,
        investigatingEntities: [],
        ...NOT_REFERRED,
      },
    },
    rewritten: ['stage', 'disciplinary_outcomes'],
    kept: {
      sql: 'SELECT case_number AS reference, stage_before_referral_split AS kept FROM case_file ORDER BY case_number',
      rows: [
        { reference: 'AG-1', kept: 'referred to national authorities' },
        { reference: 'AG-2', kept: null },
        { reference: 'AG-3', kept: null },
      ],
    },
  },
  {
    source: Source.NON_UN_FORCES,
    database: 'migrate_non_un_forces',
    table: 'notification',
    fill: [
      "INSERT INTO reporting_state (code) VALUES ('FRA')",
      `INSERT INTO notification (reference, force_id, resolution_id, reporting_state, received_on, nature, members_involved,
         victims_girls, investigated_by, state_status, investigation_days, final_actions, synthetic)
       SELECT 'NF-1', f.id, r.id, 'FRA', '2016-02-01', 'sexual abuse', 3, 1, 'reporting State', 'before national courts', NULL,
         '{REPATRIATION,JAILED}', true FROM force f JOIN mandate_resolution r ON r.force_id = f.id WHERE f.code = 'SANGARIS'`,
      `INSERT INTO notification (reference, force_id, reporting_state, received_on, nature, members_involved, investigated_by,
         state_status, investigation_days, synthetic)
       SELECT 'NF-2', id, 'FRA', '2016-04-01', 'sexual exploitation', 1, 'force command', 'not substantiated', 90, true
       FROM force WHERE code = 'EUFOR-RCA'`,
      `INSERT INTO notification (reference, force_id, reporting_state, received_on, nature, investigated_by, state_status, synthetic)
       SELECT 'NF-3', id, 'FRA', '2017-03-01', 'unknown', NULL, 'information requested', true FROM force WHERE code = 'AMISOM'`,
    ],
    expected: {
      'NF-1': {
        entity: 'SANGARIS',
        // Service not recorded before resolution 2272 was modelled: kept as military (uniformed), State published.
        personnelCategory: P.NON_UN_FORCE,
        nationality: 'FRA',
        perpetrators: 3,
        investigationStatus: S.UNDER_INVESTIGATION,
        investigatingEntities: [IE.MEMBER_STATE],
        finalActions: [A.REPATRIATION],
        memberStateActions: [A.JAILED],
        ...MIGRATED_REFERRAL,
      },
      'NF-2': {
        entity: 'EUFOR-RCA',
        investigationStatus: S.NOT_SUBSTANTIATED,
        investigationDays: 90,
        investigatingEntities: [IE.ENTITY],
        ...NOT_REFERRED,
      },
      'NF-3': {
        allegationType: T.UNKNOWN,
        investigationStatus: S.PRELIMINARY_ASSESSMENT,
        investigatingEntities: [],
        ...NOT_REFERRED,
      },
    },
    rewritten: ['state_status', 'final_actions', 'investigated_by'],
    kept: {
      sql: 'SELECT reference, status_before_follow_up AS kept FROM notification ORDER BY reference',
      rows: [
        { reference: 'NF-1', kept: 'before national courts' },
        { reference: 'NF-2', kept: null },
        { reference: 'NF-3', kept: null },
      ],
    },
  },
];

describe('the accountability migrations over rows written before them', () => {
  const databases = useTestCluster();

  it.each(CASES.map((c) => [c.source, c] as const))(
    'migrates %s rows losing nothing, each read as the documented mapping says',
    async (_source, c) => {
      const definition = definitionOf(c.source);
      const url = await databases.cluster.ensureDatabase(c.database);
      await migrate(url, definition, (m) => timestamp(m) < FIRST_ACCOUNTABILITY_MIGRATION);
      // The schema really is the one before: the accountability columns do not exist yet.
      const before = await sql(url, `SELECT column_name FROM information_schema.columns WHERE table_name = '${c.table}'`);
      expect(before.map((r) => r['column_name'])).not.toContain('perpetrators_male');
      for (const statement of c.fill) await sql(url, statement);
      const rowsBefore = await sql(url, `SELECT * FROM ${c.table} ORDER BY id`);
      expect(rowsBefore).toHaveLength(3);

      await migrate(url, definition, () => true);

      const applied = await sql(url, 'SELECT name FROM schema_migrations ORDER BY id');
      expect(applied.map((r) => r['name'])).toEqual(
        expect.arrayContaining(definition.migrations.map((m) => (m as unknown as { name: string }).name)),
      );
      const rowsAfter = await sql(url, `SELECT * FROM ${c.table} ORDER BY id`);
      expect(rowsAfter.map((r) => r['id'])).toEqual(rowsBefore.map((r) => r['id']));
      // Every column the migrations did not replace holds what it held.
      const untouched = Object.keys(rowsBefore[0] ?? {}).filter((k) => k in (rowsAfter[0] ?? {}) && !c.rewritten.includes(k));
      const pick = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(untouched.map((k) => [k, r[k]])));
      expect(untouched.length).toBeGreaterThan(15);
      expect(pick(rowsAfter)).toEqual(pick(rowsBefore));
      expect(await sql(url, c.kept.sql)).toEqual(c.kept.rows);

      const read = await readAll(url, definition);
      expect([...read.keys()].sort()).toEqual(Object.keys(c.expected).sort());
      for (const [reference, fields] of Object.entries(c.expected)) {
        expect({ reference, ...read.get(reference) }).toMatchObject({ reference, ...fields });
      }
    },
    120_000,
  );
});

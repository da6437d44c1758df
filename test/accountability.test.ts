import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AllegationRecord,
  AllegationType,
  FinalAction,
  InvestigatingEntity,
  InvestigationStatus as S,
  MemberStateResponse as R,
  PaternityStatus,
  PersonnelCategory as P,
} from '@psea/contract';
import { exportColumns, recordToRow } from '@psea/subgraph-kit';
import { Role } from '@psea/contract';
import { sql } from './support/database';
import { psea } from './support/psea';
import { TestHub, startTestHub } from './support/test-hub';

const DAY = 86_400_000;
const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
/** The month `days` before today, 'YYYY-MM': open cases of known age bands, whenever the test runs. */
const monthAgo = (days: number) => new Date(today - days * DAY).toISOString().slice(0, 7);
const ageInDays = (month: string) => Math.round((today - Date.parse(`${month}-01T00:00:00Z`)) / DAY);

type Source = 'peacekeeping' | 'agencies' | 'non-un-forces';
interface Own extends AllegationRecord {
  source: Source;
}

function record(source: Source, n: number, fields: Partial<AllegationRecord>): Own {
  return {
    source,
    reference: `ACC-${source}-${n}`,
    entity: source === 'peacekeeping' ? 'MINUSCA' : source === 'agencies' ? 'UNHCR' : 'AMISOM',
    reported: '2021-03',
    incident: null,
    allegationType: AllegationType.SA,
    personnelCategory: source === 'peacekeeping' ? P.MILITARY_CONTINGENT : source === 'agencies' ? P.STAFF : P.NON_UN_FORCE,
    nationality: source === 'agencies' ? null : 'RWA',
    perpetrators: 1,
    perpetratorsMen: 1,
    perpetratorsWomen: 0,
    victims: { women: 1, girls: 0, femaleUnknownAge: 0, men: 0, boys: 0, maleUnknownAge: 0, unknown: 0 },
    investigatingEntities: [InvestigatingEntity.OIOS],
    status: S.NOT_SUBSTANTIATED,
    investigationDays: null,
    investigationStarted: null,
    investigationCompleted: null,
    interimActions: [],
    finalActions: [],
    memberStateActions: [],
    memberStateReferral: null,
    paternity: PaternityStatus.NONE,
    assistance: [],
    criminalReferral: false,
    synthetic: false,
    ...fields,
  };
}

const completed = (days: number, extra: Partial<AllegationRecord> = {}): Partial<AllegationRecord> => ({
  status: S.NOT_SUBSTANTIATED,
  investigationDays: days,
  investigationStarted: '2021-03',
  investigationCompleted: '2021-12',
  ...extra,
});
const referral = (response: R, nio = true): AllegationRecord['memberStateReferral'] => ({
  notified: '2021-04',
  nioRequested: nio,
  nioAppointed: nio && response !== R.NONE,
  response,
  lastResponse: response === R.NONE ? null : '2021-06',
});
const girl = { women: 0, girls: 1, femaleUnknownAge: 0, men: 0, boys: 0, maleUnknownAge: 0, unknown: 0 };

/** A dataset of the test's own (not the reference data): known referrals, responses, durations, perpetrator sexes. */
const RECORDS: Own[] = [
  record('peacekeeping', 1, {
    ...completed(45),
    status: S.SUBSTANTIATED,
    incident: '2021-01',
    perpetrators: 2,
    perpetratorsMen: 2,
    finalActions: [FinalAction.REPATRIATION],
    memberStateActions: [FinalAction.JAILED],
    memberStateReferral: referral(R.OUTCOME_REPORTED),
    // A joint investigation: the troop-contributing country with OIOS.
    investigatingEntities: [InvestigatingEntity.OIOS, InvestigatingEntity.TCC],
  }),
  record('peacekeeping', 2, { ...completed(200), incident: '2020', memberStateReferral: referral(R.ACKNOWLEDGED) }),
  record('peacekeeping', 3, { ...completed(95, { victims: girl }), memberStateReferral: referral(R.NONE, false) }),
  record('peacekeeping', 4, {
    status: S.UNDER_INVESTIGATION,
    reported: monthAgo(30),
    investigationStarted: monthAgo(30),
    memberStateReferral: {
      notified: monthAgo(30),
      nioRequested: true,
      nioAppointed: true,
      response: R.INVESTIGATING,
      lastResponse: monthAgo(30),
    },
  }),
  record('peacekeeping', 5, {
    status: S.PRELIMINARY_ASSESSMENT,
    reported: monthAgo(135),
    perpetrators: null,
    perpetratorsMen: 0,
    investigatingEntities: [],
  }),
  record('peacekeeping', 6, {
    personnelCategory: P.CIVILIAN_NATIONAL,
    nationality: null,
    ...completed(410),
    status: S.SUBSTANTIATED,
    incident: '2019-05',
    perpetratorsMen: 0,
    perpetratorsWomen: 1,
    finalActions: [FinalAction.DISMISSAL, FinalAction.BARRED],
    // The mission's own investigators with OIOS.
    investigatingEntities: [InvestigatingEntity.OIOS, InvestigatingEntity.ENTITY],
  }),
  record('agencies', 1, {
    ...completed(30),
    personnelCategory: P.IMPLEMENTING_PARTNER,
    perpetrators: 3,
    perpetratorsMen: 1,
    perpetratorsWomen: 1,
  }),
  record('agencies', 2, {
    ...completed(181),
    status: S.SUBSTANTIATED,
    finalActions: [FinalAction.SEPARATION],
    investigatingEntities: [InvestigatingEntity.ENTITY],
  }),
  record('agencies', 3, { status: S.UNDER_REVIEW, reported: monthAgo(270), incident: monthAgo(300).slice(0, 4) }),
  record('agencies', 4, { ...completed(800), victims: girl, personnelCategory: P.IMPLEMENTING_PARTNER }),
  record('non-un-forces', 1, {
    ...completed(60),
    status: S.SUBSTANTIATED,
    memberStateActions: [FinalAction.NATIONAL_SANCTIONS, FinalAction.CHILD_SUPPORT],
    memberStateReferral: referral(R.OUTCOME_REPORTED, false),
    investigatingEntities: [InvestigatingEntity.ENTITY, InvestigatingEntity.MEMBER_STATE],
  }),
  record('non-un-forces', 2, {
    personnelCategory: P.NON_UN_FORCE_CIVILIAN,
    nationality: null,
    status: S.UNDER_INVESTIGATION,
    reported: monthAgo(500),
  }),
  record('non-un-forces', 3, {
    personnelCategory: P.NON_UN_FORCE_POLICE,
    nationality: 'FRA',
    ...completed(120),
    memberStateReferral: referral(R.NONE, true),
  }),
];

const OPEN: readonly S[] = [S.PRELIMINARY_ASSESSMENT, S.UNDER_REVIEW, S.UNDER_INVESTIGATION];
const minors = (r: AllegationRecord) => r.victims.girls + r.victims.boys > 0;
/** The targets the test's gateway is configured with (not the UN's 180/90, so the configuration is what counts). */
const TARGETS = { TIMELINESS_TARGET_DAYS: '150', TIMELINESS_URGENT_TARGET_DAYS: '100' };
const target = (r: AllegationRecord) =>
  minors(r) ? Number(TARGETS.TIMELINESS_URGENT_TARGET_DAYS) : Number(TARGETS.TIMELINESS_TARGET_DAYS);
const tally = <K>(keys: K[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<K, number>());
/** Nearest-rank percentile, computed directly over every record. */
const exactPercentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.ceil(p * values.length) - 1] as number;
const binUpper = (days: number) => (days >= 720 ? 720 : Math.floor(days / 15) * 15 + 14);

describe('accountability: Member State follow-up, actors, headline lines and timeliness over a dataset of its own', () => {
  let t: TestHub;
  let dir: string;
  const statistics = async (groupBy: string[]) => {
    const { data, errors } = await t.gql(
      `query($g: [Dimension!]) { allegationStatistics(filter: { fromMonth: "2018-01" }, groupBy: $g) {
        total { allegations perpetrators perpetratorsMen perpetratorsWomen perpetratorsUnknownSex allegationsReferredToMemberState
          timeliness { completedInvestigations investigationDaysHistogram medianInvestigationDays p90InvestigationDays completedOverTarget
            openCases openUnder3Months open3To6Months open6To12Months openOver12Months openOverTarget } }
        rows { key { headlineLine incidentYear memberStateResponse actionActor finalAction investigatingEntity } counts { allegations } }
        complete timelinessTargets { days urgentDays } } }`,
      { g: groupBy },
    );
    expect(errors).toBeUndefined();
    return data.allegationStatistics;
  };
  const rowsBy = (rows: Array<{ key: Record<string, string | null>; counts: { allegations: number } }>, field: string) =>
    new Map(rows.map((r) => [r.key[field] ?? null, r.counts.allegations]));

  /** Writes the records of a source as a file of the current format and ingests it; the CLI's output. */
  const ingest = (source: Source, records: readonly AllegationRecord[]) => {
    const columns = exportColumns(false);
    const rows = records.map((r) => recordToRow(r));
    const file = join(dir, `${source}-${Date.now()}.csv`);
    writeFileSync(file, [columns.join(','), ...rows.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n'));
    const prefix = source.toUpperCase().replace(/-/g, '_');
    const result = psea(['ingest', '--source', source, file], {
      [`${prefix}_DATABASE_URL`]: t.hub.source(source).databaseUrl,
      SCREENING_KEY_FILE: t.hub.keys.screeningKey,
      [`${prefix}_PSEUDONYM_KEY_FILE`]: t.hub.source(source).pseudonymKeyFile,
    });
    return result.stdout + result.stderr;
  };

  beforeAll(async () => {
    t = await startTestHub({ env: { SEED_REFERENCE_DATA: 'never', ...TARGETS } });
    dir = mkdtempSync(join(tmpdir(), 'psea-accountability-'));
    for (const source of ['peacekeeping', 'agencies', 'non-un-forces'] as const) {
      expect(
        ingest(
          source,
          RECORDS.filter((r) => r.source === source),
        ),
      ).toMatch(/inserted/);
    }
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts perpetrators by sex and referrals on top of the statuses', async () => {
    const { total } = await statistics([]);
    const known = RECORDS.filter((r) => r.perpetrators !== null);
    expect(total.allegations).toBe(RECORDS.length);
    expect(total.perpetratorsMen).toBe(RECORDS.reduce((s, r) => s + r.perpetratorsMen, 0));
    expect(total.perpetratorsWomen).toBe(RECORDS.reduce((s, r) => s + r.perpetratorsWomen, 0));
    expect(total.perpetratorsUnknownSex).toBe(
      known.reduce((s, r) => s + (r.perpetrators ?? 0) - r.perpetratorsMen - r.perpetratorsWomen, 0),
    );
    expect(total.allegationsReferredToMemberState).toBe(RECORDS.filter((r) => r.memberStateReferral !== null).length);
  });

  it('groups by headline line, incident year and Member State response as the records say', async () => {
    const headline = (r: Own) =>
      r.source === 'non-un-forces'
        ? 'NON_UN_FORCES'
        : r.personnelCategory === P.IMPLEMENTING_PARTNER
          ? 'IMPLEMENTING_PARTNERS'
          : 'UN_PERSONNEL';
    const incident = (r: Own) =>
      r.incident === null
        ? 'UNKNOWN'
        : Number(r.incident.slice(0, 4)) >= Number(r.reported.slice(0, 4))
          ? 'REPORTING_YEAR'
          : 'EARLIER_YEAR';
    expect(rowsBy((await statistics(['HEADLINE_LINE'])).rows, 'headlineLine')).toEqual(tally(RECORDS.map(headline)));
    expect(rowsBy((await statistics(['INCIDENT_YEAR'])).rows, 'incidentYear')).toEqual(tally(RECORDS.map(incident)));
    expect(rowsBy((await statistics(['MEMBER_STATE_RESPONSE'])).rows, 'memberStateResponse')).toEqual(
      tally(RECORDS.map((r) => r.memberStateReferral?.response ?? null)),
    );
  });

  it('groups final actions by who took them: each actor once alone, each action under its actor with FINAL_ACTION', async () => {
    const actors = RECORDS.flatMap((r) => {
      const a = [...(r.finalActions.length ? ['UN'] : []), ...(r.memberStateActions.length ? ['MEMBER_STATE'] : [])];
      return a.length ? a : [null];
    });
    expect(rowsBy((await statistics(['ACTION_ACTOR'])).rows, 'actionActor')).toEqual(tally(actors));
    const pairs = RECORDS.flatMap((r) => {
      const p = [...r.finalActions.map((a) => `${a}/UN`), ...r.memberStateActions.map((a) => `${a}/MEMBER_STATE`)];
      return p.length ? p : ['null/null'];
    });
    const { rows } = await statistics(['FINAL_ACTION', 'ACTION_ACTOR']);
    expect(new Map(rows.map((r: any) => [`${r.key.finalAction}/${r.key.actionActor}`, r.counts.allegations]))).toEqual(
      tally(pairs),
    );
  });

  it('counts a joint investigation under each of its entities: INVESTIGATING_ENTITY rows count allegation-entity pairs', async () => {
    const pairs = RECORDS.flatMap((r) => (r.investigatingEntities.length ? r.investigatingEntities : [null]));
    const { rows, total } = await statistics(['INVESTIGATING_ENTITY']);
    expect(rowsBy(rows, 'investigatingEntity')).toEqual(tally(pairs));
    // The total counts each allegation once; the rows add up to more, by the joint investigations' extra entities.
    expect(total.allegations).toBe(RECORDS.length);
    const rowSum = rows.reduce((s: number, r: { counts: { allegations: number } }) => s + r.counts.allegations, 0);
    expect(rowSum - total.allegations).toBe(RECORDS.reduce((s, r) => s + Math.max(0, r.investigatingEntities.length - 1), 0));
    expect(rowSum - total.allegations).toBe(3);
    // Within each source too: the joint agencies and non-UN forces records count under both of their entities.
    const bySource = await t.gql(
      '{ allegationStatistics(filter: { fromMonth: "2018-01", sources: [NON_UN_FORCES] }, groupBy: [INVESTIGATING_ENTITY]) { total { allegations } rows { key { investigatingEntity } counts { allegations } } } }',
    );
    expect(bySource.data.allegationStatistics.total.allegations).toBe(3);
    expect(rowsBy(bySource.data.allegationStatistics.rows, 'investigatingEntity')).toEqual(
      tally(RECORDS.filter((r) => r.source === 'non-un-forces').flatMap((r) => r.investigatingEntities)),
    );
  });

  it('consolidates duration percentiles from the summed histograms, within one 15-day bin of the exact figure', async () => {
    const answer = await statistics([]);
    const { timeliness } = answer.total;
    expect(answer.timelinessTargets).toEqual({ days: 150, urgentDays: 100 });
    const days = RECORDS.flatMap((r) => (r.investigationDays === null ? [] : [r.investigationDays]));
    expect(timeliness.completedInvestigations).toBe(days.length);
    const median = exactPercentile(days, 0.5);
    const p90 = exactPercentile(days, 0.9);
    expect(timeliness.medianInvestigationDays).toBe(binUpper(median));
    expect(timeliness.p90InvestigationDays).toBe(binUpper(p90));
    expect(timeliness.medianInvestigationDays - median).toBeGreaterThanOrEqual(0);
    expect(timeliness.medianInvestigationDays - median).toBeLessThan(15);
    // The figures span the three sources: no single source's percentile is the system's.
    expect(new Set(RECORDS.filter((r) => r.investigationDays !== null).map((r) => r.source)).size).toBe(3);
    expect(timeliness.completedOverTarget).toBe(
      RECORDS.filter((r) => r.investigationDays !== null && r.investigationDays > target(r)).length,
    );
    // Against the UN's default targets (180, 90 when a minor is involved) the count would differ: the configuration is used.
    const overDefault = RECORDS.filter(
      (r) => r.investigationDays !== null && r.investigationDays > (minors(r) ? 90 : 180),
    ).length;
    expect(timeliness.completedOverTarget).not.toBe(overDefault);
  });

  it('ages open cases into bands against the targets', async () => {
    const { timeliness } = (await statistics([])).total;
    const open = RECORDS.filter((r) => OPEN.includes(r.status)).map((r) => ({ r, age: ageInDays(r.reported) }));
    expect(timeliness.openCases).toBe(open.length);
    expect([
      timeliness.openUnder3Months,
      timeliness.open3To6Months,
      timeliness.open6To12Months,
      timeliness.openOver12Months,
    ]).toEqual([
      open.filter((o) => o.age < 90).length,
      open.filter((o) => o.age >= 90 && o.age < 180).length,
      open.filter((o) => o.age >= 180 && o.age < 365).length,
      open.filter((o) => o.age >= 365).length,
    ]);
    expect([
      timeliness.openUnder3Months,
      timeliness.open3To6Months,
      timeliness.open6To12Months,
      timeliness.openOver12Months,
    ]).toEqual([1, 1, 1, 1]);
    expect(timeliness.openOverTarget).toBe(open.filter((o) => o.age > target(o.r)).length);
  });

  it('returns each referral, its follow-up and every investigating entity on the case record', async () => {
    const { data } = await t.gql(
      '{ allegations(filter: { fromMonth: "2018-01" }, first: 50) { items { reference investigatingEntities memberStateReferral { notifiedMonth nioRequested nioAppointed response lastResponseMonth } memberStateActions perpetratorsWomen } } }',
    );
    const byReference = new Map(data.allegations.items.map((i: any) => [i.reference, i]));
    for (const r of RECORDS) {
      const item: any = byReference.get(r.reference);
      expect(item.memberStateReferral).toEqual(
        r.memberStateReferral && {
          notifiedMonth: r.memberStateReferral.notified,
          nioRequested: r.memberStateReferral.nioRequested,
          nioAppointed: r.memberStateReferral.nioAppointed,
          response: r.memberStateReferral.response,
          lastResponseMonth: r.memberStateReferral.lastResponse,
        },
      );
      expect(item.memberStateActions).toEqual(r.memberStateActions);
      // Every investigating entity, in the contract's order whatever order the file gave.
      expect(item.investigatingEntities).toEqual(
        Object.values(InvestigatingEntity).filter((e) => r.investigatingEntities.includes(e)),
      );
      expect(item.perpetratorsWomen).toBe(r.perpetratorsWomen);
    }
  });

  it('lists referrals awaiting a Member State response longer than N days, by nationality, audited and role-checked', async () => {
    const awaiting = (days: number) =>
      RECORDS.filter(
        (r) => r.memberStateReferral?.response === R.NONE && ageInDays(r.memberStateReferral.notified ?? r.reported) > days,
      );
    const list = async (filter: string, token?: string) =>
      t.gql(
        `{ allegations(filter: { fromMonth: "2018-01", ${filter} }, first: 50) { items { reference nationality } } }`,
        undefined,
        token,
      );
    const { data } = await list('awaitingMemberStateResponseDays: 365');
    expect(data.allegations.items.map((i: any) => i.reference).sort()).toEqual(
      awaiting(365)
        .map((r) => r.reference)
        .sort(),
    );
    expect(awaiting(365)).toHaveLength(2);
    const fra = await list('awaitingMemberStateResponseDays: 365, nationalities: ["FRA"]');
    expect(fra.data.allegations.items).toEqual([{ reference: 'ACC-non-un-forces-3', nationality: 'FRA' }]);
    // Longer than any wait in the dataset: nothing.
    expect((await list(`awaitingMemberStateResponseDays: ${ageInDays('2021-04') + 40}`)).data.allegations.items).toEqual([]);

    const stats = await t.gql(
      '{ allegationStatistics(filter: { fromMonth: "2018-01", awaitingMemberStateResponseDays: 365 }, groupBy: [NATIONALITY]) { rows { key { nationality } counts { allegations } } } }',
    );
    expect(stats.data.allegationStatistics.rows).toEqual([
      { key: { nationality: 'FRA' }, counts: { allegations: 1 } },
      { key: { nationality: 'RWA' }, counts: { allegations: 1 } },
    ]);

    const audit = await sql(
      t.hub.source('non-un-forces').databaseUrl,
      "SELECT role, operation, scope FROM audit_log WHERE operation = 'page' ORDER BY id DESC LIMIT 1",
    );
    expect(audit[0]).toMatchObject({ role: 'coordinator', operation: 'page' });
    expect((audit[0]?.['scope'] as { filter: Record<string, unknown> }).filter['awaitingMemberStateResponseDays']).toBe(
      ageInDays('2021-04') + 40,
    );

    const author = await t.token({ role: Role.REPORT_AUTHOR, subject: 'carol' });
    expect((await list('awaitingMemberStateResponseDays: 365', author)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const authorStats = await t.gql(
      '{ allegationStatistics(filter: { awaitingMemberStateResponseDays: 365 }) { total { allegations } } }',
      undefined,
      author,
    );
    expect(authorStats.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      argument: 'filter.awaitingMemberStateResponseDays',
    });
    const negative = await list('awaitingMemberStateResponseDays: -1');
    expect(negative.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('keeps peacekeeping investigators in their own table: a re-load changes nothing, a changed list updates that allegation only', async () => {
    const mine = RECORDS.filter((r) => r.source === 'peacekeeping');
    expect(ingest('peacekeeping', mine)).toMatch(/6 rows: 0 inserted, 0 updated, 6 unchanged/);
    const investigators = async (reference: string) =>
      (
        await sql(
          t.hub.source('peacekeeping').databaseUrl,
          'SELECT i.investigator FROM allegation_investigator i JOIN allegation a ON a.id = i.allegation_id WHERE a.reference = $1 ORDER BY 1',
          [reference],
        )
      ).map((r) => r['investigator']);
    expect(await investigators('ACC-peacekeeping-1')).toEqual(['OIOS', 'TCC']);
    const changed = mine.map((r) =>
      r.reference === 'ACC-peacekeeping-2'
        ? { ...r, investigatingEntities: [InvestigatingEntity.OIOS, InvestigatingEntity.NIO] }
        : r,
    );
    expect(ingest('peacekeeping', changed)).toMatch(/6 rows: 0 inserted, 1 updated, 5 unchanged/);
    expect(await investigators('ACC-peacekeeping-2')).toEqual(['NIO', 'OIOS']);
    expect(ingest('peacekeeping', mine)).toMatch(/6 rows: 0 inserted, 1 updated, 5 unchanged/);
    expect(await investigators('ACC-peacekeeping-2')).toEqual(['OIOS']);
  }, 120_000);
});

import { ContributionStatus, SourceRegistration, Source, VIEWS, encodeStatisticsContribution, zeroCounts } from '@psea/contract';
import { decodedContributionsOf } from '../representation';

const SOURCES = [
  { source: Source.PEACEKEEPING, name: 'peacekeeping', contributorField: 'peacekeeping' },
  { source: Source.AGENCIES, name: 'agencies', contributorField: 'agencies' },
  { source: Source.NON_UN_FORCES, name: 'non-un-forces', contributorField: 'nonUnForces' },
] as unknown as SourceRegistration[];
const STATISTICS = VIEWS.find((v) => v.kind === 'statistics')!;

const ok = (source: Source, allegations: number) =>
  encodeStatisticsContribution({
    source,
    status: ContributionStatus.OK,
    total: { ...zeroCounts(), allegations },
    rows: [],
    dataVersion: '1',
  });

describe("the system view's reading of compact contributions", () => {
  it('decodes every source once per representation', () => {
    const contributions = decodedContributionsOf<{ total?: { allegations: number } }>(SOURCES, STATISTICS);
    const root = {
      scope: 's1.x',
      peacekeeping: ok(Source.PEACEKEEPING, 3),
      agencies: ok(Source.AGENCIES, 4),
      nonUnForces: ok(Source.NON_UN_FORCES, 5),
    };
    const first = contributions(root);
    expect(first.map((c) => c.total?.allegations)).toEqual([3, 4, 5]);
    expect(contributions(root)).toBe(first);
  });

  // Behind Apollo Router or a Hive planner without the hub's plugin, nothing checked the answer
  // before the system view: whatever does not decode must be a missing source, not figures.
  it.each<[string, unknown]>([
    ['absent (a planner that drops nulls)', undefined],
    ['null', null],
    ['an object, as fields', { source: 'AGENCIES', status: 'OK', total: { allegations: 4 } }],
    ["another source's", ok(Source.PEACEKEEPING, 4)],
    ['cut short', ok(Source.AGENCIES, 4).slice(0, -1)],
  ])('treats a contribution that is %s as that source unavailable', (_what, agencies) => {
    const contributions = decodedContributionsOf<{ source: Source; status: ContributionStatus }>(SOURCES, STATISTICS);
    const root = { scope: 's1.x', peacekeeping: ok(Source.PEACEKEEPING, 3), agencies, nonUnForces: ok(Source.NON_UN_FORCES, 5) };
    expect(contributions(root).map((c) => c.status)).toEqual([
      ContributionStatus.OK,
      ContributionStatus.UNAVAILABLE,
      ContributionStatus.OK,
    ]);
    expect(contributions(root)[1]).toEqual({ source: Source.AGENCIES, status: ContributionStatus.UNAVAILABLE });
  });
});

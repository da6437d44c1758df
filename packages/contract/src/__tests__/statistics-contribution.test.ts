import { buildSchema, Query, Resolver } from 'type-graphql';
import { GraphQLObjectType, getNamedType, isObjectType } from 'graphql';
import { ContributionStatus, InvestigationStatus, Source } from '../enums';
import { HISTOGRAM_BINS } from '../timeliness';
import { AllegationCounts } from '../types/allegation-counts.type';
import { StatisticsKey } from '../types/statistics-row.type';
import type { SourceStatistics } from '../types/contributions.type';
import {
  COUNT_LEAVES,
  MAX_CONTRIBUTION_ROWS,
  MalformedContribution,
  decodeStatisticsContribution,
  encodeStatisticsContribution,
} from '../statistics-contribution';

@Resolver()
class ProbeResolver {
  @Query(() => AllegationCounts, { nullable: true }) counts(): null {
    return null;
  }
  @Query(() => StatisticsKey, { nullable: true }) key(): null {
    return null;
  }
}

function leafPaths(type: GraphQLObjectType, prefix = ''): string[] {
  return Object.values(type.getFields()).flatMap((field) => {
    const named = getNamedType(field.type);
    const path = `${prefix}${field.name}`;
    return isObjectType(named) ? leafPaths(named, `${path}.`) : [path];
  });
}

/** Counts in which every leaf holds a different number, so a leaf carried into another shows. */
function distinctCounts(seed: number): AllegationCounts {
  let n = seed * 100;
  const next = () => ++n;
  const histogram = Array.from({ length: HISTOGRAM_BINS }, (_, i) => (i < 3 ? next() : 0));
  return {
    allegations: next(),
    victims: {
      women: next(),
      girls: next(),
      femaleUnknownAge: next(),
      men: next(),
      boys: next(),
      maleUnknownAge: next(),
      unknown: next(),
      total: next(),
      minors: next(),
    },
    allegationsInvolvingMinors: next(),
    perpetrators: next(),
    perpetratorsMen: next(),
    perpetratorsWomen: next(),
    perpetratorsUnknownSex: next(),
    allegationsWithUnknownPerpetrators: next(),
    allegationsReferredToMemberState: next(),
    syntheticAllegations: next(),
    timeliness: {
      completedInvestigations: next(),
      investigationDaysHistogram: histogram,
      medianInvestigationDays: seed % 2 ? null : next(),
      p90InvestigationDays: next(),
      completedOverTarget: next(),
      openCases: next(),
      openUnder3Months: next(),
      open3To6Months: next(),
      open6To12Months: next(),
      openOver12Months: next(),
      openOverTarget: next(),
    },
  };
}

const CONTRIBUTION: SourceStatistics = {
  source: Source.PEACEKEEPING,
  status: ContributionStatus.OK,
  total: distinctCounts(0),
  rows: [
    {
      key: { entity: 'MINUSCA', nationality: 'FRA', investigationStatus: InvestigationStatus.SUBSTANTIATED },
      counts: distinctCounts(1),
    },
    {
      key: { entity: 'MONUSCO', nationality: null, investigationStatus: InvestigationStatus.SUBSTANTIATED },
      counts: distinctCounts(2),
    },
  ],
  dataVersion: '42',
  answeredAt: '2026-11-30T22:00:00.000Z',
  submissions: [{ entity: 'MINUSCA', quarter: '2016Q1', closed: true, changedAt: '2026-01-01T00:00:00.000Z', dataVersion: '7' }],
};

/** The encoded payload, changed by hand, encoded again. */
function tampered(change: (payload: Record<string, any>) => void, from: SourceStatistics = CONTRIBUTION): string {
  const encoded = encodeStatisticsContribution(from);
  const payload = JSON.parse(encoded.slice(3)) as Record<string, any>;
  change(payload);
  return encoded.slice(0, 3) + JSON.stringify(payload);
}

describe('the compact statistics contribution', () => {
  it('names every leaf of AllegationCounts, and only those', async () => {
    const schema = await buildSchema({ resolvers: [ProbeResolver], validate: false });
    const type = schema.getType('AllegationCounts') as GraphQLObjectType;
    expect(COUNT_LEAVES.map(([path]) => path).sort()).toEqual(leafPaths(type).sort());
  });

  it('carries a contribution to the system view unchanged, every count in its own place', () => {
    const decoded = decodeStatisticsContribution(encodeStatisticsContribution(CONTRIBUTION), Source.PEACEKEEPING);
    expect(decoded).toEqual(CONTRIBUTION);
  });

  it('is one string, with a key column only for the key fields the rows set', () => {
    const encoded = encodeStatisticsContribution(CONTRIBUTION);
    expect(encoded.startsWith('c1.')).toBe(true);
    expect(Object.keys(JSON.parse(encoded.slice(3)).rows.keys).sort()).toEqual(['entity', 'investigationStatus', 'nationality']);
  });

  it('is much smaller than the same rows as GraphQL objects', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      key: { entity: `E${i % 13}`, nationality: 'FRA', investigationStatus: InvestigationStatus.SUBSTANTIATED },
      counts: distinctCounts(i),
    }));
    const wide = { ...CONTRIBUTION, rows };
    expect(encodeStatisticsContribution(wide).length).toBeLessThan(JSON.stringify(wide).length / 2);
    expect(decodeStatisticsContribution(encodeStatisticsContribution(wide), Source.PEACEKEEPING).rows).toEqual(rows);
  });

  it('writes a cached table once: a later answer with the same rows differs only in its own fields', () => {
    const later = { ...CONTRIBUTION, answeredAt: '2026-12-01T08:00:00.000Z', dataVersion: '43' };
    const first = encodeStatisticsContribution(CONTRIBUTION);
    const second = encodeStatisticsContribution(later);
    expect(second.slice(second.indexOf('"rows":'))).toBe(first.slice(first.indexOf('"rows":')));
    expect(decodeStatisticsContribution(second, Source.PEACEKEEPING)).toEqual(later);
    expect(
      decodeStatisticsContribution(encodeStatisticsContribution({ ...CONTRIBUTION, rows: null }), Source.PEACEKEEPING),
    ).toEqual({ ...CONTRIBUTION, rows: null });
  });

  it('carries EXCLUDED and UNAVAILABLE contributions without figures', () => {
    for (const status of [ContributionStatus.EXCLUDED, ContributionStatus.UNAVAILABLE]) {
      const encoded = encodeStatisticsContribution({ source: Source.AGENCIES, status });
      expect(decodeStatisticsContribution(encoded, Source.AGENCIES)).toEqual({ source: Source.AGENCIES, status });
    }
  });

  it.each<[string, unknown]>([
    ['a null', null],
    ['an object (a contribution as fields)', { source: 'PEACEKEEPING', status: 'OK' }],
    ['another version', 'c2.' + encodeStatisticsContribution(CONTRIBUTION).slice(3)],
    ['no prefix', encodeStatisticsContribution(CONTRIBUTION).slice(3)],
    ['truncated JSON', encodeStatisticsContribution(CONTRIBUTION).slice(0, -5)],
    ['another kind', tampered((p) => (p['kind'] = 'page'))],
    ['an unknown status', tampered((p) => (p['status'] = 'MAYBE'))],
    ['a negative count in the total', tampered((p) => (p['total'][0] = -1))],
    ['a fractional count in a row', tampered((p) => (p['rows']['counts'][3][1] = 1.5))],
    ['a count as a string', tampered((p) => (p['rows']['counts'][0][0] = '3'))],
    ['a missing count column', tampered((p) => p['rows']['counts'].pop())],
    ['a short count column', tampered((p) => p['rows']['counts'][5].pop())],
    ['a histogram of too many bins', tampered((p) => (p['rows']['counts'][20][0] = Array(HISTOGRAM_BINS + 1).fill(1)))],
    ['a short key column', tampered((p) => p['rows']['keys']['entity'].pop())],
    ['an unknown key field', tampered((p) => (p['rows']['keys']['victimName'] = ['x', 'y']))],
    ['an unknown enum value in a key', tampered((p) => (p['rows']['keys']['investigationStatus'][0] = 'DROPPED'))],
    ['a nationality that is not alpha-3', tampered((p) => (p['rows']['keys']['nationality'][0] = 'France'))],
    ['more rows than any source may send', tampered((p) => (p['rows']['n'] = MAX_CONTRIBUTION_ROWS + 1))],
    ['a row count that disagrees with the columns', tampered((p) => (p['rows']['n'] = 3))],
    ['a bad data version', tampered((p) => (p['dataVersion'] = 'latest'))],
    ['a bad submission', tampered((p) => (p['submissions'][0][2] = 'yes'))],
    ['a total that is not an array', tampered((p) => (p['total'] = { allegations: 1 }))],
  ])('refuses %s as malformed, never as figures', (_what, encoded) => {
    expect(() => decodeStatisticsContribution(encoded, Source.PEACEKEEPING)).toThrow(MalformedContribution);
  });

  it("refuses another source's contribution", () => {
    expect(() => decodeStatisticsContribution(encodeStatisticsContribution(CONTRIBUTION), Source.AGENCIES)).toThrow(
      /source PEACEKEEPING where AGENCIES was asked/,
    );
  });

  it('refuses an oversized contribution before parsing it', () => {
    const encoded = encodeStatisticsContribution(CONTRIBUTION);
    expect(() => decodeStatisticsContribution(encoded, Source.PEACEKEEPING, encoded.length - 1)).toThrow(/longer than/);
    expect(decodeStatisticsContribution(encoded, Source.PEACEKEEPING, encoded.length)).toEqual(CONTRIBUTION);
  });
});

import { ContributionStatus, Dimension, InvestigationStatus, Source } from '../enums';
import { addCounts, victimCounts, zeroCounts } from '../consolidation/counts';
import { compareRows, completeKey, consolidateStatistics } from '../consolidation/consolidate-statistics';
import { HISTOGRAM_BINS, TIMELINESS_COUNTS, timelinessOf } from '../timeliness';
import type { AllegationCounts } from '../types/allegation-counts.type';
import type { SourceStatistics } from '../types/contributions.type';
import type { StatisticsRow } from '../types/statistics-row.type';
import { MalformedContribution, decodeStatisticsContribution, encodeStatisticsContribution } from '../statistics-contribution';

/** A small deterministic generator (the reference data's Random lives in another package). */
function generator(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return (s >>> 8) % n; // the high bits: an LCG's low bits cycle fast
  };
}

function randomCounts(int: (n: number) => number): AllegationCounts {
  const histogram = Array.from({ length: HISTOGRAM_BINS }, (_, i) => (i % 7 === int(7) ? int(4) : 0));
  return {
    ...zeroCounts(),
    allegations: 1 + int(40),
    victims: victimCounts({
      women: int(5),
      girls: int(5),
      femaleUnknownAge: int(3),
      men: int(2),
      boys: int(4),
      maleUnknownAge: int(2),
      unknown: int(2),
    }),
    allegationsInvolvingMinors: int(9),
    perpetrators: int(30),
    perpetratorsMen: int(20),
    perpetratorsWomen: int(5),
    perpetratorsUnknownSex: int(5),
    allegationsWithUnknownPerpetrators: int(6),
    allegationsReferredToMemberState: int(6),
    syntheticAllegations: int(40),
    timeliness: timelinessOf(() => int(12), histogram),
  };
}

const GROUP_BY = [Dimension.ENTITY, Dimension.NATIONALITY, Dimension.INVESTIGATION_STATUS];
const ENTITIES = ['MINUSCA', 'MONUSCO', 'UNHCR', 'AMISOM'];
const NATIONALITIES = [null, 'FRA', 'KEN', 'UGA'];
const STATUSES = Object.values(InvestigationStatus);

/** A source's table with random keys (some shared with the other sources, some its own) and counts. */
function randomContribution(source: Source, int: (n: number) => number): SourceStatistics {
  const seen = new Set<string>();
  const rows: StatisticsRow[] = [];
  for (let i = 0; i < 120; i++) {
    const values = {
      entity: ENTITIES[int(ENTITIES.length)] as string,
      nationality: NATIONALITIES[int(NATIONALITIES.length)] ?? null,
      investigationStatus: STATUSES[int(STATUSES.length)] as InvestigationStatus,
    };
    const id = JSON.stringify(values);
    if (seen.has(id)) continue;
    seen.add(id);
    rows.push({ key: completeKey(GROUP_BY, values), counts: randomCounts(int) });
  }
  const total = rows.reduce((sum, r) => addCounts(sum, r.counts), zeroCounts());
  return { source, status: ContributionStatus.OK, total, rows, dataVersion: null, answeredAt: null, submissions: null };
}

/** The consolidation written plainly: key objects as JSON, counts added pairwise with addCounts. */
function pairwise(contributions: readonly SourceStatistics[]): StatisticsRow[] {
  const rows = new Map<string, StatisticsRow>();
  for (const c of contributions)
    for (const row of c.rows ?? []) {
      const key = completeKey(GROUP_BY, row.key);
      const id = JSON.stringify(
        GROUP_BY.map(
          (d) => key[d === Dimension.ENTITY ? 'entity' : d === Dimension.NATIONALITY ? 'nationality' : 'investigationStatus'],
        ),
      );
      const seen = rows.get(id);
      rows.set(id, { key, counts: seen ? addCounts(seen.counts, row.counts) : addCounts(zeroCounts(), row.counts) });
    }
  return [...rows.values()].sort(compareRows(GROUP_BY));
}

describe('consolidating wide tables', () => {
  it('sums decoded contributions exactly as adding their rows pairwise, percentiles recomputed', () => {
    for (const seed of [1, 2, 3]) {
      const int = generator(seed);
      const built = [Source.PEACEKEEPING, Source.AGENCIES, Source.NON_UN_FORCES].map((s) => randomContribution(s, int));
      const decoded = built.map((c) => decodeStatisticsContribution(encodeStatisticsContribution(c), c.source));
      const expected = pairwise(built);
      expect(expected.length).toBeGreaterThan(60);
      expect(consolidateStatistics(GROUP_BY, decoded).rows).toEqual(expected);
      // Contributions built as objects (not decoded) take the same sum.
      expect(consolidateStatistics(GROUP_BY, built).rows).toEqual(expected);
      // Mixed: one decoded, two as objects.
      expect(consolidateStatistics(GROUP_BY, [decoded[0]!, built[1]!, built[2]!]).rows).toEqual(expected);
    }
  });

  it('keeps null and the text "null" apart, and a value that contains the separator', () => {
    const counts = randomCounts(generator(9));
    const row = (entity: string, nationality: string | null): StatisticsRow => ({
      key: completeKey(GROUP_BY, { entity, nationality, investigationStatus: InvestigationStatus.SUBSTANTIATED }),
      counts,
    });
    const c: SourceStatistics = {
      source: Source.AGENCIES,
      status: ContributionStatus.OK,
      total: counts,
      rows: [row('A,', null), row('A', null), row('null', null), row('A', 'FRA')],
    };
    expect(consolidateStatistics(GROUP_BY, [c]).rows).toHaveLength(4);
  });

  it('gives a decoded table’s rows as objects when read, JSON included', () => {
    const c = randomContribution(Source.PEACEKEEPING, generator(5));
    const decoded = decodeStatisticsContribution(encodeStatisticsContribution(c), c.source);
    expect(decoded.rows?.map((r) => ({ key: completeKey(GROUP_BY, r.key), counts: r.counts }))).toEqual(c.rows);
    // JSON (the statistics cache, perSource) sees the rows too.
    expect(JSON.parse(JSON.stringify(decoded)).rows).toHaveLength(c.rows?.length ?? -1);
    expect(TIMELINESS_COUNTS.every((f) => typeof decoded.total?.timeliness[f] === 'number')).toBe(true);
  });
});

describe('decoding a contribution once per process', () => {
  it('hands the system view the value the gateway validated from the same text, once', () => {
    const text = encodeStatisticsContribution(randomContribution(Source.AGENCIES, generator(7)));
    const judged = decodeStatisticsContribution(text, Source.AGENCIES);
    const used = decodeStatisticsContribution(text, Source.AGENCIES);
    expect(used).toBe(judged);
    // Forgotten once taken: a third decode validates afresh, to an equal value.
    const again = decodeStatisticsContribution(text, Source.AGENCIES);
    expect(again).not.toBe(judged);
    expect(again).toEqual(judged);
  });

  it('still refuses a remembered text asked as another source’s, and any altered text', () => {
    const text = encodeStatisticsContribution(randomContribution(Source.AGENCIES, generator(8)));
    decodeStatisticsContribution(text, Source.AGENCIES);
    expect(() => decodeStatisticsContribution(text, Source.PEACEKEEPING)).toThrow(MalformedContribution);
    const negative = text.replace(/"n":(\d+),"keys"/, (_, n) => `"n":${Number(n) + 1},"keys"`);
    expect(negative).not.toBe(text);
    expect(() => decodeStatisticsContribution(negative, Source.AGENCIES)).toThrow(MalformedContribution);
  });
});

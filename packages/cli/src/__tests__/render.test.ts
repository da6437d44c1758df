import { renderCsv } from '../report/render';
import type { Annex, Table } from '../report/annex';
import { quarterRanges } from '../report/source-provenance';
import { submissionChanges } from '../report/edition-diff';

describe("the report's CSV", () => {
  const table = {
    id: 't',
    title: 't',
    columns: ['entity', 'allegations'],
    rows: [
      ['=HYPERLINK("x")', 3],
      ['-1+2', 1],
      ['MINUSCA', 52],
    ],
    rowKinds: ['item', 'item', 'item'],
    filter: 'all allegations received in 2016',
    notices: ['=cmd|notice'],
  };
  const annex = {
    periodWords: '2016',
    producedAt: '2017-01-01T00:00:00Z',
    sourcesIncluded: ['PEACEKEEPING'],
    complete: true,
    missingSources: [],
    notices: [],
  };
  const lines = renderCsv(table as unknown as Table, annex as unknown as Annex)
    .trimEnd()
    .split('\n');

  it('writes a cell a spreadsheet would run as a formula with a leading apostrophe, the value kept', () => {
    const data = lines.filter((l) => !l.startsWith('# '));
    expect(data).toEqual(['entity,allegations', `"'=HYPERLINK(""x"")",3`, "'-1+2,1", 'MINUSCA,52']);
  });

  it('opens with # comment lines: title and period, what is counted, production, completeness, notices', () => {
    const comments = lines.filter((l) => l.startsWith('# '));
    expect(comments[0]).toBe('# t, 2016');
    expect(comments).toContain('# Period: 2016. Counts: all allegations received in 2016.');
    expect(comments.some((l) => l.startsWith('# Produced ') && l.includes('2017-01-01T00:00:00Z'))).toBe(true);
    expect(comments.some((l) => l.startsWith('# Complete: every source answered'))).toBe(true);
    expect(comments).toContain('# =cmd|notice');
    expect(lines.indexOf('entity,allegations')).toBe(comments.length);
  });
});

describe('submission status in footers and diffs', () => {
  it('writes consecutive quarters as a range and the others one by one', () => {
    expect(quarterRanges(['2016Q4'])).toBe('2016Q4');
    expect(quarterRanges(['2015Q1', '2014Q4', '2014Q3', '2016Q2'])).toBe('2014Q3 to 2015Q1, 2016Q2');
  });

  it('lists the quarters each entity closed or reopened between two editions', () => {
    const a = [
      { entity: 'UNMISS', quarters: ['2016Q3', '2016Q4'] },
      { entity: 'UNHCR', quarters: ['2016Q4'] },
    ];
    const b = [
      { entity: 'UNMISS', quarters: ['2016Q3'] },
      { entity: 'MINUSCA', quarters: ['2016Q1'] },
    ];
    expect(submissionChanges(a, b)).toEqual([
      'submission PEACEKEEPING MINUSCA: reopened 2016Q1',
      'submission AGENCIES UNHCR: closed 2016Q4',
      'submission PEACEKEEPING UNMISS: closed 2016Q4',
    ]);
    expect(submissionChanges(a, a)).toEqual([]);
  });
});

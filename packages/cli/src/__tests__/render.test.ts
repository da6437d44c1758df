import { renderCsv } from '../report/render';
import type { Annex, Table } from '../report/annex';

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

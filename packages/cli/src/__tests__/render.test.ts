import { renderCsv } from '../report/render';
import type { Annex, Table } from '../report/annex-tables';

describe("the report's CSV", () => {
  it('writes a cell a spreadsheet would run as a formula with a leading apostrophe, the value kept', () => {
    const table = {
      title: 't',
      columns: ['entity', 'allegations'],
      rows: [
        ['=HYPERLINK("x")', 3],
        ['-1+2', 1],
        ['MINUSCA', 52],
      ],
    };
    const annex = { producedAt: '2017-01-01T00:00:00Z', sourcesIncluded: ['PEACEKEEPING'], complete: true, missingSources: [] };
    const lines = renderCsv(table as unknown as Table, annex as unknown as Annex)
      .trimEnd()
      .split('\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")",3,2017-01-01T00:00:00Z,PEACEKEEPING,complete`);
    expect(lines[2]).toBe("'-1+2,1,2017-01-01T00:00:00Z,PEACEKEEPING,complete");
    expect(lines[3]).toBe('MINUSCA,52,2017-01-01T00:00:00Z,PEACEKEEPING,complete');
  });
});

import { asOfText } from '../provenance/record-history';
import type { ContractMapping } from '../sql/contract-mapping';

const mapping = { from: 'allegation a JOIN mission m ON m.id = a.mission_id' } as ContractMapping;

describe('statements as of a data version', () => {
  it('shadows every table the mapping reads with its rows valid at that version', () => {
    const text = asOfText('SELECT count(*) FROM allegation a JOIN mission m ON m.id = a.mission_id', mapping, '42');
    expect(text).toMatch(
      /^WITH "allegation" AS \(SELECT \(jsonb_populate_record\(NULL::public\."allegation", h\.row_data\)\)\.\* /,
    );
    expect(text).toContain(`"mission" AS (`);
    expect(text.match(/h\.valid_from <= 42 AND \(h\.valid_to IS NULL OR h\.valid_to > 42\)/g)).toHaveLength(2);
    expect(text.endsWith(' SELECT count(*) FROM allegation a JOIN mission m ON m.id = a.mission_id')).toBe(true);
  });

  it("joins a statement's own common table expressions", () => {
    expect(asOfText('WITH x AS (SELECT 1) SELECT * FROM x', mapping, '1')).toMatch(
      /^WITH "allegation" AS .*, x AS \(SELECT 1\) SELECT \* FROM x$/,
    );
  });

  it('refuses anything but a whole number, since the version is written into the SQL', () => {
    for (const bad of ['1; DROP TABLE allegation', '-1', '1.5', '', '0x10'])
      expect(() => asOfText('SELECT 1', mapping, bad)).toThrow(/not a data version/);
  });
});

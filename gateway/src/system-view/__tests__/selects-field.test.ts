import { parse } from 'graphql';
import { selectsField } from '../selects-field';

const NAMES = ['submissions', 'unsubmittedEntities'];
const selects = (query: string) => selectsField(parse(query), 'allegationStatistics', NAMES);

describe('selectsField: what the client asked of a root field', () => {
  it('sees a field selected directly, under an alias, or nested in a source’s own part', () => {
    expect(selects('{ allegationStatistics { unsubmittedEntities { entity } } }')).toBe(true);
    expect(selects('{ a: allegationStatistics { submissions { entity } } }')).toBe(true);
    expect(selects('{ allegationStatistics { perSource { submissions { entity } } } }')).toBe(true);
  });

  it('sees it through fragments and inline fragments, and across aliases of one operation', () => {
    expect(selects('{ allegationStatistics { ...F } } fragment F on StatisticsView { submissions { entity } }')).toBe(true);
    expect(selects('{ allegationStatistics { ... on StatisticsView { unsubmittedEntities { entity } } } }')).toBe(true);
    expect(
      selects('{ a: allegationStatistics { total { allegations } } b: allegationStatistics { submissions { entity } } }'),
    ).toBe(true);
  });

  it('says no when only figures and versions are asked, or the field is under another root', () => {
    expect(selects('{ allegationStatistics { total { allegations } provenance { dataVersion } } }')).toBe(false);
    expect(selects('{ allegations { provenance { dataVersion } } }')).toBe(false);
    // A fragment that refers to itself is walked once.
    expect(selects('{ allegationStatistics { ...F } } fragment F on StatisticsView { scope ...F }')).toBe(false);
  });
});

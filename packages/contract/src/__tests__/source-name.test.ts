import { parseAllegationId } from '../allegation-id';
import { Source } from '../enums';
import { isSourceName } from '../source-identity';

describe('source names', () => {
  it('takes lower-case words of letters and digits joined by hyphens, as psea new-subgraph does', () => {
    for (const name of ['peacekeeping', 'non-un-forces', 'bench-04', 'unit2', 'a-1-b']) expect(isSourceName(name)).toBe(true);
    for (const name of ['Bench', '-x', 'x-', 'a--b', '4x', 'a_b', 'a b', '']) expect(isSourceName(name)).toBe(false);
  });

  it('reads back the global ids of registered sources', () => {
    expect(parseAllegationId('non-un-forces:42')).toEqual({ source: Source.NON_UN_FORCES, nativeId: '42' });
  });

  it('refuses a global id of a well-formed name no source is registered under, naming the argument', () => {
    expect(() => parseAllegationId('bench-04:270', 'after')).toThrow(
      /expected an allegation id such as 'peacekeeping:42', got "bench-04:270"/,
    );
  });
});

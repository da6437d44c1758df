import { ContributionStatus, Source } from '../../enums';
import type { SourceStatistics } from '../../types/contributions.type';
import { MalformedContribution, decodeStatisticsContribution, encodeStatisticsContribution } from '../../statistics-contribution';
import { AWAITING_CHARACTERS, AWAITING_ENTRIES, LONGEST_AWAITING, sharedDecode } from '../shared-decode';

/** A decode that counts its calls and answers a fresh value each time, so a shared one shows. */
function countingDecode(source: Source) {
  const calls: string[] = [];
  const decode = (text: string): SourceStatistics => {
    calls.push(text);
    return { source, status: ContributionStatus.EXCLUDED };
  };
  return { calls, decode };
}

let unique = 0;
/** A text no other test has used (the memo lives as long as the module). */
const fresh = (length = 16) => `t${++unique}-`.padEnd(length, 'x');

describe('the memo of decoded contributions', () => {
  it("gives the second decode of a text the first one's value, once", () => {
    const { calls, decode } = countingDecode(Source.PEACEKEEPING);
    const text = fresh();
    const first = sharedDecode(text, Source.PEACEKEEPING, decode);
    const second = sharedDecode(text, Source.PEACEKEEPING, decode);
    expect(second).toBe(first);
    expect(calls).toHaveLength(1);
    const third = sharedDecode(text, Source.PEACEKEEPING, decode);
    expect(third).not.toBe(first);
    expect(calls).toHaveLength(2);
  });

  it('never answers for another source: the same text asked for another is validated afresh, and refused', () => {
    const text = encodeStatisticsContribution({ source: Source.PEACEKEEPING, status: ContributionStatus.EXCLUDED });
    const decoded = decodeStatisticsContribution(text, Source.PEACEKEEPING);
    expect(() => decodeStatisticsContribution(text, Source.AGENCIES)).toThrow(MalformedContribution);
    expect(() => decodeStatisticsContribution(text, Source.AGENCIES)).toThrow(/source PEACEKEEPING where AGENCIES was asked/);
    // The refusal did not disturb the value waiting for its own source.
    expect(decodeStatisticsContribution(text, Source.PEACEKEEPING)).toBe(decoded);
  });

  it('keeps nothing the decoder refused: a malformed text is refused every time', () => {
    let calls = 0;
    const refuse = (): SourceStatistics => {
      calls++;
      throw new MalformedContribution('probe');
    };
    const text = fresh();
    expect(() => sharedDecode(text, Source.AGENCIES, refuse)).toThrow(MalformedContribution);
    expect(() => sharedDecode(text, Source.AGENCIES, refuse)).toThrow(MalformedContribution);
    expect(calls).toBe(2);
  });

  it('keeps at most its number of entries, forgetting the oldest first', () => {
    const { calls, decode } = countingDecode(Source.NON_UN_FORCES);
    const texts = Array.from({ length: AWAITING_ENTRIES + 1 }, () => fresh());
    for (const text of texts) sharedDecode(text, Source.NON_UN_FORCES, decode);
    expect(calls).toHaveLength(AWAITING_ENTRIES + 1);
    // The second oldest still waits; the oldest was forgotten and is decoded again.
    sharedDecode(texts[1] as string, Source.NON_UN_FORCES, decode);
    expect(calls).toHaveLength(AWAITING_ENTRIES + 1);
    sharedDecode(texts[0] as string, Source.NON_UN_FORCES, decode);
    expect(calls).toHaveLength(AWAITING_ENTRIES + 2);
  });

  it('keeps at most its characters, and no single text longer than its share', () => {
    const { calls, decode } = countingDecode(Source.PEACEKEEPING);
    const long = fresh(LONGEST_AWAITING + 1);
    sharedDecode(long, Source.PEACEKEEPING, decode);
    sharedDecode(long, Source.PEACEKEEPING, decode);
    expect(calls).toHaveLength(2);

    const fits = AWAITING_CHARACTERS / LONGEST_AWAITING;
    const texts = Array.from({ length: fits + 1 }, () => fresh(LONGEST_AWAITING));
    for (const text of texts) sharedDecode(text, Source.PEACEKEEPING, decode);
    const before = calls.length;
    sharedDecode(texts[1] as string, Source.PEACEKEEPING, decode);
    expect(calls.length).toBe(before);
    sharedDecode(texts[0] as string, Source.PEACEKEEPING, decode);
    expect(calls.length).toBe(before + 1);
  });
});

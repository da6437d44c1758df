import type { Source } from '../enums';
import type { SourceStatistics } from '../types/contributions.type';

/**
 * Contributions this process decoded and no one has asked for again yet, by text. Where the
 * gateway and the system view share a process (the embedded layout), the gateway decodes each
 * answer to judge it and the system view decodes the same string again: that second decode takes
 * the first one's value (and forgets it, so nothing outlives its request). Issue 14's review saw
 * no end-to-end gain from it on a shared machine; it is kept apart, bounded and with its rule
 * stated, so that it cannot return anything the codec did not validate, and so that it is one
 * module to drop if a quiet measurement shows it is not worth its keep.
 */
const AWAITING_SECOND_DECODE = new Map<string, { source: Source; decoded: SourceStatistics }>();
/** Characters of text kept waiting, all sources together: a gateway in front of a system view of
 * its own judges answers that are never asked for again, so what waits must be capped. */
export const AWAITING_CHARACTERS = 4 * 1024 * 1024;
/** Entries kept waiting (a small table is short, so the characters alone would allow thousands). */
export const AWAITING_ENTRIES = 64;
/** The longest text kept: a wide table's text is decoded twice rather than crowd out the rest. */
export const LONGEST_AWAITING = AWAITING_CHARACTERS / 8;
let awaitingCharacters = 0;

function forget(text: string): void {
  if (AWAITING_SECOND_DECODE.delete(text)) awaitingCharacters -= text.length;
}

/**
 * `decode(text)`, unless this process has just decoded the same text for the same source and no
 * one has taken that value yet: then that value, once. The rule that makes this safe: a value is
 * returned only for the very same text and the same source, and only a value `decode` returned
 * (so validated) is kept; a text that `decode` refuses is never kept and is refused again each
 * time. The value is shared with the first reader, which must only read it. The oldest entries
 * go first when the bounds above are reached.
 */
export function sharedDecode(text: string, source: Source, decode: (text: string) => SourceStatistics): SourceStatistics {
  const seen = AWAITING_SECOND_DECODE.get(text);
  // The text names its source, so a text decodes for one source only: another is decoded (and refused) afresh.
  if (seen?.source === source) {
    forget(text);
    return seen.decoded;
  }
  const decoded = decode(text);
  if (!seen && text.length <= LONGEST_AWAITING) {
    AWAITING_SECOND_DECODE.set(text, { source, decoded });
    awaitingCharacters += text.length;
    while (awaitingCharacters > AWAITING_CHARACTERS || AWAITING_SECOND_DECODE.size > AWAITING_ENTRIES)
      forget(AWAITING_SECOND_DECODE.keys().next().value as string);
  }
  return decoded;
}

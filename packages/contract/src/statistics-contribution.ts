import type { Source } from './enums';
import type { SourceStatistics } from './types/contributions.type';
import { MAX_CONTRIBUTION_LENGTH } from './contribution/contribution-layout';
import { MalformedContribution } from './contribution/malformed-contribution';
import { sharedDecode } from './contribution/shared-decode';
import { validateStatisticsContribution } from './contribution/validate-statistics-contribution';

/*
 * The statistics contribution codec: how a source's statistics travel to the system view as one
 * string. Its parts live in contribution/: the layout and its limits, the encoder, the validating
 * decoder, and the memo that spares the embedded gateway's second decode of the same text.
 */
export {
  CONTRIBUTION_VERSION,
  COUNT_LEAVES,
  MAX_CONTRIBUTION_LENGTH,
  MAX_CONTRIBUTION_ROWS,
} from './contribution/contribution-layout';
export { MalformedContribution } from './contribution/malformed-contribution';
export { encodeStatisticsContribution } from './contribution/encode-statistics-contribution';

/**
 * Decodes and re-validates one source's statistics contribution (`maxLength` is lowered only by tests).
 * @throws MalformedContribution naming what was wrong: the caller treats the source as missing.
 */
export function decodeStatisticsContribution(
  encoded: unknown,
  source: Source,
  maxLength = MAX_CONTRIBUTION_LENGTH,
): SourceStatistics {
  if (typeof encoded !== 'string') throw new MalformedContribution(`a string was expected, ${kindOf(encoded)} arrived`);
  if (encoded.length > maxLength) throw new MalformedContribution(`longer than ${maxLength} characters`);
  return sharedDecode(encoded, source, (text) => validateStatisticsContribution(text, source));
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

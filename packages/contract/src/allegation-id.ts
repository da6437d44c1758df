import { sourceSlug } from './entities';
import { Source, enumValues } from './enums';
import { badUserInput } from './errors';
import { SOURCE_NAME_SYNTAX } from './source-identity';

/** The global id of a record: '<source slug>:<the source's numeric id>'. */
export function allegationId(source: Source, nativeId: string | number): string {
  return `${sourceSlug(source)}:${nativeId}`;
}

const MAX_BIGINT = 9223372036854775807n;

// Any name a source may be registered under (digits included: `unit-2:42`), then its native id.
const GLOBAL_ID = new RegExp(`^(${SOURCE_NAME_SYNTAX}):([0-9]{1,19})$`);

/**
 * Whether a text is a source's native id as the hub issues them: digits without leading zeros,
 * within PostgreSQL's bigint (a longer one would fail in SQL as an internal error).
 */
export function isNativeId(text: string): boolean {
  return /^(0|[1-9][0-9]{0,18})$/.test(text) && BigInt(text) <= MAX_BIGINT;
}

/**
 * Splits a global id.
 * @throws GraphQLError BAD_USER_INPUT naming the argument when the id is not one the hub issued.
 */
export function parseAllegationId(id: string, argument = 'id'): { source: Source; nativeId: string } {
  const match = GLOBAL_ID.exec(id);
  const source = match ? enumValues(Source).find((s) => sourceSlug(s) === match[1]) : undefined;
  if (!match || !source || BigInt(match[2] as string) > MAX_BIGINT) {
    throw badUserInput(argument, "an allegation id such as 'peacekeeping:42'", id);
  }
  return { source, nativeId: String(BigInt(match[2] as string)) };
}

import { sourceSlug } from './entities';
import { Source, enumValues } from './enums';
import { badUserInput } from './errors';

/** The global id of a record: '<source slug>:<the source's numeric id>'. */
export function allegationId(source: Source, nativeId: string | number): string {
  return `${sourceSlug(source)}:${nativeId}`;
}

/**
 * Splits a global id.
 * @throws GraphQLError BAD_USER_INPUT naming the argument when the id is not one the hub issued.
 */
export function parseAllegationId(id: string, argument = 'id'): { source: Source; nativeId: string } {
  const match = /^([a-z-]+):([0-9]{1,18})$/.exec(id);
  const source = match ? enumValues(Source).find((s) => sourceSlug(s) === match[1]) : undefined;
  if (!match || !source) {
    throw badUserInput(argument, "an allegation id such as 'peacekeeping:42'", id);
  }
  return { source, nativeId: String(BigInt(match[2] as string)) };
}

import { createHmac } from 'node:crypto';
import { alpha2ToAlpha3, isValid } from 'i18n-iso-countries';
import { InvestigationStatus } from './enums';
import { badUserInput } from './errors';

/**
 * Identifiers of a person, in the canonical forms that are pseudonymised:
 *   UNINDEX:<digits>                 UN index number
 *   PASSPORT:<ISO alpha-3>:<A-Z0-9>  passport number with issuing country
 *   NATID:<ISO alpha-3>:<A-Z0-9>     national identity number with issuing country
 * Normalisation: compatibility forms are folded (NFKC); the kind and letters are upper-cased;
 * spaces, punctuation and symbols are removed from numbers; a letter or digit that is not Latin
 * A-Z or 0-9 is refused (see latinAlphanumeric); leading zeros of UN index numbers are dropped; a
 * country may be given as ISO 3166-1 alpha-2 or alpha-3 and is stored as alpha-3. So
 * 'passport:fr:12-ab 34567' and 'PASSPORT:FRA:12AB34567' are the same person.
 */
export type IdentifierKind = 'UNINDEX' | 'PASSPORT' | 'NATID';

const KIND_ALIASES: Record<string, IdentifierKind> = {
  UNINDEX: 'UNINDEX',
  UN_INDEX: 'UNINDEX',
  INDEX: 'UNINDEX',
  PASSPORT: 'PASSPORT',
  NATID: 'NATID',
  NATIONAL_ID: 'NATID',
  NATIONALID: 'NATID',
};

function country(raw: string, argument: string): string {
  const code = raw.trim().toUpperCase();
  if (code.length === 3 && /^[A-Z]{3}$/.test(code) && isValid(code)) return code;
  if (code.length === 2 && /^[A-Z]{2}$/.test(code) && isValid(code)) {
    const alpha3 = alpha2ToAlpha3(code);
    if (alpha3) return alpha3;
  }
  throw badUserInput(argument, 'an ISO 3166-1 country code (alpha-2 or alpha-3)', raw);
}

/**
 * What separates the parts of a number and carries no identity: spaces, punctuation, symbols
 * (the MRZ filler `<` included) and invisible format characters.
 */
const SEPARATORS = /[\p{Z}\p{P}\p{S}\p{C}\s]/gu;

/**
 * Unicode compatibility forms folded (NFKC: full-width `Ａ１` is `A1`), separators removed. What
 * remains must be Latin letters and digits, the alphabet of a document's machine-readable zone
 * (ICAO Doc 9303): a letter or digit of another script (Cyrillic `А`, Greek `Β`, Arabic-Indic
 * digits, `É`, `ß`) is refused with an error naming the field, never dropped or guessed, since
 * dropping it would make different people equal and guessing would make one person two.
 */
function latinAlphanumeric(raw: string, argument: string, expected: string): string {
  const folded = raw.normalize('NFKC').replace(SEPARATORS, '');
  if (!/^[A-Za-z0-9]*$/.test(folded)) {
    throw badUserInput(
      argument,
      `${expected} in Latin letters A-Z and digits 0-9, as in the document's machine-readable zone (ICAO 9303); letters and digits of other scripts are not accepted`,
    );
  }
  return folded.toUpperCase();
}

function documentNumber(raw: string, argument: string): string {
  const number = latinAlphanumeric(raw, argument, 'a document number');
  if (number.length < 3 || number.length > 30) throw badUserInput(argument, 'a document number of 3 to 30 letters and digits');
  return number;
}

export function unIndex(raw: string, argument = 'unIndexNumber'): string {
  const digits = latinAlphanumeric(raw, argument, 'a UN index number');
  if (!/^\d{1,12}$/.test(digits) || /^0+$/.test(digits)) throw badUserInput(argument, 'a UN index number (digits)');
  return `UNINDEX:${digits.replace(/^0+/, '')}`;
}

export function passport(countryCode: string, number: string, argument = 'passport'): string {
  return `PASSPORT:${country(countryCode, `${argument}.country`)}:${documentNumber(number, `${argument}.number`)}`;
}

export function nationalId(countryCode: string, number: string, argument = 'nationalId'): string {
  return `NATID:${country(countryCode, `${argument}.country`)}:${documentNumber(number, `${argument}.number`)}`;
}

/**
 * Most identifiers one screened person may be given by: a UN index number and a few identity
 * documents. More would let one request (one point of the per-caller limits) screen many people.
 */
export const MAX_SUBJECT_IDENTIFIERS = 4;

/** Parses an identifier written 'KIND:...' (the ingestion format) into its canonical form. */
export function normalizeIdentifier(raw: string, argument = 'subject_ids'): string {
  const parts = raw.split(':').map((p) => p.trim());
  const kind = KIND_ALIASES[(parts[0] ?? '').toUpperCase().replace(/[\s-]/g, '_')];
  if (kind === 'UNINDEX' && parts.length === 2) return unIndex(parts[1] as string, argument);
  if ((kind === 'PASSPORT' || kind === 'NATID') && parts.length === 3) {
    return kind === 'PASSPORT'
      ? passport(parts[1] as string, parts[2] as string, argument)
      : nationalId(parts[1] as string, parts[2] as string, argument);
  }
  throw badUserInput(argument, 'identifiers written UNINDEX:<number>, PASSPORT:<country>:<number> or NATID:<country>:<number>');
}

/** The pseudonym of a canonical identifier: HMAC-SHA256 under the deployment's screening key. */
export function pseudonymize(key: Buffer, canonicalIdentifier: string): string {
  if (key.length < 32) throw new Error('the screening key must be at least 32 bytes');
  return createHmac('sha256', key).update(canonicalIdentifier, 'utf8').digest('hex');
}

/**
 * What a source stores and matches: the deployment's pseudonym keyed again under the source's
 * own key. The source's database holds neither key, and the source's service never holds the
 * deployment key, so neither can turn a stored value back into an identifier by trying them all.
 */
export function sourcePseudonym(sourceKey: Buffer, deploymentPseudonym: string): string {
  if (sourceKey.length < 32) throw new Error("a source's pseudonym key must be at least 32 bytes");
  return createHmac('sha256', sourceKey).update(deploymentPseudonym, 'utf8').digest('hex');
}

/**
 * What a screening reports, as ClearCheck does: allegations that were substantiated or are still
 * pending. Allegations found unsubstantiated or closed otherwise are never reported (due process).
 * Referral to a Member State is not a status (it was one before format version 2): a referred
 * allegation is reported by the status it has, substantiated or still pending.
 */
export const SCREENING_REPORTED_STATUSES: readonly InvestigationStatus[] = [
  InvestigationStatus.PRELIMINARY_ASSESSMENT,
  InvestigationStatus.UNDER_REVIEW,
  InvestigationStatus.UNDER_INVESTIGATION,
  InvestigationStatus.SUBSTANTIATED,
];

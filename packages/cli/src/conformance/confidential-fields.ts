/**
 * Names of fields that could expose what must never leave a source: who people are, what
 * happened in their words, where, and exactly when. A field the contract does not define is
 * flagged when its name matches; the contract's own fields are known to be safe.
 */
export const CONFIDENTIAL_PATTERNS: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /(^|[a-z])(first|last|given|family|full|sur|maiden|nick)?names?($|[A-Z])/i, what: 'names' },
  {
    pattern: /passport|nationalId|identity|idNumber|documentNumber|unIndex|ssn|biometric|fingerprint|photo/i,
    what: 'identity documents',
  },
  {
    pattern: /narrative|statement|testimony|description|summary|details|comment|notes?$|account|story|transcript/i,
    what: 'narratives',
  },
  {
    pattern:
      /location|address|village|town|city|camp|site|district|province|region|gps|latitude|longitude|coordinates|geo|dutyStation|base$/i,
    what: 'locations finer than the entity',
  },
  { pattern: /date|day$|timestamp|dob|birth|(^|[a-z])time($|[A-Z])|occurredAt|reportedAt/i, what: 'dates finer than the month' },
  {
    pattern: /phone|email|contact|victimAge|^age$|gender|ethnic|religio|hivStatus|medical(Record|History)/i,
    what: 'personal details',
  },
];

/** What a field name could expose, or undefined. */
export function confidentialExposure(fieldName: string): string | undefined {
  return CONFIDENTIAL_PATTERNS.find((p) => p.pattern.test(fieldName))?.what;
}

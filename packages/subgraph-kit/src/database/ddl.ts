/**
 * Column definitions every source's allegation table needs in the same form, for migrations.
 * Names stay the source's own; the rules (non-negative counts, record keeping) are the kit's.
 * Applied migrations embed what these return: never change their output, add a new helper.
 */

/** `name int NOT NULL DEFAULT 0 CHECK (name >= 0)` for each count column. */
export function countColumnsDdl(names: readonly string[]): string {
  return names.map((n) => `${n} int NOT NULL DEFAULT 0 CHECK (${n} >= 0)`).join(',\n');
}

/** Whether the record is synthetic, and when it was first written and last changed. */
export function recordKeepingColumnsDdl(): string {
  return [
    'synthetic boolean NOT NULL DEFAULT false',
    'created_at timestamptz NOT NULL DEFAULT now()',
    'updated_at timestamptz NOT NULL DEFAULT now()',
  ].join(',\n');
}

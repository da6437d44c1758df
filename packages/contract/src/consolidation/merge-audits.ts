import type { Source } from '../enums';
import type { AuditRow, SourceAudit } from '../types/screening.type';
import { Coverage, coverage } from './coverage';

/** Per-source audit rows, kept apart: each log belongs to its source. */
export function mergeAudits(contributions: readonly SourceAudit[]): Coverage & { rows: Array<AuditRow & { source: Source }> } {
  const rows = contributions.flatMap((c) => (c.rows ?? []).map((r) => ({ ...r, source: c.source })));
  return { ...coverage(contributions), rows };
}

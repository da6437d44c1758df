import { AllegationRecord, SCREENING_REPORTED_STATUSES, Source } from '@psea/contract';

/**
 * Synthetic people recorded by two sources, each in its own format, so screening has
 * something to find across sources: the same person must match, whatever the spelling.
 */
export const CROSS_SOURCE_SUBJECTS: ReadonlyArray<{ sources: [Source, Source]; recorded: [string, string] }> = [
  { sources: [Source.PEACEKEEPING, Source.AGENCIES], recorded: ['UNINDEX:8000001', 'unindex: 0800-0001'] },
  { sources: [Source.PEACEKEEPING, Source.AGENCIES], recorded: ['PASSPORT:BGD:SX1234567', 'passport:bd:sx-123 4567'] },
  { sources: [Source.NON_UN_FORCES, Source.PEACEKEEPING], recorded: ['PASSPORT:FRA:SY7654321', 'Passport:FR:SY.765.4321'] },
];

/** Records each cross-source subject on a record screening reports, in each of its two sources. */
export function addCrossSourceSubjects(bySource: Map<Source, AllegationRecord[]>): void {
  CROSS_SOURCE_SUBJECTS.forEach((subject, i) => {
    subject.sources.forEach((source, j) => {
      const records = bySource.get(source) ?? [];
      // A record that screening reports (substantiated or pending), so each subject is found.
      const start = (i * 7 + 3) % Math.max(records.length, 1);
      const record = [...records.slice(start), ...records.slice(0, start)].find((r) =>
        SCREENING_REPORTED_STATUSES.includes(r.status),
      );
      if (record) record.subjectIds = [...(record.subjectIds ?? []), subject.recorded[j] as string];
    });
  });
}

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { SourceRegistration, UNIFORMED_CATEGORIES, PersonnelCategory } from '@psea/contract';
import { Random, TROOP_CONTRIBUTORS } from '@psea/reference-data';
import { INVESTIGATORS_COLUMN, SINGLE_INVESTIGATOR_COLUMN, V2_COLUMNS, exportColumns } from '@psea/subgraph-kit';

/** Written in format version 1 (read as documented): the benchmark measures loading and queries, not follow-up. */
const HEADER = exportColumns(true)
  .filter((c) => !V2_COLUMNS.includes(c))
  .map((c) => (c === INVESTIGATORS_COLUMN ? SINGLE_INVESTIGATOR_COLUMN : c))
  .join(',');
const COUNTRIES = [...TROOP_CONTRIBUTORS, 'FRA', 'UGA', 'KEN'];
const STATUSES = [
  'PRELIMINARY_ASSESSMENT',
  'UNDER_REVIEW',
  'UNDER_INVESTIGATION',
  'SUBSTANTIATED',
  'NOT_SUBSTANTIATED',
  'CLOSED_OTHER',
];
export const FIRST_YEAR = 2008;
export const YEARS = 10;

/**
 * Writes `count` synthetic allegations of one source in the ingestion format, spread evenly over
 * ten years (2008-2017, or the `years` given) in reporting order, as a register grows when reports
 * arrive; streamed: memory does not grow with the count. Every record is synthetic.
 */
export async function generateCsv(
  source: SourceRegistration,
  count: number,
  file: string,
  seed: number,
  years: { readonly first: number; readonly count: number; readonly prefix?: string } = { first: FIRST_YEAR, count: YEARS },
): Promise<void> {
  const rng = new Random(seed);
  const out = createWriteStream(file);
  out.write(`${HEADER}\n`);
  const entities = source.entities.map((e) => e.code);
  const categories = source.personnelCategories;
  for (let i = 0; i < count; i++) {
    const category = rng.pick(categories) as PersonnelCategory;
    const uniformed = UNIFORMED_CATEGORIES.includes(category);
    const monthIndex = Math.min(years.count * 12 - 1, Math.floor((i * years.count * 12) / count));
    const year = years.first + Math.floor(monthIndex / 12);
    const month = String((monthIndex % 12) + 1).padStart(2, '0');
    const status = rng.pick(STATUSES);
    const line = [
      `${years.prefix ?? 'BENCH'}-${source.name}-${i}`,
      rng.pick(entities),
      `${year}-${month}`,
      rng.chance(0.7) ? `${year}-${month}` : '',
      rng.chance(0.5) ? 'SE' : 'SA',
      category,
      uniformed ? rng.pick(COUNTRIES) : '',
      rng.chance(0.15) ? '' : String(rng.int(1, 3)),
      rng.int(0, 2),
      rng.int(0, 2),
      0,
      0,
      rng.chance(0.05) ? 1 : 0,
      0,
      0,
      'OIOS',
      status,
      status === 'SUBSTANTIATED' || status === 'NOT_SUBSTANTIATED' ? String(rng.int(30, 400)) : '',
      rng.chance(0.3) ? 'PAYMENT_SUSPENDED' : '',
      status === 'SUBSTANTIATED' ? 'REPATRIATION;BARRED' : '',
      'NONE',
      'MEDICAL',
      'false',
      rng.chance(0.5) ? `UNINDEX:${5_000_000 + rng.int(0, 4_000_000)}` : '',
      'true',
    ].join(',');
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

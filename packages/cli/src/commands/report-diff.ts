import { SOURCE_PAGE_SELECTION, canonicalJson } from '@psea/contract';
import { CliError, EXIT } from '../cli-error';
import { diffEditions, submissionChanges, renderFigureChange } from '../report/edition-diff';
import { askGateway } from '../report/ask-gateway';
import { Edition, readEdition } from '../report/edition-verify';

export interface DiffOptions {
  readonly url: string;
  readonly token?: string;
}

interface Record {
  id: string;
  entity: string;
  reportedMonth: string;
  [field: string]: unknown;
}

/** Every field of a case record, as the sources publish it (the contract's own selection). */
const RECORD_FIELDS = (/items \{ (.*) \} hasNextPage/.exec(SOURCE_PAGE_SELECTION) as RegExpExecArray)[1] as string;

const PAGE = `query Records($filter: AllegationFilter, $after: String, $asOf: [SourceVersionInput!]) {
  allegations(filter: $filter, first: 100, after: $after, asOf: $asOf) { items { ${RECORD_FIELDS} } hasNextPage endCursor complete }
}`;

/** Every record of an edition's period as of its data versions: case-level reads, audited by each source. */
async function records(edition: Edition, options: DiffOptions, token: string): Promise<Map<string, Record>> {
  const { period } = edition.manifest;
  const filter = period.includes('Q') ? { quarter: period } : { year: Number(period) };
  const asOf = edition.manifest.sources
    .filter((s) => s.dataVersion !== null)
    .map((s) => ({ source: s.source, dataVersion: s.dataVersion }));
  const found = new Map<string, Record>();
  let after: string | null = null;
  do {
    const data: Awaited<
      ReturnType<typeof askGateway<{ items: Record[]; hasNextPage: boolean; endCursor: string | null; complete: boolean }>>
    > = await askGateway(options.url, token, { query: PAGE, variables: { filter, after, asOf } });
    const page = data['allegations'];
    if (!page?.complete)
      throw new CliError('a source did not answer: the records of the editions cannot be compared', EXIT.PROBLEMS);
    for (const item of page.items) found.set(item.id, item);
    after = page.hasNextPage ? page.endCursor : null;
  } while (after);
  return found;
}

/**
 * `psea report diff <edition A> <edition B>`: every figure that changed, with the sources and
 * entities it came from; with a token whose role reads case records (a coordinator), also
 * which records were added, changed or removed between the editions' data versions, read from
 * the sources' record history (each read audited by its source like any case-level read).
 */
export async function reportDiff(a: string, b: string, options: DiffOptions, print: (line: string) => void): Promise<void> {
  const [ea, eb] = [readEdition(a), readEdition(b)];
  if (ea.manifest.report !== eb.manifest.report || ea.manifest.period !== eb.manifest.period)
    throw new CliError(
      `the editions are of different reports (${ea.manifest.report} ${ea.manifest.period}, ${eb.manifest.report} ${eb.manifest.period}): nothing to compare`,
      EXIT.USAGE,
    );
  for (const s of eb.manifest.sources) {
    const before = ea.manifest.sources.find((x) => x.source === s.source)?.dataVersion ?? null;
    if (before !== s.dataVersion) print(`source ${s.source}: data version ${before ?? '-'} → ${s.dataVersion ?? '-'}`);
  }
  for (const line of submissionChanges(ea.manifest.unsubmitted, eb.manifest.unsubmitted)) print(line);
  const changes = diffEditions(ea, eb);
  for (const change of changes) print(renderFigureChange(change));
  print(
    `${changes.length} figure(s) changed between ${ea.manifest.contentHash.slice(0, 12)} and ${eb.manifest.contentHash.slice(0, 12)}`,
  );
  const token = options.token ?? process.env['PSEA_TOKEN'];
  if (!token) return;
  let before: Map<string, Record>;
  let after: Map<string, Record>;
  try {
    [before, after] = [await records(ea, options, token), await records(eb, options, token)];
  } catch (error) {
    if (error instanceof CliError && /Forbidden/.test(error.message)) {
      print('records: not listed (your role may not read case records)');
      return;
    }
    throw error;
  }
  const describe = (r: Record) => `${r.id} (${r.entity}, ${r.reportedMonth})`;
  for (const [id, r] of after) if (!before.has(id)) print(`record added: ${describe(r)}`);
  for (const [id, r] of after) {
    const old = before.get(id);
    if (!old || canonicalJson(old) === canonicalJson(r)) continue;
    const fields = Object.keys(r).filter((k) => canonicalJson(old[k]) !== canonicalJson(r[k]));
    print(`record changed: ${describe(r)}: ${fields.join(', ')}`);
  }
  for (const [id, r] of before) if (!after.has(id)) print(`record removed: ${describe(r)}`);
}

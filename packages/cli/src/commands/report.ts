import { isUnsubmittedNotice } from '@psea/contract';
import { CliError, EXIT } from '../cli-error';
import { Period, annexRequest, periodLabel } from '../report/annex-query';
import type { Annex, View } from '../report/annex';
import { buildAnnex } from '../report/annex-tables';
import { askGateway } from '../report/ask-gateway';
import { asFrozen, asOfEdition } from '../report/edition-regenerate';
import { freezeEdition } from '../report/edition-freeze';
import { QuarterlyView, buildQuarterly, quarterlyRequest } from '../report/quarterly';
import { renderCsv, renderJson, renderMarkdown } from '../report/render';
import { ProvenanceView, annexProvenance } from '../report/source-provenance';
import { writeAll } from '../report/write-all';

export interface ReportOptions {
  readonly year?: string;
  readonly quarter?: string;
  readonly format: string;
  readonly out: string;
  readonly url: string;
  readonly token?: string;
  /** ISO time printed as the production time; defaults to SOURCE_DATE_EPOCH, else now. */
  readonly producedAt?: string;
  /** Write a signed edition (tables in Markdown and JSON, and a manifest) into `out`. */
  readonly freeze?: boolean;
  /** An edition's folder or manifest: regenerate that edition from the sources' record history. */
  readonly asOf?: string;
}

export function parsePeriod(options: Pick<ReportOptions, 'year' | 'quarter'>): Period {
  if ((options.year === undefined) === (options.quarter === undefined))
    throw new CliError('give exactly one of --year YYYY or --quarter YYYYQn', EXIT.USAGE);
  if (options.year !== undefined) {
    if (!/^(199\d|20\d\d)$/.test(options.year))
      throw new CliError(`--year must be a year such as 2016, got "${options.year}"`, EXIT.USAGE);
    return { kind: 'year', year: Number(options.year) };
  }
  const match = /^(199\d|20\d\d)Q([1-4])$/.exec(options.quarter as string);
  if (!match) throw new CliError(`--quarter must look like 2016Q3, got "${options.quarter}"`, EXIT.USAGE);
  return { kind: 'quarter', year: Number(match[1]), quarter: Number(match[2]) };
}

function producedAt(option: string | undefined): string {
  if (option !== undefined) {
    if (Number.isNaN(Date.parse(option)))
      throw new CliError(`--produced-at must be an ISO date and time, got "${option}"`, EXIT.USAGE);
    return new Date(option).toISOString();
  }
  const epoch = process.env['SOURCE_DATE_EPOCH'];
  return epoch ? new Date(Number(epoch) * 1000).toISOString() : new Date().toISOString();
}

/**
 * `psea report`: the annex tables for a year or a quarter, asked of the gateway (never the
 * databases), written all at once or not at all. Returns the annex; an incomplete one is written
 * and marked so on every table, and the command exits non-zero.
 */
export async function report(options: ReportOptions, print: (line: string) => void): Promise<Annex> {
  const edition = options.asOf !== undefined ? asOfEdition(options.asOf) : undefined;
  if (edition) {
    if (options.year !== undefined || options.quarter !== undefined)
      throw new CliError('--as-of regenerates the edition for its own period: give no --year or --quarter', EXIT.USAGE);
    options = {
      ...options,
      ...(edition.manifest.period.includes('Q') ? { quarter: edition.manifest.period } : { year: edition.manifest.period }),
      format: edition.manifest.report === 'quarterly' ? 'quarterly' : 'md',
      producedAt: edition.manifest.producedAt,
      freeze: true,
    };
  }
  const period = parsePeriod(options);
  if (!['md', 'csv', 'json', 'quarterly'].includes(options.format))
    throw new CliError(`--format must be md, csv, json or quarterly, got "${options.format}"`, EXIT.USAGE);
  if (options.format === 'quarterly' && period.kind !== 'quarter')
    throw new CliError('--format quarterly writes a quarterly update: give --quarter YYYYQn', EXIT.USAGE);
  const token = options.token ?? process.env['PSEA_TOKEN'];
  if (!token)
    throw new CliError(
      'give --token <token> (or set PSEA_TOKEN); in development: npm run token -- --role report-author',
      EXIT.USAGE,
    );
  const when = producedAt(options.producedAt);
  const quarterly = options.format === 'quarterly';
  const asOf = edition?.manifest.sources
    .filter((s) => s.dataVersion !== null)
    .map((s) => ({ source: s.source, dataVersion: s.dataVersion }));
  const withAsOf = (request: { query: string; variables: Record<string, unknown> }) => ({
    ...request,
    variables: { ...request.variables, asOf: asOf ?? null },
  });
  let views: Record<string, ProvenanceView>;
  let built: Annex;
  if (quarterly) {
    const answer = await askGateway<QuarterlyView & ProvenanceView>(options.url, token, withAsOf(quarterlyRequest(period)));
    [views, built] = [answer, buildQuarterly(period, when, answer)];
  } else {
    const answer = await askGateway<View & ProvenanceView>(options.url, token, withAsOf(annexRequest(period)));
    [views, built] = [answer, buildAnnex(period, when, answer)];
  }
  const provenance = annexProvenance(views, quarterly ? 'byHeadline' : 'bySource');
  // Who has not submitted is said under every table (its own period's), from the sources' answers
  // (as of the edition's versions when regenerated), not in the notices.
  const annex: Annex = {
    ...built,
    notices: built.notices.filter((n) => !isUnsubmittedNotice(n)),
    provenance: edition ? asFrozen(provenance, edition) : provenance,
  };
  if (options.freeze) return freezeEdition(annex, quarterly, period, options.out, print);

  const name = `${quarterly ? 'quarterly' : 'annex'}-${periodLabel(period)}`;
  const files: Record<string, string> =
    options.format === 'md' || quarterly
      ? { [`${name}.md`]: renderMarkdown(annex) }
      : options.format === 'json'
        ? { [`${name}.json`]: renderJson(annex) }
        : Object.fromEntries(annex.tables.map((t) => [`${name}-${t.id}.csv`, renderCsv(t, annex)]));
  // Everything is rendered before anything is written; then each file appears whole.
  writeAll(options.out, files);
  print(`${Object.keys(files).length} file(s) written to ${options.out}: ${annex.tables.length} tables for ${annex.period}`);
  if (!annex.complete)
    throw new CliError(`INCOMPLETE: ${annex.missingSources.join(', ')} did not answer; every table says so`, EXIT.PROBLEMS);
  return annex;
}

import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, EXIT } from '../cli-error';
import { Period, annexRequest, periodLabel } from '../report/annex-query';
import { Annex, View, buildAnnex } from '../report/annex-tables';
import { QuarterlyView, buildQuarterly, quarterlyRequest } from '../report/quarterly';
import { renderCsv, renderJson, renderMarkdown } from '../report/render';

export interface ReportOptions {
  readonly year?: string;
  readonly quarter?: string;
  readonly format: string;
  readonly out: string;
  readonly url: string;
  readonly token?: string;
  /** ISO time printed as the production time; defaults to SOURCE_DATE_EPOCH, else now. */
  readonly producedAt?: string;
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

async function ask<T = View>(
  url: string,
  token: string,
  request: { query: string; variables: Record<string, unknown> },
): Promise<Record<string, T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    throw new CliError(`cannot reach the gateway at ${url}: ${(error as Error).message}`, EXIT.ENVIRONMENT);
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: Record<string, T> | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  if (response.status === 401 || response.status === 403) {
    throw new CliError(`the gateway refused the token: ${body.errors?.[0]?.message ?? response.statusText}`, EXIT.ENVIRONMENT);
  }
  const blocking = (body.errors ?? []).filter((e) => e.extensions?.code !== 'SOURCE_UNAVAILABLE');
  if (blocking.length || !body.data) {
    throw new CliError(
      `the gateway answered with errors: ${blocking.map((e) => e.message).join('; ') || response.statusText}`,
      EXIT.PROBLEMS,
    );
  }
  return body.data;
}

/**
 * `psea report`: the annex tables for a year or a quarter, asked of the gateway (never the
 * databases), written all at once or not at all. Returns the annex; an incomplete one is written
 * and marked so on every table, and the command exits non-zero.
 */
export async function report(options: ReportOptions, print: (line: string) => void): Promise<Annex> {
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
  const annex = quarterly
    ? buildQuarterly(period, when, await ask<QuarterlyView>(options.url, token, quarterlyRequest(period)))
    : buildAnnex(period, when, await ask(options.url, token, annexRequest(period)));

  const name = `${quarterly ? 'quarterly' : 'annex'}-${periodLabel(period)}`;
  const files: Record<string, string> =
    options.format === 'md' || quarterly
      ? { [`${name}.md`]: renderMarkdown(annex) }
      : options.format === 'json'
        ? { [`${name}.json`]: renderJson(annex) }
        : Object.fromEntries(annex.tables.map((t) => [`${name}-${t.id}.csv`, renderCsv(t, annex)]));
  // Everything is rendered before anything is written; then each file appears whole.
  mkdirSync(options.out, { recursive: true });
  const staging = mkdtempSync(join(options.out, '.report-'));
  try {
    for (const [file, content] of Object.entries(files)) writeFileSync(join(staging, file), content);
    for (const file of Object.keys(files)) renameSync(join(staging, file), join(options.out, file));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  print(`${Object.keys(files).length} file(s) written to ${options.out}: ${annex.tables.length} tables for ${annex.period}`);
  if (!annex.complete)
    throw new CliError(`INCOMPLETE: ${annex.missingSources.join(', ')} did not answer; every table says so`, EXIT.PROBLEMS);
  return annex;
}

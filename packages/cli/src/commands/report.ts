import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { canonicalJson, isUnsubmittedNotice } from '@psea/contract';
import { CliError, EXIT } from '../cli-error';
import { Period, annexRequest, periodLabel } from '../report/annex-query';
import type { Annex, View } from '../report/annex';
import { buildAnnex } from '../report/annex-tables';
import { QuarterlyView, buildQuarterly, quarterlyRequest } from '../report/quarterly';
import { renderCsv, renderJson, renderMarkdown } from '../report/render';
import { AnnexProvenance, ProvenanceView, annexProvenance } from '../report/source-provenance';
import { MANIFEST_FILE, buildManifest, renderManifest } from '../report/edition-manifest';
import { signManifest, signingKey } from '../report/edition-signing';
import { Edition, readEdition } from '../report/edition-verify';

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

/** One GraphQL request to the gateway; a missing source is left to the answer's completeness. */
export async function ask<T = View>(
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

/** The edition an `--as-of` names (its folder or its manifest), checked before anything is asked. */
function asOfEdition(path: string): Edition {
  const folder = existsSync(path) && statSync(path).isFile() && basename(path) === MANIFEST_FILE ? dirname(path) : path;
  return readEdition(folder);
}

/**
 * The figures of an `--as-of` report must come from the edition's data versions, and so must the
 * submission status: each source answers it as of the version (its history of closes and
 * reopens), and it must be the edition's. Only the answer times are the edition's own (a time is
 * not data), so that the regenerated edition is the same, byte for byte, when the data is.
 */
function asFrozen(provenance: AnnexProvenance, edition: Edition): AnnexProvenance {
  for (const frozen of edition.manifest.sources) {
    const now = provenance.sources.find((s) => s.source === frozen.source);
    if (frozen.dataVersion !== null && now?.status !== 'OK')
      throw new CliError(
        `INCOMPLETE: ${frozen.source} did not answer; the edition cannot be regenerated without it`,
        EXIT.PROBLEMS,
      );
    if (frozen.dataVersion !== null && now?.dataVersion !== frozen.dataVersion)
      throw new CliError(
        `${frozen.source} answered at data version ${now?.dataVersion ?? 'none'}, not the edition's ${frozen.dataVersion}`,
        EXIT.PROBLEMS,
      );
  }
  const unsubmitted = provenance.unsubmitted.map(({ entity, quarters }) => ({ entity, quarters }));
  if (canonicalJson(unsubmitted) !== canonicalJson(edition.manifest.unsubmitted))
    throw new CliError(
      "the sources' submission status as of the edition's data versions is not the edition's " +
        `(now: ${canonicalJson(unsubmitted)}; edition: ${canonicalJson(edition.manifest.unsubmitted)})`,
      EXIT.PROBLEMS,
    );
  // Field by field, in the order a live report writes them (the manifest's keys are sorted).
  return {
    sources: edition.manifest.sources.map(({ source, status, dataVersion, answeredAt }) => ({
      source,
      status,
      dataVersion,
      answeredAt,
    })),
    unsubmitted,
  };
}

/** Writes files all at once: rendered first, then each appears whole. */
function writeAll(out: string, files: Record<string, string>): void {
  mkdirSync(out, { recursive: true });
  const staging = mkdtempSync(join(out, '.report-'));
  try {
    for (const [file, content] of Object.entries(files)) writeFileSync(join(staging, file), content);
    for (const file of Object.keys(files)) renameSync(join(staging, file), join(out, file));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
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
    const answer = await ask<QuarterlyView & ProvenanceView>(options.url, token, withAsOf(quarterlyRequest(period)));
    [views, built] = [answer, buildQuarterly(period, when, answer)];
  } else {
    const answer = await ask<View & ProvenanceView>(options.url, token, withAsOf(annexRequest(period)));
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
  if (options.freeze) return freeze(annex, quarterly, period, options.out, print);

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

/**
 * `--freeze`: the report as an edition in an empty folder: the tables in Markdown and JSON, and
 * a manifest with the per-source data versions, the files' hashes and the report authors'
 * signature. Only a complete report is frozen.
 */
function freeze(annex: Annex, quarterly: boolean, period: Period, out: string, print: (line: string) => void): Annex {
  if (!annex.complete)
    throw new CliError(
      `INCOMPLETE: ${annex.missingSources.join(', ')} did not answer; an edition is frozen only when complete`,
      EXIT.PROBLEMS,
    );
  if (existsSync(out) && readdirSync(out).length > 0)
    throw new CliError(`--out ${out} is not empty: an edition is written into a folder of its own`, EXIT.USAGE);
  const key = signingKey();
  const name = `${quarterly ? 'quarterly' : 'annex'}-${periodLabel(period)}`;
  const files = { [`${name}.md`]: renderMarkdown(annex), [`${name}.json`]: renderJson(annex) };
  const provenance = annex.provenance as AnnexProvenance;
  const manifest = signManifest(
    buildManifest(
      {
        report: quarterly ? 'quarterly' : 'annex',
        period: annex.period,
        producedAt: annex.producedAt,
        complete: annex.complete,
        sources: provenance.sources,
        unsubmitted: provenance.unsubmitted,
      },
      files,
    ),
    key,
  );
  writeAll(out, { ...files, [MANIFEST_FILE]: renderManifest(manifest) });
  print(
    `edition of ${annex.period} written to ${out}: ${Object.keys(files).join(', ')} and ${MANIFEST_FILE} (content ${manifest.contentHash.slice(0, 16)}…)`,
  );
  return annex;
}

import { existsSync, readdirSync } from 'node:fs';
import { CliError, EXIT } from '../cli-error';
import type { Annex } from './annex';
import { Period, periodLabel } from './annex-query';
import { MANIFEST_FILE, buildManifest, renderManifest } from './edition-manifest';
import { signManifest, signingKey } from './edition-signing';
import { renderJson, renderMarkdown } from './render';
import type { AnnexProvenance } from './source-provenance';
import { writeAll } from './write-all';

/**
 * `--freeze`: the report as an edition in an empty folder: the tables in Markdown and JSON, and
 * a manifest with the per-source data versions, the files' hashes and the report authors'
 * signature. Only a complete report is frozen.
 */
export function freezeEdition(
  annex: Annex,
  quarterly: boolean,
  period: Period,
  out: string,
  print: (line: string) => void,
): Annex {
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

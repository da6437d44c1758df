import { existsSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { canonicalJson } from '@psea/contract';
import { CliError, EXIT } from '../cli-error';
import { MANIFEST_FILE } from './edition-manifest';
import { Edition, readEdition } from './edition-verify';
import type { AnnexProvenance } from './source-provenance';

/** The edition an `--as-of` names (its folder or its manifest), checked before anything is asked. */
export function asOfEdition(path: string): Edition {
  const folder = existsSync(path) && statSync(path).isFile() && basename(path) === MANIFEST_FILE ? dirname(path) : path;
  return readEdition(folder);
}

/**
 * The figures of an `--as-of` report must come from the edition's data versions, and so must the
 * submission status: each source answers it as of the version (its history of closes and
 * reopens), and it must be the edition's. Only the answer times are the edition's own (a time is
 * not data), so that the regenerated edition is the same, byte for byte, when the data is.
 */
export function asFrozen(provenance: AnnexProvenance, edition: Edition): AnnexProvenance {
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

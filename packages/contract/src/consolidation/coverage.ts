import { ContributionStatus, Source } from '../enums';

/** Which sources answered, and whether the consolidated answer covers them all. */
export interface Coverage {
  readonly complete: boolean;
  readonly includedSources: Source[];
  readonly missingSources: Source[];
}

/** A result is complete when no source that should have answered is missing. */
export function coverage(contributions: ReadonlyArray<{ source: Source; status: ContributionStatus }>): Coverage {
  const missingSources = contributions.filter((c) => c.status === ContributionStatus.UNAVAILABLE).map((c) => c.source);
  const includedSources = contributions.filter((c) => c.status === ContributionStatus.OK).map((c) => c.source);
  return { complete: missingSources.length === 0, includedSources, missingSources };
}

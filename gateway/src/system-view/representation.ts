import { ContributionStatus, MalformedContribution, SourceRegistration, ViewDescription, assert } from '@psea/contract';

/** A view entity as the gateway hands it to the system view: its scope and every source's part. */
export type Representation = { scope: string } & Record<string, unknown>;

/** What a root field returns: the view entity, known by its scope alone until the sources answer. */
export interface ViewReference {
  readonly scope: string;
}

/** Computes once per representation, however many consolidated fields a query selects. */
export function memo<T>(compute: (root: Representation) => T): (root: Representation) => T {
  const cache = new WeakMap<Representation, T>();
  return (root) => {
    if (!cache.has(root)) cache.set(root, compute(root));
    return cache.get(root) as T;
  };
}

/** Every source's contribution to a representation, in registry order. */
export function contributionsOf(sources: readonly SourceRegistration[]) {
  return <T>(root: Representation): T[] => sources.map((s) => root[s.contributorField] as T);
}

/**
 * Every source's contribution to a view carried compactly (one string of the contract's codec),
 * decoded and re-validated once per representation. A contribution that does not decode (absent,
 * malformed, oversized, another source's) is that source missing: its figures are never used.
 */
export function decodedContributionsOf<T>(sources: readonly SourceRegistration[], view: ViewDescription) {
  const codec = view.compact;
  assert(codec, `the ${view.kind} view is carried as fields, not compactly`);
  return memo((root): T[] =>
    sources.map((s) => {
      try {
        return codec.decode(root[s.contributorField], s.source) as T;
      } catch (error) {
        if (!(error instanceof MalformedContribution)) throw error;
        return { source: s.source, status: ContributionStatus.UNAVAILABLE } as T;
      }
    }),
  );
}

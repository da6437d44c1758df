import DataLoader from 'dataloader';
import {
  SourceLookup,
  SourcePage,
  SourceStatistics,
  decodeScope,
  isLookupScope,
  isPageScope,
  isStatisticsScope,
  badUserInput,
} from '@psea/contract';
import type { SourceRepository } from './source-repository';

/** The loaders of one request. Created per request, never shared between callers. */
export interface ContributionLoaders {
  readonly statistics: DataLoader<string, SourceStatistics>;
  readonly page: DataLoader<string, SourcePage>;
  readonly lookup: DataLoader<string, SourceLookup>;
}

function settle<T>(work: Promise<T>): Promise<T | Error> {
  return work.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}

/**
 * Batches the `_entities` of one request. Statistics and pages run one statement per distinct
 * scope (deduplicated); lookups of any number of scopes share one statement.
 */
export function createLoaders(repository: SourceRepository): ContributionLoaders {
  return {
    statistics: new DataLoader<string, SourceStatistics>((scopes) =>
      Promise.all(
        scopes.map((encoded) =>
          settle(
            (async () => {
              const scope = decodeScope(encoded);
              if (!isStatisticsScope(scope)) throw badUserInput('scope', 'a statistics scope');
              return repository.statistics(scope);
            })(),
          ),
        ),
      ),
    ),
    page: new DataLoader<string, SourcePage>((scopes) =>
      Promise.all(
        scopes.map((encoded) =>
          settle(
            (async () => {
              const scope = decodeScope(encoded);
              if (!isPageScope(scope)) throw badUserInput('scope', 'a page scope');
              return repository.page(scope);
            })(),
          ),
        ),
      ),
    ),
    lookup: new DataLoader<string, SourceLookup>(async (encodedScopes) => {
      const decoded = encodedScopes.map((encoded) => {
        try {
          const scope = decodeScope(encoded);
          if (!isLookupScope(scope)) throw badUserInput('scope', 'a lookup scope');
          return { scope, ids: repository.ownNativeIds(scope) };
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      });
      const ids = [...new Set(decoded.flatMap((d) => (d instanceof Error ? [] : d.ids)))];
      const found = await repository.findByNativeIds(ids);
      return decoded.map((d) => (d instanceof Error ? d : repository.lookupResult(d.scope, found)));
    }),
  };
}

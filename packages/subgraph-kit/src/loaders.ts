import DataLoader from 'dataloader';
import {
  Caller,
  Scope,
  SourceAudit,
  SourceLookup,
  SourcePage,
  SourceScreening,
  SourceStatistics,
  badUserInput,
  decodeScopeAs,
} from '@psea/contract';
import type { SourceRepository } from './source-repository';

/** The loaders of one request. Created per request for its caller, never shared. */
export interface ContributionLoaders {
  readonly statistics: DataLoader<string, SourceStatistics>;
  readonly page: DataLoader<string, SourcePage>;
  readonly lookup: DataLoader<string, SourceLookup>;
  readonly screening: DataLoader<string, SourceScreening>;
  readonly audit: DataLoader<string, SourceAudit>;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** One answer per distinct scope of a kind (DataLoader deduplicates equal scopes). */
function perScope<K extends Scope['kind'], T>(
  kind: K,
  answer: (scope: Extract<Scope, { kind: K }>) => Promise<T>,
): DataLoader<string, T> {
  return new DataLoader<string, T>((scopes) =>
    Promise.all(
      scopes.map(async (encoded) => {
        try {
          return await answer(decodeScopeAs(encoded, kind));
        } catch (error) {
          return asError(error);
        }
      }),
    ),
  );
}

/**
 * One subject per request, checked here too: a request that carries several screenings (aliases
 * of `screen`, or representations forged past the gateway) gets none of them answered.
 */
function oneScreening(loader: DataLoader<string, SourceScreening>): DataLoader<string, SourceScreening> {
  return new DataLoader<string, SourceScreening>(async (scopes) => {
    if (scopes.length > 1) {
      const refusal = badUserInput('screen', `one subject per request, got ${scopes.length}`);
      return scopes.map(() => refusal);
    }
    return loader.loadMany(scopes);
  });
}

/**
 * Batches the `_entities` of one request. Statistics, pages, screenings and audit summaries run
 * one statement per distinct scope; lookups of any number of scopes share one statement.
 */
export function createLoaders(repository: SourceRepository, caller: Caller | undefined): ContributionLoaders {
  return {
    statistics: perScope('statistics', (scope) => repository.statistics(scope, caller)),
    page: perScope('page', (scope) => repository.page(scope, caller)),
    screening: oneScreening(perScope('screening', (scope) => repository.screen(scope, caller))),
    audit: perScope('audit', (scope) => repository.auditSummary(scope, caller)),
    lookup: new DataLoader<string, SourceLookup>(async (encodedScopes) => {
      const decoded = encodedScopes.map((encoded) => {
        try {
          return decodeScopeAs(encoded, 'lookup');
        } catch (error) {
          return asError(error);
        }
      });
      return repository.lookups(decoded, caller);
    }),
  };
}

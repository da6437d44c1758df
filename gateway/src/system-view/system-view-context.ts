import type { DocumentNode } from 'graphql';
import type { Caller, TimelinessTargets } from '@psea/contract';
import type { ScreeningLimiter } from '@psea/subgraph-kit';

/** What the system view gets for each request: the caller the gateway authenticated. */
export interface SystemViewContext {
  readonly caller?: Caller;
  /** The client's own document, when the system view runs inside the gateway that received it. */
  readonly clientDocument?: DocumentNode;
}

export interface SystemViewOptions {
  /** The deployment's screening key: identifiers become pseudonyms here and go no further. */
  readonly screeningKey: Buffer;
  /** Per-caller screening rate and quota (shared by replicas when its store is). */
  readonly screeningLimiter: ScreeningLimiter;
  /** The deployment's timeliness targets, sent to every source in the scope; absent: the UN's. */
  readonly timelinessTargets?: TimelinessTargets;
}

import type { Caller } from '@psea/contract';
import type { Logger, RequestSpan } from '@psea/service';

/** What every request carries through the gateway: who is asking, and how to follow the request. */
export interface GatewayContext {
  readonly caller: Caller;
  /** The request's server span: its trace id is the request id, passed to sources as `traceparent`. */
  readonly span: RequestSpan;
  /** The gateway's logger with this request's id. */
  readonly logger: Logger;
}

import type { IncomingHttpHeaders } from 'node:http';

/**
 * A source's answer, read whole, in the shape Apollo's RemoteGraphQLDataSource reads a fetch
 * response (status, `headers.get`, `text`, `json`). The body is one buffer, so parsing it is
 * one `JSON.parse` with no stream or Body machinery around it.
 */
export class SourceResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly headers: { get(name: string): string | null; has(name: string): boolean };
  private used = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    private readonly rawHeaders: IncomingHttpHeaders,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = {
      get: (name) => {
        const value = rawHeaders[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
      has: (name) => rawHeaders[name.toLowerCase()] !== undefined,
    };
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  async text(): Promise<string> {
    this.used = true;
    return this.body.toString('utf8');
  }

  /** Throws a SyntaxError for a body that is not JSON: the failure policy calls that malformed. */
  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    this.used = true;
    return this.body.buffer.slice(this.body.byteOffset, this.body.byteOffset + this.body.byteLength) as ArrayBuffer;
  }

  clone(): SourceResponse {
    return new SourceResponse(this.url, this.status, this.statusText, this.rawHeaders, this.body);
  }

  /** The same answer under another status (the split system view's refusals are handed on as 200). */
  withStatus(status: number, statusText: string): SourceResponse {
    return new SourceResponse(this.url, status, statusText, this.rawHeaders, this.body);
  }
}

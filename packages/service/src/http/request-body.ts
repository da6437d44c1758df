import type { IncomingMessage } from 'node:http';

/** Largest request body accepted, in bytes, unless a service sets its own. */
export const DEFAULT_BODY_LIMIT = 1_000_000;

/** A request body, or the fact that it was over the limit (then not read further). */
export type RequestBody = { readonly kind: 'read'; readonly text: string } | { readonly kind: 'too-large' };

/** Reads a request body up to `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return { kind: 'too-large' };
    chunks.push(chunk as Buffer);
  }
  return { kind: 'read', text: Buffer.concat(chunks).toString('utf8') };
}

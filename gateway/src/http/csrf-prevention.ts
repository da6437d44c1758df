import type { IncomingHttpHeaders } from 'node:http';

/** Content types a browser sends cross-site without a preflight (a plain HTML form can). */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** Headers that only a script can add, and only after a CORS preflight the hub never grants. */
export const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

/**
 * Apollo Server's CSRF prevention, for the routes it does not serve (Hive Gateway's): a request
 * may run only if a browser would have had to ask first, i.e. its content type is not one a form
 * sends, or it carries a header only a script can set. So a GET query works from curl or a
 * client with `apollo-require-preflight: true`, never from an <img> or a form on another site.
 * Returns the refusal's message, or undefined when the request may run.
 */
export function csrfRefusal(headers: IncomingHttpHeaders): string | undefined {
  const type = headers['content-type'];
  if (type !== undefined) {
    const essence = type.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!SIMPLE_CONTENT_TYPES.includes(essence)) return undefined;
  }
  if (PREFLIGHT_HEADERS.some((name) => String(headers[name] ?? '').length > 0)) return undefined;
  return (
    'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a ' +
    `'content-type' header (with a type that is not one of ${SIMPLE_CONTENT_TYPES.join(', ')}) or provide a ` +
    // Apollo Server's own wording, trailing newline included, so both engines answer alike.
    `non-empty value for one of the following headers: ${PREFLIGHT_HEADERS.join(', ')}\n`
  );
}

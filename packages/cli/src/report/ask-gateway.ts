import { CliError, EXIT } from '../cli-error';
import type { View } from './annex';

/** One GraphQL request to the gateway; a missing source is left to the answer's completeness. */
export async function askGateway<T = View>(
  url: string,
  token: string,
  request: { query: string; variables: Record<string, unknown> },
): Promise<Record<string, T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    throw new CliError(`cannot reach the gateway at ${url}: ${(error as Error).message}`, EXIT.ENVIRONMENT);
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: Record<string, T> | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  if (response.status === 401 || response.status === 403) {
    throw new CliError(`the gateway refused the token: ${body.errors?.[0]?.message ?? response.statusText}`, EXIT.ENVIRONMENT);
  }
  const blocking = (body.errors ?? []).filter((e) => e.extensions?.code !== 'SOURCE_UNAVAILABLE');
  if (blocking.length || !body.data) {
    throw new CliError(
      `the gateway answered with errors: ${blocking.map((e) => e.message).join('; ') || response.statusText}`,
      EXIT.PROBLEMS,
    );
  }
  return body.data;
}

/**
 * Fetches a running subgraph's SDL. Errors name the subgraph, and say what failed, but not
 * its address beyond what the operator configured.
 */
export async function fetchSdl(
  name: string,
  url: string,
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(`subgraph ${name} did not answer at ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`subgraph ${name} answered HTTP ${response.status} at ${url}`);
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`subgraph ${name} at ${url} does not publish its SDL (_service)`);
  return sdl;
}

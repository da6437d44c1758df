import { readFileSync } from 'node:fs';
import type { GraphQLSchema } from 'graphql';
import { SYSTEM_VIEW, SYSTEM_VIEW_URL, composeSupergraph, fetchSdl, localSdl } from '@psea/composition';
import type { Logger } from '@psea/service';
import type { GatewayConfig } from './config';

const STARTUP_WAIT_MS = 60_000;

/**
 * The supergraph: the file composed ahead of time when SUPERGRAPH_PATH is set (production),
 * else composed now from the running sources' SDL, waiting up to a minute for them to start.
 */
export async function loadSupergraph(
  config: Pick<GatewayConfig, 'supergraphPath' | 'sources' | 'sourceTimeoutMs'>,
  systemView: { readonly schema: GraphQLSchema } | { readonly url: string },
  logger: Logger,
  signForSource: (audience: string, caller: 'gateway') => Promise<string>,
): Promise<string> {
  if (config.supergraphPath) return readFileSync(config.supergraphPath, 'utf8');
  const deadline = Date.now() + STARTUP_WAIT_MS;
  // A split system view is asked for its SDL like a source, with a token signed for it.
  const remote = [...config.sources, ...('url' in systemView ? [{ name: SYSTEM_VIEW, url: systemView.url }] : [])];
  const local =
    'schema' in systemView ? [{ name: SYSTEM_VIEW, url: SYSTEM_VIEW_URL, sdl: await localSdl(systemView.schema) }] : [];
  const sdls = await Promise.all(
    remote.map(async (s) => {
      for (;;) {
        try {
          const token = await signForSource(s.name, 'gateway');
          return {
            name: s.name,
            url: s.url,
            sdl: await fetchSdl(s.name, s.url, config.sourceTimeoutMs, { authorization: `Bearer ${token}` }),
          };
        } catch (error) {
          if (Date.now() > deadline) throw error;
          logger.debug({ source: s.name }, 'waiting for source to start');
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    }),
  );
  return composeSupergraph([...local, ...sdls]);
}

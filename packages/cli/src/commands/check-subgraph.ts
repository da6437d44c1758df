import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, buildASTSchema, isObjectType } from 'graphql';
import { decodeJwt } from 'jose';
import { createGatewayTokenSigner, readPrivateKey } from '@psea/auth';
import { devKeys } from '@psea/devstack';
import { CompositionError, SYSTEM_VIEW, SYSTEM_VIEW_URL, composeSupergraph, fetchSdl } from '@psea/composition';
import { CliError, EXIT } from '../cli-error';
import { checkConformance } from '../conformance/check-conformance';
import { DATA_DIR, ROOT_DIR } from '../paths';
import { printSourceSdl, printSystemViewSdl, readSources } from '../sources';

export interface CheckOptions {
  readonly url?: string;
  readonly sdl?: string;
  /** The source's name in sources.json; default: the token's audience, the registered URL, or the contributor field. */
  readonly name?: string;
  /** A conformance token from the gateway's operator (`psea conformance-token`); else PSEA_CONFORMANCE_TOKEN. */
  readonly token?: string;
}

/** The audience of a conformance token: the source it was issued for. */
function tokenAudience(token: string): string {
  try {
    const audience = decodeJwt(token).aud;
    const name = Array.isArray(audience) ? audience[0] : audience;
    if (typeof name === 'string' && name) return name;
  } catch {
    // Reported below.
  }
  throw new CliError('--token is not a conformance token (ask the gateway operator for one: psea conformance-token)', EXIT.USAGE);
}

/** The registered source served at a URL, compared by host and port. */
function registeredAt(url: string): string | undefined {
  const at = new URL(url);
  return readSources().find((s) => {
    const registered = new URL(s.url);
    return registered.hostname === at.hostname && registered.port === at.port;
  })?.name;
}

async function candidateSdl(options: CheckOptions): Promise<string> {
  if (options.sdl) {
    try {
      return readFileSync(options.sdl, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${options.sdl}: ${(error as Error).message}`, EXIT.USAGE);
    }
  }
  if (!options.url) throw new CliError('give --url <subgraph URL> or --sdl <file>', EXIT.USAGE);
  if (!/^https?:\/\/\S+$/.test(options.url)) throw new CliError(`--url must be an http(s) URL, got ${options.url}`, EXIT.USAGE);
  const token = options.token ?? process.env['PSEA_CONFORMANCE_TOKEN'];
  if (token) {
    const audience = tokenAudience(token);
    try {
      return await fetchSdl(audience, options.url, 10_000, { authorization: `Bearer ${token}` });
    } catch (error) {
      const message = (error as Error).message;
      throw new CliError(
        /401/.test(message)
          ? `${options.url} refused the conformance token for ${audience}: it is for another source, expired, or from another gateway; ask the gateway operator for a new one (psea conformance-token --source <name>)`
          : message,
      );
    }
  }
  // On the operator's own machine the gateway's key (or the development one) signs a token for
  // the source. A source accepts only a token addressed to its own name, so without --name the
  // candidates are the source registered at that address, then every registered source: the
  // one that answers is the one whose name is the token's audience (and whose contributor field
  // the check then reads from its SDL).
  const registered = registeredAt(options.url);
  const candidates = options.name
    ? [options.name]
    : [...new Set([...(registered ? [registered] : []), ...readSources().map((s) => s.name)])];
  const sign = createGatewayTokenSigner(
    await readPrivateKey(process.env['GATEWAY_SIGNING_KEY_FILE'] ?? (await devKeys(DATA_DIR)).gatewayPrivateKey),
  );
  for (const audience of candidates) {
    try {
      return await fetchSdl(audience, options.url, 10_000, { authorization: `Bearer ${await sign(audience, 'gateway')}` });
    } catch (error) {
      const message = (error as Error).message;
      if (!/401/.test(message)) throw new CliError(message);
    }
  }
  throw new CliError(
    options.name
      ? `${options.url} refused the gateway's token for "${options.name}": check that --name is the source's name in gateway/sources.json and that its GATEWAY_PUBLIC_KEY_FILE is this gateway's key, or pass --token <conformance token>`
      : `${options.url} refused the gateway's token for every registered source (${candidates.join(', ')}): register the source first (psea new-subgraph or gateway/sources.json), or pass --token <conformance token> from the gateway's operator`,
  );
}

/** The contributor field: the field of StatisticsView other than scope. */
function contributorFieldOf(sdl: string): string | undefined {
  try {
    const schema = buildASTSchema(parse(sdl), { assumeValid: true, assumeValidSDL: true });
    const view = schema.getType('StatisticsView');
    if (!view || !isObjectType(view)) return undefined;
    return Object.keys(view.getFields()).find((f) => f !== 'scope');
  } catch {
    return undefined;
  }
}

function referenceSdl(contributorField: string): string {
  return execFileSync(
    process.execPath,
    [join(ROOT_DIR, 'packages', 'cli', 'bin', 'psea.js'), 'reference-sdl', '--field', contributorField],
    {
      encoding: 'utf8',
    },
  );
}

/**
 * Checks a subgraph before it goes live: the contract's types, the contributor fields, fields
 * that could expose confidential data, and composition with the other registered sources.
 * Returns the problems, one line each.
 */
export async function checkSubgraph(options: CheckOptions): Promise<string[]> {
  const sdl = await candidateSdl(options);
  try {
    parse(sdl);
  } catch (error) {
    return [`the SDL does not parse: ${(error as Error).message}`];
  }
  const sources = readSources();
  const registered = options.name ? sources.find((s) => s.name === options.name) : undefined;
  const field = registered?.contributorField ?? contributorFieldOf(sdl);
  if (!field) return ['StatisticsView has no contributor field: the subgraph contributes nothing to the system-wide view'];
  const problems = checkConformance(sdl, referenceSdl(field), field);

  const self = registered ?? sources.find((s) => s.contributorField === field);
  const name = self?.name ?? options.name ?? field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const others = sources.filter((s) => s.name !== name);
  // The system view must require this source's field too: print it for the list with the candidate.
  const dir = mkdtempSync(join(tmpdir(), 'psea-check-'));
  try {
    const candidate = self ?? {
      name,
      contributorField: field,
      url: 'http://candidate.invalid/graphql',
      personnelCategories: ['STAFF'],
      entities: [{ code: 'CANDIDATE', name: 'candidate', kind: 'AGENCY_FUND_PROGRAMME' }],
    };
    const file = join(dir, 'sources.json');
    writeFileSync(file, JSON.stringify({ sources: [...others, candidate] }));
    const subgraphs = [
      { name: SYSTEM_VIEW, url: SYSTEM_VIEW_URL, sdl: printSystemViewSdl(file) },
      ...others.map((s) => ({ name: s.name, url: s.url, sdl: printSourceSdl(s) })),
      { name, url: 'http://candidate.invalid/graphql', sdl },
    ];
    composeSupergraph(subgraphs);
  } catch (error) {
    if (error instanceof CompositionError) problems.push(...error.messages.map((m) => `composition: ${m}`));
    else if (error instanceof CliError) throw error;
    else problems.push(`composition: ${(error as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}

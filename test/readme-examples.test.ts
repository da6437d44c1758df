import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '@psea/contract';
import { psea } from './support/psea';
import { ROOT_DIR, TestHub, postGraphQL, startTestHub } from './support/test-hub';

const README = readFileSync(join(ROOT_DIR, 'README.md'), 'utf8');

/** The fenced block of a language that follows a marker in the README. */
function blockAfter(marker: string, language: string): string {
  const at = README.indexOf(marker);
  expect(at).toBeGreaterThanOrEqual(0);
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(README.slice(at));
  if (!match) throw new Error(`no ${language} block after "${marker}" in README.md`);
  return match[1] as string;
}

/** The README stays true: its examples are run as a reader would and their described output checked. */
describe('README examples, run against the hub', () => {
  let t: TestHub;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestHub({ env: { SOURCE_TIMEOUT_MS: '30000' } });
    coordinator = await t.token({ role: Role.COORDINATOR });
  }, 300_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('"What you get": the curl request returns exactly the output the README prints', async () => {
    const curl = blockAfter('Ask the gateway for the 2016 statistics by source', 'sh');
    const payload = /-d '([^']+)'/.exec(curl)?.[1];
    expect(payload).toBeDefined();
    const { query } = JSON.parse(payload as string) as { query: string };
    const { status, ...answer } = await postGraphQL(t.hub.gatewayUrl, query, undefined, coordinator);
    expect(status).toBe(200);
    expect(answer).toEqual(JSON.parse(blockAfter('Real output:', 'json')));
  });

  it('"A case page": the query returns the records the README describes', async () => {
    const query = blockAfter('A case page:', 'graphql');
    const { data } = await postGraphQL<any>(t.hub.gatewayUrl, query, undefined, coordinator);
    const page = data.allegations;
    const description = README.slice(README.indexOf('A case page:'), README.indexOf('**When a source is down')).replace(
      /\s+/g,
      ' ',
    );
    const described = [...description.matchAll(/`(MINUSCA-2016-\d+)` \(/g)].map((m) => m[1]);
    expect(described).toHaveLength(2);
    expect(page.items.map((i: any) => i.reference)).toEqual(described);
    expect(page.items.map((i: any) => i.id)).toEqual([
      expect.stringMatching(/^peacekeeping:\d+$/),
      expect.stringMatching(/^peacekeeping:\d+$/),
    ]);
    for (const item of page.items) {
      expect(description).toContain(`nationality ${item.nationality === null ? '`null`' : `\`${item.nationality}\``}`);
      expect(item.synthetic).toBe(true);
    }
    expect(description).toMatch(/both `synthetic: true`/);
    expect(page.hasNextPage).toBe(true);
    expect(page.endCursor).toEqual(expect.any(String));
    expect(page.notices).toEqual([expect.stringMatching(/^All 2 records listed here are SYNTHETIC/)]);
  });

  it('lists every command of psea in the command table', () => {
    const help = psea(['--help']).stdout;
    const commands = [...help.matchAll(/^ {2}([a-z][a-z-]+)/gm)].map((m) => m[1]).filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['report', 'ingest', 'check-subgraph']));
    const table = README.slice(README.indexOf('`npx psea` is the command line'), README.indexOf('From an empty folder'));
    // Internal helpers the hub's own scripts call are not for users.
    for (const command of commands.filter((c) => !['reference-sdl'].includes(c as string))) {
      expect(table).toContain(`npx psea ${command}`);
    }
  });

  it('check-subgraph --url finds the source without --name, as its help says', () => {
    const help = psea(['check-subgraph', '--help']).stdout;
    expect(help).toMatch(/--name <source>.*default/);
    const result = psea(['check-subgraph', '--url', t.hub.source('agencies').process.url as string], {
      GATEWAY_SIGNING_KEY_FILE: t.hub.keys.gatewayPrivateKey,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/conforms/);
    expect(result.status).toBe(0);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sourceNames } from '../packages/cli/src/scaffold/names';
import { subgraphFiles } from '../packages/cli/src/scaffold/templates';
import { loadSubgraphDefinition, registeredSources } from '@psea/devstack';
import { SubgraphDefinition, nativeTableProblems } from '@psea/subgraph-kit';
import { useTestCluster } from './support/test-cluster';
import { ROOT_DIR } from './support/test-hub';

/**
 * A native table is described once, by its source's migrations; the mapping reads it and the
 * writer fills it through the mapping. Every source of this repository, and a source just
 * scaffolded by `psea new-subgraph`, is migrated into a fresh database and its mapping checked
 * against what the migrations made.
 */
describe('native tables, their migrations and their mappings', () => {
  const databases = useTestCluster();
  let scaffoldDir: string;
  /** A fresh database with the definition's migrations (and the kit's) applied. */
  const migrated = (name: string, migrations: SubgraphDefinition['migrations']) => databases.migratedDatabase(name, migrations);

  afterAll(() => {
    if (scaffoldDir) rmSync(scaffoldDir, { recursive: true, force: true });
  });

  const sources = registeredSources(ROOT_DIR).filter((s) => s.service);

  it.each(sources.map((s) => [s.name, s] as const))(
    '%s: the mapping reads exactly what its migrations create',
    async (name, source) => {
      const definition = loadSubgraphDefinition(ROOT_DIR, source);
      const dataSource = await migrated(`native_${name.replace(/-/g, '_')}`, definition.migrations);
      expect(await nativeTableProblems(dataSource, definition.mapping)).toEqual([]);
    },
    120_000,
  );

  it('a freshly scaffolded source: the mapping reads exactly what its migration creates', async () => {
    scaffoldDir = mkdtempSync(join(tmpdir(), 'psea-scaffold-'));
    const files = subgraphFiles(sourceNames('scaffold-probe'), 1764999999999, ['CIVILIAN_INTERNATIONAL', 'UN_VOLUNTEER']);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(scaffoldDir, path)), { recursive: true });
      writeFileSync(join(scaffoldDir, path), text);
    }
    // Loaded from its TypeScript sources, as its own tests would run it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { definition } = require(join(scaffoldDir, 'src', 'index.ts')) as { definition: SubgraphDefinition };
    const dataSource = await migrated('native_scaffold', definition.migrations);
    expect(await nativeTableProblems(dataSource, definition.mapping)).toEqual([]);
  }, 120_000);

  describe('fails when they disagree', () => {
    const peacekeeping = () =>
      loadSubgraphDefinition(
        ROOT_DIR,
        sources.find((s) => s.name === 'peacekeeping')!,
      );

    it('names every member whose column a missing migration would have added', async () => {
      const definition = peacekeeping();
      const dataSource = await migrated('native_missing_migration', definition.migrations.slice(0, 1));
      const problems = await nativeTableProblems(dataSource, definition.mapping);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^perpetratorsMen \(a\.perpetrators_male\): column a\.perpetrators_male does not exist/),
          expect.stringMatching(/^memberStateReferral\.referred \(a\.tcc_notified\): column a\.tcc_notified does not exist/),
          expect.stringMatching(
            /^criminalReferral \(a\.referred_for_prosecution\): column a\.referred_for_prosecution does not exist/,
          ),
        ]),
      );
      expect(problems.some((p) => p.startsWith('reported '))).toBe(false);
    }, 120_000);

    it('names a member that reads as another type than the kit expects', async () => {
      const definition = peacekeeping();
      const dataSource = await migrated('native_wrong_type', definition.migrations);
      await dataSource.query(
        'ALTER TABLE allegation ALTER COLUMN interim_actions DROP DEFAULT, ' +
          "ALTER COLUMN interim_actions TYPE text USING array_to_string(interim_actions, ','), " +
          'ALTER COLUMN synthetic DROP DEFAULT, ALTER COLUMN synthetic TYPE text',
      );
      expect(await nativeTableProblems(dataSource, definition.mapping)).toEqual([
        'interimActions (a.interim_actions) reads as text, expected text[]',
        'synthetic (a.synthetic) reads as text, expected boolean',
      ]);
    }, 120_000);

    it('names a member or a join that the migrations never created', async () => {
      const definition = peacekeeping();
      const dataSource = await migrated('native_renamed', definition.migrations);
      const mapping = { ...definition.mapping, nationality: 'c.nationality_code' };
      expect(await nativeTableProblems(dataSource, mapping)).toEqual([
        expect.stringMatching(/^nationality \(c\.nationality_code\): column c\.nationality_code does not exist/),
      ]);
      const from = `${definition.mapping.from} JOIN unit u ON u.id = a.contingent_id`;
      expect(await nativeTableProblems(dataSource, { ...definition.mapping, from })).toEqual([
        expect.stringMatching(/^from \(.*\): relation "unit" does not exist/),
      ]);
    }, 120_000);
  });
});

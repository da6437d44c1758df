import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors';
import { parseSourceRegistry, requireCompiledSources } from '../source-registry';
import { REGISTRY_MODULE_PATH, registryModule } from '../registry-module';
import { ENTITIES, SOURCE_CATEGORIES } from '../entities';
import { EntityKind, PersonnelCategory, Source } from '../enums';

const root = join(__dirname, '..', '..', '..', '..');
const sourcesFile = JSON.parse(readFileSync(join(root, 'gateway', 'sources.json'), 'utf8'));

describe('the source registry', () => {
  it('is compiled into the contract exactly as gateway/sources.json says (run npx psea compose after editing it)', () => {
    expect(readFileSync(join(root, REGISTRY_MODULE_PATH), 'utf8')).toBe(registryModule(parseSourceRegistry(sourcesFile)));
  });

  it('gives every source its entities and categories', () => {
    expect(Object.values(Source)).toEqual(['PEACEKEEPING', 'AGENCIES', 'NON_UN_FORCES']);
    expect(ENTITIES.find((e) => e.code === 'MINUSCA')).toMatchObject({
      source: Source.PEACEKEEPING,
      kind: EntityKind.PEACEKEEPING_OPERATION,
    });
    expect(ENTITIES.find((e) => e.code === 'UNSCO')?.kind).toBe(EntityKind.SPECIAL_POLITICAL_MISSION);
    expect(SOURCE_CATEGORIES[Source.NON_UN_FORCES]).toEqual([
      PersonnelCategory.NON_UN_FORCE,
      PersonnelCategory.NON_UN_FORCE_POLICE,
      PersonnelCategory.NON_UN_FORCE_CIVILIAN,
    ]);
  });

  it.each([
    [{ sources: [] }, /at least one source/],
    [{ sources: [{ ...sourcesFile.sources[0], name: 'Peace Keeping' }] }, /sources\[0\]\.name/],
    [{ sources: [sourcesFile.sources[0], sourcesFile.sources[0]] }, /registered twice/],
    [{ sources: [{ ...sourcesFile.sources[0], entities: [{ code: 'X1', name: 'x', kind: 'CLUB' }] }] }, /entities\[0\]\.kind/],
    [{ sources: [{ ...sourcesFile.sources[0], personnelCategories: ['PIRATE'] }] }, /PIRATE/],
  ])('rejects a malformed sources file, naming the entry (%#)', (raw, message) => {
    expect(() => parseSourceRegistry(raw)).toThrow(ConfigError);
    expect(() => parseSourceRegistry(raw)).toThrow(message);
  });

  it('tells to run psea compose for a source not compiled in yet', () => {
    const added = parseSourceRegistry({
      sources: [
        {
          ...sourcesFile.sources[0],
          name: 'example-agency',
          contributorField: 'exampleAgency',
          entities: [{ code: 'EXA', name: 'Example', kind: 'AGENCY_FUND_PROGRAMME' }],
        },
      ],
    });
    expect(() => requireCompiledSources(added)).toThrow(/psea compose/);
  });
});

import { Caller, Role, Source, loadSourceRegistry } from '@psea/contract';
import { join } from 'node:path';
import { checkLookupForCaller, scopeForCaller } from '../scope-for-caller';

const sources = loadSourceRegistry(join(__dirname, '..', '..', '..', 'sources.json'));
const own = sources[0]!;
const other = sources[1]!;
const ownEntities = own.entities.map((e) => e.code).slice(0, 2);
const focalPoint: Caller = { subject: 'fp', role: Role.FOCAL_POINT, source: own.name, entities: ownEntities };
const coordinator: Caller = { subject: 'alice', role: Role.COORDINATOR };

describe('what a caller may see of case records', () => {
  it('leaves a coordinator’s filter as asked', () => {
    expect(scopeForCaller({ sources: [other.source] }, coordinator, sources)).toEqual({ sources: [other.source] });
  });

  it('narrows a focal point’s open filter to its own source and entities, sorted', () => {
    expect(scopeForCaller({}, focalPoint, sources)).toEqual({ sources: [own.source], entities: [...ownEntities].sort() });
  });

  it('refuses a focal point another source or an entity it does not answer for, naming neither records nor codes', () => {
    expect(() => scopeForCaller({ sources: [other.source] }, focalPoint, sources)).toThrow(/for other sources/);
    const foreign = other.entities[0]!.code;
    expect(() => scopeForCaller({ entities: [foreign] }, focalPoint, sources)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', operation: 'cases' }) }),
    );
  });

  it('refuses a focal point registered for no source', () => {
    expect(() => scopeForCaller({}, { ...focalPoint, source: 'nowhere' }, sources)).toThrow(/Forbidden/);
  });

  it('lets a focal point look up its own source only', () => {
    expect(() => checkLookupForCaller(own.source, focalPoint)).not.toThrow();
    expect(() => checkLookupForCaller(other.source as Source, focalPoint)).toThrow(/for other sources/);
    expect(() => checkLookupForCaller(other.source as Source, coordinator)).not.toThrow();
  });
});

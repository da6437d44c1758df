import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { graphql } from 'graphql';
import { Caller, Dimension, Role, parseSourceRegistry } from '@psea/contract';
import { DEFAULT_SCREENING_LIMITS, ScreeningLimiter } from '@psea/subgraph-kit';
import { createLogger } from '@psea/service';
import { buildSystemViewSchema } from '../system-view/system-view.schema';

/**
 * The system view refuses what the disclosure policy withholds before any source is asked,
 * including what one source's registration makes stricter (here: non-UN forces publish no
 * nationality). Each source refuses again on its own (test/disclosure.test.ts).
 */
describe('the system view applies each source’s registered disclosure', () => {
  const registry = JSON.parse(readFileSync(join(__dirname, '..', '..', 'sources.json'), 'utf8')) as {
    sources: Array<Record<string, unknown>>;
  };
  for (const entry of registry.sources)
    if (entry['name'] === 'non-un-forces') entry['disclosure'] = { unpublished: ['NATIONALITY'] };
  const sources = parseSourceRegistry(registry);
  const reportAuthor: Caller = { subject: 'carol', role: Role.REPORT_AUTHOR };
  const coordinator: Caller = { subject: 'alice', role: Role.COORDINATOR };
  const ask = async (caller: Caller, filter: string, groupBy: Dimension[]) => {
    const schema = await schemaOnce;
    return graphql({
      schema,
      source: `{ allegationStatistics(filter: ${filter}, groupBy: [${groupBy.join(', ')}]) { scope } }`,
      contextValue: { caller },
    });
  };
  const schemaOnce = (async () =>
    buildSystemViewSchema(sources, {
      screeningKey: Buffer.alloc(32, 7),
      screeningLimiter: await ScreeningLimiter.create(
        { ...DEFAULT_SCREENING_LIMITS, perMinute: 1, perDay: 1 },
        { kind: 'memory' },
        createLogger('t', 'silent'),
      ),
    }))();

  it('refuses a report author a grouping by nationality that reaches non-UN forces, naming the argument and the source', async () => {
    const { errors } = await ask(reportAuthor, '{ year: 2016 }', [Dimension.NATIONALITY]);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'groupBy' });
    expect(errors?.[0]?.message).toMatch(/non-un-forces/);
  });

  it('answers the same grouping when the filter leaves that source out, and for a coordinator', async () => {
    expect(
      (await ask(reportAuthor, '{ year: 2016, sources: [PEACEKEEPING, AGENCIES] }', [Dimension.NATIONALITY])).errors,
    ).toBeUndefined();
    expect((await ask(coordinator, '{ year: 2016 }', [Dimension.NATIONALITY])).errors).toBeUndefined();
  });

  it('refuses a filter on nationality that reaches that source', async () => {
    const { errors } = await ask(reportAuthor, '{ year: 2016, nationalities: ["FRA"] }', [Dimension.SOURCE]);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'filter.nationalities' });
  });
});

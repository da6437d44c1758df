import { graphql } from 'graphql';
import { Authorized, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { buildFederatedSchema } from '../federation';
import { plainFields } from '../plain-fields';

@ObjectType('Item')
class Item {
  @Field(() => String) plain!: string;
  @Field(() => String, { name: 'shown' }) stored!: string;
  @Field(() => String) @Authorized('secret') guarded!: string;
  @Field(() => String) derived!: string;
}

@Resolver(() => Item)
class ItemResolver {
  @Query(() => Item)
  item(): Item {
    return { plain: 'p', stored: 's', guarded: 'g', derived: 'ignored' };
  }

  @FieldResolver(() => String)
  derived(@Root() item: Item): string {
    return `${item.plain}+`;
  }
}

describe('plain fields', () => {
  it('leaves renamed, guarded and resolved fields to type-graphql, and answers all of them as before', async () => {
    let denied = 0;
    const schema = await buildFederatedSchema<object>({
      resolvers: [ItemResolver],
      authChecker: () => {
        denied++;
        return false;
      },
    });
    expect([...plainFields()].filter((f) => f.startsWith('Item.'))).toEqual(['Item.plain']);
    expect(schema.getType('Item')).toBeDefined();
    const item = (schema.getQueryType()?.getFields() ?? {})['item'];
    expect(item).toBeDefined();
    const ok = await graphql({ schema, source: '{ item { plain shown derived } }', contextValue: {} });
    expect(ok).toEqual({ data: { item: { plain: 'p', shown: 's', derived: 'p+' } } });
    // The guard still runs: the auth checker is asked, and the field is refused.
    const guarded = await graphql({ schema, source: '{ item { guarded } }', contextValue: {} });
    expect(denied).toBe(1);
    expect(guarded.errors?.[0]?.message).toMatch(/denied|authori[sz]ed/i);
  });
});

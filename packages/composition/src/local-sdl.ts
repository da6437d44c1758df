import { GraphQLSchema, graphql } from 'graphql';

/** The SDL a federated schema in this process publishes (`_service { sdl }`), without HTTP. */
export async function localSdl(schema: GraphQLSchema): Promise<string> {
  const result = await graphql({ schema, source: '{ _service { sdl } }' });
  const sdl = (result.data?.['_service'] as { sdl?: string } | undefined)?.sdl;
  if (!sdl) throw new Error('the schema does not publish its SDL');
  return sdl;
}

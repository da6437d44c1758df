import { LocalGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { DocumentNode, GraphQLSchema, execute, parse, validate } from 'graphql';

/** Distinct operations the query planner sends the system view: a few per query shape. */
const MAX_DOCUMENTS = 1_000;

/**
 * The system view, executed in-process. Unlike Apollo's LocalGraphQLDataSource it parses and
 * validates each operation the planner sends once, not on every request (two per request).
 */
export class SystemViewDataSource extends LocalGraphQLDataSource {
  private readonly documents = new Map<string, DocumentNode>();

  constructor(private readonly systemView: GraphQLSchema) {
    super(systemView);
  }

  private document(query: string): DocumentNode | GatewayGraphQLResponse {
    const cached = this.documents.get(query);
    if (cached) return cached;
    const document = parse(query);
    const errors = validate(this.systemView, document);
    if (errors.length) return { errors: errors.map((e) => e.toJSON()) };
    if (this.documents.size >= MAX_DOCUMENTS) this.documents.delete(this.documents.keys().next().value as string);
    this.documents.set(query, document);
    return document;
  }

  override async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    const document = this.document(request.query as string);
    if (!('kind' in document)) return document;
    const result = await execute({
      schema: this.systemView,
      document,
      variableValues: request.variables,
      operationName: request.operationName,
      // The client's document too: the planner's root fetch does not say what the client selected.
      contextValue:
        'incomingRequestContext' in options && options.incomingRequestContext.document
          ? { ...context, clientDocument: options.incomingRequestContext.document }
          : context,
    });
    return {
      ...(result.data !== undefined ? { data: result.data } : {}),
      ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}),
    };
  }
}

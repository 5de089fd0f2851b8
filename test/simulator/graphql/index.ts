import { execute, GraphQLError, parse, validate, type DocumentNode, type ExecutionResult, type GraphQLFieldResolver, type GraphQLTypeResolver } from 'graphql';
import { bodyObject, json, type Ctx, type Reply } from '../http/context';
import { HttpError, notAccessibleByIntegration } from '../http/errors';
import { contextOf, GitHubGraphqlError, resolvers, type GqlContext } from './resolvers';
import { githubSchema } from './schema';

// POST /api/graphql (GHES layout; api.github.com/graphql on dotcom): GitHub's real schema,
// executed by graphql-js. A document GitHub would reject (syntax, unknown fields, wrong
// arguments) is rejected here by the same validation, before any resolver runs. Resolvers
// exist for the subset the server uses (resolvers/); any other field is an error naming it.

const AUTH_DOCS = 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql';

const fieldResolver: GraphQLFieldResolver<unknown, GqlContext> = (source, args, context, info) => {
  const resolver = resolvers[info.parentType.name]?.[info.fieldName];
  if (resolver) return resolver(source as never, args, context, info);
  // Payload objects the mutations build are plain data.
  if (source && typeof source === 'object' && !('__typename' in source) && Object.hasOwn(source, info.fieldName)) return (source as Record<string, unknown>)[info.fieldName];
  throw new GitHubGraphqlError('SIMULATOR_UNIMPLEMENTED', `The simulator does not implement ${info.parentType.name}.${info.fieldName}`);
};

const typeResolver: GraphQLTypeResolver<unknown, GqlContext> = (value) => (value as { __typename?: string }).__typename;

/** An error as GitHub lays it out: `type` (for resolver errors), `path`, `locations`, `message`. */
function formatError(error: GraphQLError): Record<string, unknown> {
  const original = error.originalError;
  const out: Record<string, unknown> = {};
  if (original instanceof GitHubGraphqlError) out.type = original.type;
  if (error.path) out.path = error.path;
  if (error.extensions && Object.keys(error.extensions).length > 0) out.extensions = error.extensions;
  if (error.locations) out.locations = error.locations;
  out.message = error.message;
  return out;
}

function errorsOnly(errors: readonly GraphQLError[]): Reply {
  return json({ errors: errors.map(formatError) });
}

export async function graphqlEndpoint(ctx: Ctx): Promise<Reply> {
  if (ctx.principal.kind === 'none') throw new HttpError(401, { message: 'This endpoint requires you to be authenticated.', documentation_url: AUTH_DOCS });
  if (ctx.principal.kind === 'jwt') throw notAccessibleByIntegration();
  const body = bodyObject(ctx);
  if (typeof body.query !== 'string') return json({ errors: [{ message: 'A query attribute must be specified and must be a string.' }] });
  const variables = body.variables ?? {};
  if (typeof variables !== 'object' || Array.isArray(variables)) return json({ errors: [{ message: 'Variables are invalid JSON.' }] });
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    if (error instanceof GraphQLError) return errorsOnly([error]);
    throw error;
  }
  const { schema } = githubSchema();
  const problems = validate(schema, document);
  if (problems.length > 0) return errorsOnly(problems);
  const result = (await execute({
    schema,
    document,
    variableValues: variables as Record<string, unknown>,
    operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
    contextValue: contextOf(ctx),
    fieldResolver,
    typeResolver,
  })) as ExecutionResult;
  const out: Record<string, unknown> = {};
  if (result.data !== undefined) out.data = result.data;
  if (result.errors && result.errors.length > 0) out.errors = result.errors.map(formatError);
  return json(out);
}

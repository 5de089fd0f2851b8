import assert from 'node:assert/strict';
import { execute, isAbstractType, isEnumType, isListType, isNonNullType, isObjectType, parse, validate, type ExecutionResult, type GraphQLFieldResolver, type GraphQLOutputType } from 'graphql';
import { githubSchema } from '../simulator/graphql/schema';

/*
 * GraphQL answers made up from GitHub's published schema (as the simulator builds it), for the
 * shaper tests of the GraphQL tools (shape.reviews, shape.discussions): the document a handler
 * sends is validated and executed with a resolver that makes up a value of each field's type.
 */

type Json = Record<string, any>;

/** How the made-up answers fill fields: every nullable one, or none that GitHub may null; lists of `listLength`. */
export interface GraphqlMode {
  nulls: boolean;
  listLength: number;
}

/**
 * A field resolver making up a value of each field's type; `uri` makes the n-th URI. Connections'
 * `nodes` (and their items) and the fields in `keep` are never null: GitHub nulls them only
 * together with an entry in `errors`, on which Octokit's graphql throws before a handler sees the data.
 */
export function madeUp(mode: GraphqlMode, keep: ReadonlySet<string>, uri: (n: number) => string): GraphQLFieldResolver<unknown, unknown> {
  let n = 0;
  const { schema } = githubSchema();
  const value = (type: GraphQLOutputType, key: string, nonNull: boolean): unknown => {
    if (isNonNullType(type)) return value(type.ofType, key, true);
    const alwaysThere = keep.has(key) || /Connection\.nodes(\[\])?$/.test(key);
    if (!nonNull && mode.nulls && !alwaysThere) return null;
    if (isListType(type)) return Array.from({ length: mode.listLength }, () => value(type.ofType, `${key}[]`, false));
    if (isObjectType(type)) return {};
    if (isAbstractType(type)) return { __typename: schema.getPossibleTypes(type)[0].name };
    if (isEnumType(type)) return type.getValues()[0].value;
    n += 1;
    switch (type.name) {
      case 'Int':
        return n;
      case 'Boolean':
        return n % 2 === 0;
      case 'ID':
        return `MADE_${n}`;
      case 'DateTime':
        return new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
      case 'URI':
        return uri(n);
      default:
        return `${key} ${n}`;
    }
  };
  return (_source, _args, _ctx, info) => value(info.returnType, `${info.parentType.name}.${info.fieldName}`, false);
}

/** The `data` of a made-up answer to a GraphQL request body; the document must validate and the variables fit it. */
export async function madeUpData(body: Json, mode: GraphqlMode, keep: readonly string[], uri: (n: number) => string): Promise<Json> {
  const { schema } = githubSchema();
  const document = parse(String(body.query));
  assert.deepEqual(validate(schema, document).map((e) => e.message), [], "the document is valid against GitHub's schema");
  const result = (await execute({ schema, document, variableValues: body.variables ?? {}, fieldResolver: madeUp(mode, new Set(keep), uri) })) as ExecutionResult;
  assert.deepEqual(result.errors?.map((e) => e.message) ?? [], [], 'the variables fit the document and the made-up answer the schema');
  return JSON.parse(JSON.stringify(result.data)) as Json;
}

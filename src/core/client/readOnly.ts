import type { Place } from './fence';

/**
 * GITHUB_READ_ONLY, enforced where every request passes: only GET and HEAD go out, plus
 * what auth itself needs and GraphQL documents that are queries and nothing else.
 */

const INSTALLATION_TOKEN = /^\/app\/installations\/\d+\/access_tokens$/;

type Body = string | Uint8Array | ArrayBuffer | null | undefined;

/** Why a request may not go out in read-only mode, or undefined when it may. */
export async function readOnlyObjection(place: Place, path: string, url: URL, method: string, body: Body): Promise<string | undefined> {
  const reads = method === 'GET' || method === 'HEAD';
  if (place === 'graphql') {
    const document = reads ? url.searchParams.get('query') : graphqlQuery(body);
    if (document === undefined || document === null) return reads ? undefined : 'its GraphQL document could not be read';
    return (await isQueryOnly(document)) ? undefined : 'it is not a GraphQL query (a mutation, subscription or unparsable document)';
  }
  if (reads) return undefined;
  if (place === 'oauth' || (place === 'api' && method === 'POST' && INSTALLATION_TOKEN.test(path))) return undefined;
  return 'it would change something on GitHub';
}

/** True when a GraphQL request body holds a document with query operations only. */
export async function isGraphqlQuery(body: Body): Promise<boolean> {
  const document = graphqlQuery(body);
  return document !== undefined && (await isQueryOnly(document));
}

function graphqlQuery(body: Body): string | undefined {
  if (body === null || body === undefined) return undefined;
  const text = typeof body === 'string' ? body : Buffer.from(body as Uint8Array).toString('utf8');
  try {
    const parsed = JSON.parse(text) as { query?: unknown };
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) && typeof parsed.query === 'string' ? parsed.query : undefined;
  } catch {
    return undefined;
  }
}

// graphql/language alone loads in ~20 ms, the whole package in ~100; only GraphQL requests pay.
let parser: Promise<typeof import('graphql/language')> | undefined;

export type GraphqlOperationKind = 'query' | 'mutation' | 'subscription';

/** What a GraphQL document holds: its operations (name and kind) and fragments, or why it does not parse. */
export type GraphqlOutline = { operations: Array<{ name?: string; kind: GraphqlOperationKind }>; onlyOperationsAndFragments: boolean } | { syntaxError: string };

/** Parses a document (with graphql-js, never by looking at its text) into its operations. */
export async function outlineGraphql(document: string): Promise<GraphqlOutline> {
  const { parse } = await (parser ??= import('graphql/language'));
  try {
    const definitions = parse(document, { noLocation: true }).definitions;
    const operations = definitions.flatMap((d) => (d.kind === 'OperationDefinition' ? [{ name: d.name?.value, kind: d.operation as GraphqlOperationKind }] : []));
    return { operations, onlyOperationsAndFragments: definitions.every((d) => d.kind === 'OperationDefinition' || d.kind === 'FragmentDefinition') };
  } catch (error) {
    return { syntaxError: error instanceof Error ? error.message : String(error) };
  }
}

async function isQueryOnly(document: string): Promise<boolean> {
  const outline = await outlineGraphql(document);
  return !('syntaxError' in outline) && outline.onlyOperationsAndFragments && outline.operations.length > 0 && outline.operations.every((o) => o.kind === 'query');
}

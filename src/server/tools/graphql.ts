import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import { isAppAuth } from '../../core/github';
import { outlineGraphql, type GraphqlOperationKind } from '../../core/client/readOnly';
import type { GitHubOctokit } from '../../core/client/octokit';
import { defineTool, isReadOnlyFor, type ToolContext, type ToolDefinition, DESTRUCTIVE } from './defineTool';
import { about, LIMITS, truncate } from './shape';

/**
 * github_graphql: PyGithub's `requester.graphql_query` escape hatch. The document always goes
 * to the configured host's GraphQL endpoint; its operation type is decided by parsing it
 * (graphql-js, the parser read-only mode's transport check uses), never by reading its text.
 */

const input = {
  query: z.string().min(1).describe('The GraphQL document'),
  variables: z.record(z.string(), z.unknown()).optional(),
  operationName: z.string().optional().describe('Which operation of a document with several to run'),
  owner: z.string().optional().describe('Account whose App installation runs it; needed only by an App without a pinned installation'),
};

const output = {
  data: z.unknown().optional().describe('The data GitHub returned, when it fits'),
  errors: z.array(z.unknown()).optional().describe("GitHub's GraphQL errors (message, type, path), returned, not thrown, beside any partial data"),
  text: z.string().optional().describe('data as JSON text, cut, when too large to return whole'),
  truncated: z.boolean().optional(),
};

const description =
  `Runs a GraphQL document against GitHub's GraphQL API, for what no other tool covers. Returns data and errors (partial data stays); data over ${LIMITS.requestJson} characters comes back as truncated text. ` +
  'Mutations change data; a read-only server runs only documents whose operations are all queries.';

type Args = { query: string; variables?: Record<string, unknown>; operationName?: string; owner?: string };

/** The operation GitHub will run: the one operationName names, or the document's only one. */
async function chosenOperation(query: string, operationName: string | undefined): Promise<{ kind: GraphqlOperationKind; queryOnly: boolean }> {
  const outline = await outlineGraphql(query);
  if ('syntaxError' in outline) throw new GitHubError('validation', `github_graphql could not parse the document: ${outline.syntaxError}`);
  const { operations } = outline;
  if (operations.length === 0) throw new GitHubError('validation', 'github_graphql: the document holds no operation (query, mutation or subscription).');
  let chosen = operations[0];
  if (operationName !== undefined) {
    const named = operations.find((o) => o.name === operationName);
    if (!named) throw new GitHubError('validation', `github_graphql: the document has no operation named ${JSON.stringify(operationName)} (it has ${operations.map((o) => o.name ?? '(anonymous)').join(', ')}).`);
    chosen = named;
  } else if (operations.length > 1) {
    throw new GitHubError('validation', 'github_graphql: the document holds several operations; give operationName to choose one.');
  }
  return { kind: chosen.kind, queryOnly: outline.onlyOperationsAndFragments && operations.every((o) => o.kind === 'query') };
}

async function clientFor(args: Args, ctx: ToolContext): Promise<GitHubOctokit> {
  if (args.owner) return ctx.github.forOwner(args.owner);
  const auth = ctx.github.auth;
  if (auth && isAppAuth(auth) && auth.pinnedInstallationId === undefined) {
    throw new GitHubError('validation', 'github_graphql acts as a GitHub App installation here: give owner, the account (org or user) whose installation should run the document.');
  }
  return ctx.github.client();
}

/** The configured host's GraphQL URL, as @octokit/graphql derives it (GHES: /api/graphql beside /api/v3). */
function graphqlUrl(client: GitHubOctokit): string {
  const baseUrl = String(client.request.endpoint.DEFAULTS.baseUrl);
  return /\/api\/v3\/?$/.test(baseUrl) ? baseUrl.replace(/\/api\/v3\/?$/, '/api/graphql') : `${baseUrl.replace(/\/$/, '')}/graphql`;
}

async function handler(args: Args, ctx: ToolContext) {
  const { kind, queryOnly } = await chosenOperation(args.query, args.operationName);
  if (isReadOnlyFor(githubGraphql, ctx.config)) {
    if (kind !== 'query') throw new GitHubError('permission', `This server is read-only (GITHUB_READ_ONLY or GITHUB_READ_ONLY_TOOLSETS), so github_graphql runs queries only; the ${kind} was not sent.`);
    if (!queryOnly) throw new GitHubError('permission', 'This server is read-only, so github_graphql sends only documents whose operations are all queries; remove the others and send again. Nothing was sent.');
  }
  const client = await clientFor(args, ctx);
  // request(), not graphql(): graphql() takes variables from its options (a variable named
  // "headers" or "url" would be mistaken for one) and throws away data when errors come too.
  const response = await about(`the GraphQL ${kind}`, client.request({ method: 'POST', url: graphqlUrl(client), query: args.query, variables: args.variables ?? {}, ...(args.operationName !== undefined ? { operationName: args.operationName } : {}) }));
  return { data: shapeResult(response.data) };
}

export const githubGraphql = defineTool({
  name: 'github_graphql',
  toolset: 'requests',
  title: 'GitHub GraphQL request',
  description,
  input,
  output,
  annotations: DESTRUCTIVE,
  needs: {},
  enforcesReadOnly: true,
  handler,
});

export const graphqlTools: ToolDefinition[] = [githubGraphql];

function shapeResult(body: unknown): { data?: unknown; errors?: unknown[]; text?: string; truncated?: boolean } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
    const cut = truncate(text, LIMITS.requestJson);
    return cut.truncated ? { text: cut.text, truncated: true } : { text: cut.text };
  }
  const { data, errors } = body as { data?: unknown; errors?: unknown };
  const out: { data?: unknown; errors?: unknown[]; text?: string; truncated?: boolean } = {};
  if (Array.isArray(errors) && errors.length > 0) {
    // Errors are kept whole unless a flood of them would crowd the data out.
    const json = JSON.stringify(errors);
    out.errors = json.length <= LIMITS.requestJson / 4 ? errors : errors.slice(0, Math.max(1, Math.floor(errors.length * ((LIMITS.requestJson / 4) / json.length))));
  }
  if (data !== undefined && data !== null) {
    const json = JSON.stringify(data);
    if (json.length <= LIMITS.requestJson) out.data = data;
    else {
      out.text = truncate(json, LIMITS.requestJson).text;
      out.truncated = true;
    }
  } else if (data === null) out.data = null;
  if (out.errors && Array.isArray(errors) && out.errors.length < errors.length) out.truncated = true;
  return out;
}

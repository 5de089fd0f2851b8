import type { GraphQLResolveInfo } from 'graphql';
import { requireRepo, type Category } from '../../access';
import { actor, type Ctx } from '../../http/context';
import { HttpError } from '../../http/errors';
import type { Account, Issue, Repo, ReviewComment, ReviewThread } from '../../model';

// What the resolvers share: the sources they hand each other (model objects tagged with their
// GraphQL type), GitHub's error types, access checks through the REST rules, and connections.

export interface GqlContext {
  ctx: Ctx;
  viewer: Account | undefined;
}

export type Source =
  | { __typename: 'Repository'; repo: Repo }
  | { __typename: 'PullRequest'; repo: Repo; issue: Issue }
  | { __typename: 'PullRequestReviewThread'; repo: Repo; issue: Issue; thread: ReviewThread }
  | { __typename: 'PullRequestReviewComment'; repo: Repo; issue: Issue; comment: ReviewComment }
  | { __typename: 'User' | 'Bot' | 'Organization'; account: Account };

export type Resolver<S = never> = (source: S, args: Record<string, unknown>, context: GqlContext, info: GraphQLResolveInfo) => unknown;
export type ResolverMap = Record<string, Record<string, Resolver<any>>>;

/** An error as GitHub reports it in `errors[]`: with a `type` (NOT_FOUND, FORBIDDEN, ...). */
export class GitHubGraphqlError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export function contextOf(ctx: Ctx): GqlContext {
  return { ctx, viewer: actor(ctx) };
}

/** requireRepo's verdict as GraphQL errors: invisible is NOT_FOUND, refused is FORBIDDEN. */
export function access(gctx: GqlContext, owner: string, name: string, category: Category, write = false): Repo {
  try {
    return requireRepo(gctx.ctx, owner, name, { category, access: write ? 'write' : 'read', userNeeds: 'read' });
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) throw new GitHubGraphqlError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
    if (error instanceof HttpError) throw new GitHubGraphqlError('FORBIDDEN', error.message);
    throw error;
  }
}

export function actorSource(account: Account | null | undefined): Source | null {
  if (!account) return null;
  return { __typename: account.type === 'Bot' ? 'Bot' : account.type === 'Organization' ? 'Organization' : 'User', account };
}

const MAX_PAGE = 100;

/** A connection over `all`: first/after or last/before (one is required, at most 100), GitHub's cursor fields. */
export function connection<T>(all: T[], args: Record<string, unknown>, name: string, wrap: (item: T) => unknown) {
  const first = args.first as number | null | undefined;
  const last = args.last as number | null | undefined;
  if (first == null && last == null) throw new GitHubGraphqlError('MISSING_PAGINATION_BOUNDARIES', `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`);
  for (const [arg, value] of [['first', first], ['last', last]] as const) {
    if (value == null) continue;
    if (value < 0) throw new GitHubGraphqlError('INVALID_PAGINATION', `\`${arg}\` on the \`${name}\` connection cannot be less than zero.`);
    if (value > MAX_PAGE) throw new GitHubGraphqlError('EXCESSIVE_PAGINATION', `Requesting ${value} records on the \`${name}\` connection exceeds the \`${arg}\` limit of ${MAX_PAGE} records.`);
  }
  let start = 0;
  let end = all.length;
  const after = cursorIndex(args.after);
  const before = cursorIndex(args.before);
  if (after !== undefined) start = Math.max(start, after + 1);
  if (before !== undefined) end = Math.min(end, before);
  if (first != null) end = Math.min(end, start + first);
  if (last != null) start = Math.max(start, end - last);
  const slice = all.slice(start, Math.max(start, end)).map((item, i) => ({ index: start + i, item }));
  const cursor = (index: number) => Buffer.from(`cursor:v2:${index}`).toString('base64');
  return {
    totalCount: all.length,
    nodes: slice.map((e) => wrap(e.item)),
    edges: slice.map((e) => ({ cursor: cursor(e.index), node: wrap(e.item) })),
    pageInfo: {
      hasNextPage: end < all.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length > 0 ? cursor(slice[0].index) : null,
      endCursor: slice.length > 0 ? cursor(slice[slice.length - 1].index) : null,
    },
  };
}

function cursorIndex(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  const prefix = 'cursor:v2:';
  const index = text.startsWith(prefix) ? Number(text.slice(prefix.length)) : NaN;
  if (!Number.isInteger(index) || index < 0) throw new GitHubGraphqlError('INVALID_CURSOR_ARGUMENTS', `\`${value}\` does not appear to be a valid cursor.`);
  return index;
}

import { iso } from '../../clock';
import type { Discussion, DiscussionCategory, DiscussionComment, Repo } from '../../model';
import { authorAssociation } from '../../render/issues';
import { decodeNodeId, nodeId } from '../ids';
import { access, actorSource, connection, GitHubGraphqlError, type GqlContext, type ResolverMap } from './common';

// Discussions (GraphQL only): Repository.discussions / discussion(number) / discussionCategories,
// Discussion, DiscussionComment (top-level comments with one level of replies), DiscussionCategory,
// and the mutations createDiscussion and addDiscussionComment. Reads need `discussions: read` of
// an installation, writes `discussions: write`; any user who can read the repository may write.

type RepoSource = { repo: Repo };
type DiscussionSource = { __typename: 'Discussion'; repo: Repo; discussion: Discussion };
type CommentSource = { __typename: 'DiscussionComment'; repo: Repo; discussion: Discussion; comment: DiscussionComment };
type CategorySource = { __typename: 'DiscussionCategory'; repo: Repo; category: DiscussionCategory };

const discussionSource = (repo: Repo, discussion: Discussion): DiscussionSource => ({ __typename: 'Discussion', repo, discussion });
const commentSource = (repo: Repo, discussion: Discussion, comment: DiscussionComment): CommentSource => ({ __typename: 'DiscussionComment', repo, discussion, comment });
const categorySource = (repo: Repo, category: DiscussionCategory): CategorySource => ({ __typename: 'DiscussionCategory', repo, category });

function notANode(id: unknown): GitHubGraphqlError {
  return new GitHubGraphqlError('NOT_FOUND', `Could not resolve to a node with the global id of '${String(id)}'`);
}

function readable(gctx: GqlContext, repo: Repo, write = false): Repo {
  return access(gctx, repo.owner.login, repo.name, 'discussions', write);
}

/** The repository and discussion behind a Discussion id the viewer may read, else NOT_FOUND. */
export function discussionById(gctx: GqlContext, id: unknown, write = false): DiscussionSource {
  const decoded = typeof id === 'string' ? decodeNodeId(id) : undefined;
  if (decoded?.type === 'Discussion') {
    for (const repo of gctx.ctx.services.world.repos.values()) {
      const discussion = repo.discussions?.find((d) => d.id === decoded.id);
      if (!discussion) continue;
      try {
        readable(gctx, repo);
      } catch (error) {
        if (error instanceof GitHubGraphqlError && error.type === 'NOT_FOUND') throw notANode(id);
        throw error;
      }
      if (write) readable(gctx, repo, true);
      return discussionSource(repo, discussion);
    }
  }
  throw notANode(id);
}

function url(gctx: GqlContext, repo: Repo, discussion: Discussion, comment?: DiscussionComment): string {
  return `${gctx.ctx.webBase}/${repo.owner.login}/${repo.name}/discussions/${discussion.number}${comment ? `#discussioncomment-${comment.id}` : ''}`;
}

const ORDER_FIELDS: Record<string, 'createdAt' | 'updatedAt'> = { CREATED_AT: 'createdAt', UPDATED_AT: 'updatedAt' };

function listDiscussions({ repo }: RepoSource, args: Record<string, unknown>, gctx: GqlContext) {
  readable(gctx, repo);
  let all = [...(repo.discussions ?? [])];
  if (args.categoryId != null) {
    const decoded = decodeNodeId(String(args.categoryId));
    const category = decoded?.type === 'DiscussionCategory' ? repo.discussionCategories?.find((c) => c.id === decoded.id) : undefined;
    if (!category) throw notANode(args.categoryId);
    all = all.filter((d) => d.categoryId === category.id);
  }
  const states = (args.states as string[] | null | undefined) ?? [];
  if (states.length > 0) all = all.filter((d) => states.includes(d.closed ? 'CLOSED' : 'OPEN'));
  if (args.answered != null) all = all.filter((d) => (d.answerId !== null) === args.answered);
  const order = (args.orderBy as { field?: string; direction?: string } | null | undefined) ?? { field: 'UPDATED_AT', direction: 'DESC' };
  const key = ORDER_FIELDS[order.field ?? 'UPDATED_AT'] ?? 'updatedAt';
  const sign = order.direction === 'ASC' ? 1 : -1;
  all.sort((a, b) => sign * (a[key].localeCompare(b[key]) || a.number - b.number));
  return connection(all, args, 'discussions', (d) => discussionSource(repo, d));
}

export const discussionResolvers: ResolverMap = {
  Repository: {
    hasDiscussionsEnabled: ({ repo }: RepoSource) => (repo.discussionCategories?.length ?? 0) > 0,
    discussions: listDiscussions,
    discussion: ({ repo }: RepoSource, args, gctx) => {
      readable(gctx, repo);
      const discussion = repo.discussions?.find((d) => d.number === args.number);
      if (!discussion) throw new GitHubGraphqlError('NOT_FOUND', `Could not resolve to a Discussion with the number of ${String(args.number)}.`);
      return discussionSource(repo, discussion);
    },
    discussionCategories: ({ repo }: RepoSource, args, gctx) => {
      readable(gctx, repo);
      return connection(repo.discussionCategories ?? [], args, 'discussionCategories', (c) => categorySource(repo, c));
    },
  },
  Discussion: {
    id: ({ discussion }: DiscussionSource) => nodeId('Discussion', discussion.id),
    databaseId: ({ discussion }: DiscussionSource) => discussion.id,
    number: ({ discussion }: DiscussionSource) => discussion.number,
    title: ({ discussion }: DiscussionSource) => discussion.title,
    body: ({ discussion }: DiscussionSource) => discussion.body,
    bodyText: ({ discussion }: DiscussionSource) => discussion.body,
    author: ({ discussion }: DiscussionSource) => actorSource(discussion.user),
    authorAssociation: ({ repo, discussion }: DiscussionSource, _args, gctx) => authorAssociation(gctx.ctx, repo, discussion.user),
    category: ({ repo, discussion }: DiscussionSource) => categorySource(repo, repo.discussionCategories?.find((c) => c.id === discussion.categoryId) as DiscussionCategory),
    closed: ({ discussion }: DiscussionSource) => discussion.closed,
    closedAt: ({ discussion }: DiscussionSource) => discussion.closedAt,
    locked: ({ discussion }: DiscussionSource) => discussion.locked,
    createdAt: ({ discussion }: DiscussionSource) => discussion.createdAt,
    updatedAt: ({ discussion }: DiscussionSource) => discussion.updatedAt,
    upvoteCount: ({ discussion }: DiscussionSource) => discussion.upvoteCount,
    isAnswered: ({ repo, discussion }: DiscussionSource) => (repo.discussionCategories?.find((c) => c.id === discussion.categoryId)?.isAnswerable ? discussion.answerId !== null : null),
    answer: ({ repo, discussion }: DiscussionSource) => {
      const answer = discussion.comments.find((c) => c.id === discussion.answerId);
      return answer ? commentSource(repo, discussion, answer) : null;
    },
    url: ({ repo, discussion }: DiscussionSource, _args, gctx) => url(gctx, repo, discussion),
    repository: ({ repo }: DiscussionSource) => ({ __typename: 'Repository', repo }),
    comments: ({ repo, discussion }: DiscussionSource, args) =>
      connection(
        discussion.comments.filter((c) => c.replyToId === null),
        args,
        'comments',
        (c) => commentSource(repo, discussion, c),
      ),
  },
  DiscussionComment: {
    id: ({ comment }: CommentSource) => nodeId('DiscussionComment', comment.id),
    databaseId: ({ comment }: CommentSource) => comment.id,
    body: ({ comment }: CommentSource) => comment.body,
    bodyText: ({ comment }: CommentSource) => comment.body,
    author: ({ comment }: CommentSource) => actorSource(comment.user),
    authorAssociation: ({ repo, comment }: CommentSource, _args, gctx) => authorAssociation(gctx.ctx, repo, comment.user),
    createdAt: ({ comment }: CommentSource) => comment.createdAt,
    updatedAt: ({ comment }: CommentSource) => comment.updatedAt,
    isAnswer: ({ discussion, comment }: CommentSource) => discussion.answerId === comment.id,
    upvoteCount: () => 0,
    url: ({ repo, discussion, comment }: CommentSource, _args, gctx) => url(gctx, repo, discussion, comment),
    discussion: ({ repo, discussion }: CommentSource) => discussionSource(repo, discussion),
    replyTo: ({ repo, discussion, comment }: CommentSource) => {
      const parent = discussion.comments.find((c) => c.id === comment.replyToId);
      return parent ? commentSource(repo, discussion, parent) : null;
    },
    replies: ({ repo, discussion, comment }: CommentSource, args) =>
      connection(
        discussion.comments.filter((c) => c.replyToId === comment.id),
        args,
        'replies',
        (c) => commentSource(repo, discussion, c),
      ),
  },
  DiscussionCategory: {
    id: ({ category }: CategorySource) => nodeId('DiscussionCategory', category.id),
    name: ({ category }: CategorySource) => category.name,
    slug: ({ category }: CategorySource) => category.slug,
    emoji: ({ category }: CategorySource) => category.emoji,
    description: ({ category }: CategorySource) => category.description,
    isAnswerable: ({ category }: CategorySource) => category.isAnswerable,
    createdAt: ({ category }: CategorySource) => category.createdAt,
    updatedAt: ({ category }: CategorySource) => category.updatedAt,
    repository: ({ repo }: CategorySource) => ({ __typename: 'Repository', repo }),
  },
  Mutation: {
    createDiscussion: (_: unknown, args, gctx) => {
      const input = (args.input ?? {}) as { repositoryId?: unknown; categoryId?: unknown; title?: unknown; body?: unknown; clientMutationId?: unknown };
      const decoded = decodeNodeId(String(input.repositoryId));
      const found = decoded?.type === 'Repository' ? [...gctx.ctx.services.world.repos.values()].find((r) => r.id === decoded.id) : undefined;
      if (!found) throw notANode(input.repositoryId);
      let repo: Repo;
      try {
        repo = readable(gctx, found);
      } catch (error) {
        if (error instanceof GitHubGraphqlError && error.type === 'NOT_FOUND') throw notANode(input.repositoryId);
        throw error;
      }
      readable(gctx, repo, true);
      const categoryId = decodeNodeId(String(input.categoryId));
      const category = categoryId?.type === 'DiscussionCategory' ? repo.discussionCategories?.find((c) => c.id === categoryId.id) : undefined;
      if (!category) throw notANode(input.categoryId);
      const title = String(input.title ?? '').trim();
      if (!title) throw new GitHubGraphqlError('UNPROCESSABLE', "Title can't be blank");
      if (!String(input.body ?? '').trim()) throw new GitHubGraphqlError('UNPROCESSABLE', "Body can't be blank");
      const world = gctx.ctx.services.world;
      const now = iso(gctx.ctx.services.clock.now());
      const number = [...repo.issues, ...(repo.discussions ?? [])].reduce((max, i) => Math.max(max, i.number), 0) + 1;
      const discussion: Discussion = { id: world.id(), number, title, body: String(input.body), user: gctx.viewer!, categoryId: category.id, createdAt: now, updatedAt: now, closed: false, closedAt: null, locked: false, comments: [], answerId: null, upvoteCount: 0 };
      (repo.discussions ??= []).push(discussion);
      return { clientMutationId: input.clientMutationId ?? null, discussion: discussionSource(repo, discussion) };
    },
    addDiscussionComment: (_: unknown, args, gctx) => {
      const input = (args.input ?? {}) as { discussionId?: unknown; replyToId?: unknown; body?: unknown; clientMutationId?: unknown };
      const { repo, discussion } = discussionById(gctx, input.discussionId, true);
      if (discussion.locked) throw new GitHubGraphqlError('FORBIDDEN', 'Discussion is locked');
      if (!String(input.body ?? '').trim()) throw new GitHubGraphqlError('UNPROCESSABLE', "Body can't be blank");
      let replyToId: number | null = null;
      if (input.replyToId != null) {
        const decoded = decodeNodeId(String(input.replyToId));
        const parent = decoded?.type === 'DiscussionComment' ? discussion.comments.find((c) => c.id === decoded.id) : undefined;
        if (!parent) throw notANode(input.replyToId);
        if (parent.replyToId !== null) throw new GitHubGraphqlError('UNPROCESSABLE', 'Parent comment is already in a thread, cannot reply to it');
        replyToId = parent.id;
      }
      const now = iso(gctx.ctx.services.clock.now());
      const comment: DiscussionComment = { id: gctx.ctx.services.world.id(), user: gctx.viewer!, body: String(input.body), createdAt: now, updatedAt: now, replyToId };
      discussion.comments.push(comment);
      discussion.updatedAt = now;
      return { clientMutationId: input.clientMutationId ?? null, comment: commentSource(repo, discussion, comment) };
    },
  },
};

import { LEVELS, type Account, type Issue, type Repo, type ReviewComment, type ReviewThread } from '../../model';
import { userLevel } from '../../access';
import { reviewsOf, threadComments, threadOutdated } from '../../reviews';
import { nodeId } from '../ids';
import { actorSource, connection, type GqlContext, type ResolverMap } from './common';
import { webUrl } from './pullRequest';

// Review threads, review comments and the actors on them.

type ThreadSource = { repo: Repo; issue: Issue; thread: ReviewThread };
type CommentSource = { repo: Repo; issue: Issue; comment: ReviewComment };
type ActorSource = { account: Account };

/** Who may resolve a thread or change a pull request: writers, and the pull request's author. */
export function canModify(gctx: GqlContext, repo: Repo, issue: Issue): boolean {
  const p = gctx.ctx.principal;
  if (p.kind === 'installation') {
    const level = p.token.permissions?.pull_requests;
    return !!level && LEVELS[level] >= LEVELS.write;
  }
  if (p.kind !== 'user') return false;
  const level = userLevel(gctx.ctx.services.world, p.user, repo);
  return (!!level && LEVELS[level] >= LEVELS.write) || issue.user.id === p.user.id;
}

function commentSource(repo: Repo, issue: Issue, comment: ReviewComment) {
  return { __typename: 'PullRequestReviewComment', repo, issue, comment };
}

export const reviewThreadResolvers: ResolverMap = {
  PullRequestReviewThread: {
    id: ({ thread }: ThreadSource) => nodeId('PullRequestReviewThread', thread.id),
    isResolved: ({ thread }: ThreadSource) => thread.resolvedBy !== null,
    isOutdated: ({ repo, issue, thread }: ThreadSource) => threadOutdated(repo, issue, thread),
    isCollapsed: ({ thread }: ThreadSource) => thread.resolvedBy !== null,
    path: ({ thread }: ThreadSource) => thread.path,
    // Like GitHub: an outdated thread no longer has a line in the current diff.
    line: ({ repo, issue, thread }: ThreadSource) => (threadOutdated(repo, issue, thread) ? null : thread.line),
    originalLine: ({ thread }: ThreadSource) => thread.line,
    startLine: ({ repo, issue, thread }: ThreadSource) => (threadOutdated(repo, issue, thread) ? null : thread.startLine),
    originalStartLine: ({ thread }: ThreadSource) => thread.startLine,
    diffSide: ({ thread }: ThreadSource) => thread.side,
    startDiffSide: ({ thread }: ThreadSource) => thread.startSide,
    subjectType: () => 'LINE',
    resolvedBy: ({ thread }: ThreadSource) => actorSource(thread.resolvedBy),
    viewerCanResolve: ({ repo, issue, thread }: ThreadSource, _args, gctx) => thread.resolvedBy === null && canModify(gctx, repo, issue),
    viewerCanUnresolve: ({ repo, issue, thread }: ThreadSource, _args, gctx) => thread.resolvedBy !== null && canModify(gctx, repo, issue),
    viewerCanReply: (_: ThreadSource, _args, gctx) => gctx.viewer !== undefined,
    pullRequest: ({ repo, issue }: ThreadSource) => ({ __typename: 'PullRequest', repo, issue }),
    repository: ({ repo }: ThreadSource) => ({ __typename: 'Repository', repo }),
    comments: ({ repo, issue, thread }: ThreadSource, args, gctx) =>
      connection(threadComments(issue, thread, gctx.viewer), args, 'comments', (c) => commentSource(repo, issue, c)),
  },
  PullRequestReviewComment: {
    id: ({ comment }: CommentSource) => nodeId('PullRequestReviewComment', comment.id),
    databaseId: ({ comment }: CommentSource) => comment.id,
    fullDatabaseId: ({ comment }: CommentSource) => String(comment.id),
    body: ({ comment }: CommentSource) => comment.body,
    bodyText: ({ comment }: CommentSource) => comment.body,
    author: ({ comment }: CommentSource) => actorSource(comment.user),
    createdAt: ({ comment }: CommentSource) => comment.createdAt,
    updatedAt: ({ comment }: CommentSource) => comment.updatedAt,
    publishedAt: ({ issue, comment }: CommentSource) => reviewsOf(issue).reviews.find((r) => r.id === comment.reviewId)?.submittedAt ?? null,
    path: ({ comment }: CommentSource) => comment.path,
    line: ({ repo, issue, comment }: CommentSource) => (threadOf(issue, comment) && threadOutdated(repo, issue, threadOf(issue, comment) as ReviewThread) ? null : comment.line),
    originalLine: ({ comment }: CommentSource) => comment.line,
    startLine: ({ comment }: CommentSource) => comment.startLine,
    diffHunk: ({ comment }: CommentSource) => comment.diffHunk,
    outdated: ({ repo, issue, comment }: CommentSource) => !!threadOf(issue, comment) && threadOutdated(repo, issue, threadOf(issue, comment) as ReviewThread),
    state: ({ issue, comment }: CommentSource) => (reviewsOf(issue).reviews.find((r) => r.id === comment.reviewId)?.state === 'PENDING' ? 'PENDING' : 'SUBMITTED'),
    url: ({ repo, issue, comment }: CommentSource, _args, gctx) => `${webUrl(gctx, repo, issue)}#discussion_r${comment.id}`,
    replyTo: ({ repo, issue, comment }: CommentSource) => {
      const parent = comment.inReplyTo === null ? undefined : reviewsOf(issue).comments.find((c) => c.id === comment.inReplyTo);
      return parent ? commentSource(repo, issue, parent) : null;
    },
    pullRequest: ({ repo, issue }: CommentSource) => ({ __typename: 'PullRequest', repo, issue }),
  },
  User: actorFields('User'),
  Bot: actorFields('Bot'),
  Organization: actorFields('Organization'),
};

function threadOf(issue: Issue, comment: ReviewComment): ReviewThread | undefined {
  return reviewsOf(issue).threads.find((t) => t.id === comment.threadId);
}

function actorFields(type: string): ResolverMap[string] {
  return {
    id: ({ account }: ActorSource) => nodeId(type, account.id),
    databaseId: ({ account }: ActorSource) => account.id,
    // GraphQL names an App's bot without the "[bot]" suffix REST shows.
    login: ({ account }: ActorSource) => (account.type === 'Bot' ? account.login.replace(/\[bot\]$/, '') : account.login),
    name: ({ account }: ActorSource) => account.name,
  };
}

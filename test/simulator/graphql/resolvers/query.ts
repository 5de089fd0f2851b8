import type { Issue, Repo } from '../../model';
import { decodeNodeId } from '../ids';
import { discussionById } from './discussions';
import { access, actorSource, GitHubGraphqlError, type GqlContext, type ResolverMap, type Source } from './common';

// Query root: repository(owner, name), node(id), viewer.

function notANode(id: string): GitHubGraphqlError {
  return new GitHubGraphqlError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
}

/** The repository and pull request holding a pull request id, thread id or review comment id. */
function locate(gctx: GqlContext, type: string, id: number): Source | undefined {
  for (const repo of gctx.ctx.services.world.repos.values()) {
    if (type === 'Repository' && repo.id === id) return { __typename: 'Repository', repo };
    for (const issue of repo.issues) {
      const pull = issue.pull;
      if (!pull) continue;
      if (type === 'PullRequest' && pull.id === id) return { __typename: 'PullRequest', repo, issue };
      const thread = type === 'PullRequestReviewThread' ? pull.reviews?.threads.find((t) => t.id === id) : undefined;
      if (thread) return { __typename: 'PullRequestReviewThread', repo, issue, thread };
      const comment = type === 'PullRequestReviewComment' ? pull.reviews?.comments.find((c) => c.id === id) : undefined;
      if (comment) return { __typename: 'PullRequestReviewComment', repo, issue, comment };
    }
  }
  return undefined;
}

/** A node the viewer may read, or NOT_FOUND (an invisible repository's nodes do not exist for them). */
export function readableNode(gctx: GqlContext, id: string, expected?: string): Source & { repo: Repo } {
  const decoded = decodeNodeId(id);
  const found = decoded && (!expected || decoded.type === expected) ? locate(gctx, decoded.type, decoded.id) : undefined;
  if (!found || !('repo' in found)) throw notANode(id);
  try {
    access(gctx, found.repo.owner.login, found.repo.name, found.__typename === 'Repository' ? 'metadata' : 'pull_requests');
  } catch (error) {
    if (error instanceof GitHubGraphqlError && error.type === 'NOT_FOUND') throw notANode(id);
    throw error;
  }
  if (found.__typename === 'PullRequestReviewComment' || found.__typename === 'PullRequestReviewThread') {
    const visible = found.__typename === 'PullRequestReviewComment' ? isVisible(gctx, found.issue, found.comment.reviewId) : found.thread.commentIds.length > 0;
    if (!visible) throw notANode(id);
  }
  return found;
}

function isVisible(gctx: GqlContext, issue: Issue, reviewId: number): boolean {
  const review = issue.pull?.reviews?.reviews.find((r) => r.id === reviewId);
  return !!review && (review.state !== 'PENDING' || review.user.id === gctx.viewer?.id);
}

export const queryResolvers: ResolverMap = {
  Query: {
    repository: (_: unknown, args, gctx) => ({ __typename: 'Repository', repo: access(gctx, String(args.owner), String(args.name), 'metadata') }),
    // A discussion needs the discussions permission, not pull_requests: it has its own lookup.
    node: (_: unknown, args, gctx) => (decodeNodeId(String(args.id))?.type === 'Discussion' ? discussionById(gctx, args.id) : readableNode(gctx, String(args.id))),
    viewer: (_: unknown, _args, gctx) => actorSource(gctx.viewer),
  },
};

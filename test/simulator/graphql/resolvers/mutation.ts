import { iso } from '../../clock';
import type { Issue, Repo } from '../../model';
import { access, GitHubGraphqlError, type GqlContext, type ResolverMap } from './common';
import { readableNode } from './query';
import { canModify } from './reviewThread';

// Mutations: resolve/unresolve a review thread, convert a pull request to a draft and back.
// Draft state is the same flag REST shows as `draft`.

type Input = { threadId?: unknown; pullRequestId?: unknown; clientMutationId?: unknown };

/** Writers and the pull request's author may; Apps need pull_requests:write. Others get FORBIDDEN, as on GitHub. */
function mayModify(gctx: GqlContext, repo: Repo, issue: Issue, mutation: string): void {
  access(gctx, repo.owner.login, repo.name, 'pull_requests', true);
  if (!canModify(gctx, repo, issue)) {
    const who = gctx.viewer?.login ?? 'The viewer';
    throw new GitHubGraphqlError('FORBIDDEN', `${who} does not have the correct permissions to execute \`${mutation}\``);
  }
}

function inputOf(args: Record<string, unknown>): Input {
  return (args.input ?? {}) as Input;
}

function threadMutation(resolve: boolean, mutation: string) {
  return (_: unknown, args: Record<string, unknown>, gctx: GqlContext) => {
    const input = inputOf(args);
    const found = readableNode(gctx, String(input.threadId), 'PullRequestReviewThread');
    if (found.__typename !== 'PullRequestReviewThread') throw new Error('unreachable');
    mayModify(gctx, found.repo, found.issue, mutation);
    found.thread.resolvedBy = resolve ? (gctx.viewer ?? null) : null;
    return { clientMutationId: input.clientMutationId ?? null, thread: found };
  };
}

function draftMutation(draft: boolean, mutation: string) {
  return (_: unknown, args: Record<string, unknown>, gctx: GqlContext) => {
    const input = inputOf(args);
    const found = readableNode(gctx, String(input.pullRequestId), 'PullRequest');
    if (found.__typename !== 'PullRequest') throw new Error('unreachable');
    const { repo, issue } = found;
    mayModify(gctx, repo, issue, mutation);
    const pull = issue.pull as NonNullable<Issue['pull']>;
    if (issue.state !== 'open') throw new GitHubGraphqlError('UNPROCESSABLE', `Pull request is ${pull.merged ? 'merged' : 'closed'}`);
    if (pull.draft !== draft) {
      pull.draft = draft;
      issue.updatedAt = iso(gctx.ctx.services.clock.now());
    }
    return { clientMutationId: input.clientMutationId ?? null, pullRequest: found };
  };
}

export const mutationResolvers: ResolverMap = {
  Mutation: {
    resolveReviewThread: threadMutation(true, 'ResolveReviewThread'),
    unresolveReviewThread: threadMutation(false, 'UnresolveReviewThread'),
    convertPullRequestToDraft: draftMutation(true, 'ConvertPullRequestToDraft'),
    markPullRequestReadyForReview: draftMutation(false, 'MarkPullRequestReadyForReview'),
  },
};

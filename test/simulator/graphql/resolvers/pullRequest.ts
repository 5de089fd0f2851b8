import { findIssue } from '../../routes/issues';
import { HttpError } from '../../http/errors';
import type { Issue, Repo } from '../../model';
import { threadComments } from '../../reviews';
import { nodeId } from '../ids';
import { access, connection, GitHubGraphqlError, type ResolverMap } from './common';

// Repository and PullRequest fields.

type RepoSource = { repo: Repo };
type PullSource = { repo: Repo; issue: Issue };

function webUrl(gctx: { ctx: { webBase: string } }, repo: Repo, issue: Issue): string {
  return `${gctx.ctx.webBase}/${repo.owner.login}/${repo.name}/pull/${issue.number}`;
}

export const pullRequestResolvers: ResolverMap = {
  Repository: {
    id: ({ repo }: RepoSource) => nodeId('Repository', repo.id),
    databaseId: ({ repo }: RepoSource) => repo.id,
    name: ({ repo }: RepoSource) => repo.name,
    nameWithOwner: ({ repo }: RepoSource) => `${repo.owner.login}/${repo.name}`,
    isPrivate: ({ repo }: RepoSource) => repo.private,
    pullRequest: ({ repo }: RepoSource, args, gctx) => {
      access(gctx, repo.owner.login, repo.name, 'pull_requests');
      let issue: Issue | undefined;
      try {
        issue = findIssue(repo, String(args.number));
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
      }
      if (!issue?.pull) throw new GitHubGraphqlError('NOT_FOUND', `Could not resolve to a PullRequest with the number of ${args.number}.`);
      return { __typename: 'PullRequest', repo, issue };
    },
  },
  PullRequest: {
    id: ({ issue }: PullSource) => nodeId('PullRequest', (issue.pull as NonNullable<Issue['pull']>).id),
    databaseId: ({ issue }: PullSource) => issue.pull?.id,
    number: ({ issue }: PullSource) => issue.number,
    title: ({ issue }: PullSource) => issue.title,
    isDraft: ({ issue }: PullSource) => issue.pull?.draft,
    merged: ({ issue }: PullSource) => issue.pull?.merged,
    state: ({ issue }: PullSource) => (issue.pull?.merged ? 'MERGED' : issue.state === 'open' ? 'OPEN' : 'CLOSED'),
    url: ({ repo, issue }: PullSource, _args, gctx) => webUrl(gctx, repo, issue),
    repository: ({ repo }: PullSource) => ({ __typename: 'Repository', repo }),
    reviewThreads: ({ repo, issue }: PullSource, args, gctx) => {
      const threads = (issue.pull?.reviews?.threads ?? []).filter((t) => threadComments(issue, t, gctx.viewer).length > 0);
      return connection(threads, args, 'reviewThreads', (thread) => ({ __typename: 'PullRequestReviewThread', repo, issue, thread }));
    },
  },
};

export { webUrl };

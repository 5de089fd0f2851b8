import { nodeId } from '../random';
import { pullHeadSha } from '../git';
import { combinedState, latestStatuses } from '../ci';
import type { CheckRun, CommitStatus, Repo } from '../model';
import type { Ctx } from '../http/context';
import { appJson, simpleUser } from './accounts';
import { repoJson } from './repos';

// Commit statuses, combined statuses and check runs in GitHub's JSON shapes.

function repoUrl(ctx: Ctx, repo: Repo): string {
  return `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}`;
}

/** simple-commit-status: an entry of the combined status. */
export function simpleStatusJson(ctx: Ctx, repo: Repo, s: CommitStatus): Record<string, unknown> {
  return {
    url: `${repoUrl(ctx, repo)}/statuses/${s.sha}`,
    avatar_url: s.creator ? `${ctx.webBase}/avatars/u/${s.creator.id}?` : null,
    id: s.id,
    node_id: nodeId('StatusContext', s.id),
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

/** status: what POST /statuses/{sha} and GET /commits/{ref}/statuses answer. */
export function statusJson(ctx: Ctx, repo: Repo, s: CommitStatus): Record<string, unknown> {
  return { ...simpleStatusJson(ctx, repo, s), creator: s.creator ? simpleUser(ctx, s.creator) : null };
}

export function combinedStatusJson(ctx: Ctx, repo: Repo, sha: string): Record<string, unknown> {
  const latest = latestStatuses(repo, sha);
  return {
    state: combinedState(latest),
    statuses: latest.map((s) => simpleStatusJson(ctx, repo, s)),
    sha,
    total_count: latest.length,
    repository: repoJson(ctx, repo),
    commit_url: `${repoUrl(ctx, repo)}/commits/${sha}`,
    url: `${repoUrl(ctx, repo)}/commits/${sha}/status`,
  };
}

function minimalPull(ctx: Ctx, repo: Repo, number: number, id: number, head: { ref: string; sha: string }, base: { ref: string; sha: string }): Record<string, unknown> {
  const r = { id: repo.id, url: repoUrl(ctx, repo), name: repo.name };
  return { url: `${repoUrl(ctx, repo)}/pulls/${number}`, id, number, head: { ...head, repo: r }, base: { ...base, repo: r } };
}

export function checkRunJson(ctx: Ctx, repo: Repo, run: CheckRun): Record<string, unknown> {
  const app = ctx.services.world.apps.get(run.appId);
  // Open pull requests whose head is this commit, as GitHub lists them.
  const pulls = repo.issues
    .filter((i) => i.pull && i.state === 'open' && pullHeadSha(repo, i) === run.headSha)
    .map((i) => {
      const pull = i.pull as NonNullable<typeof i.pull>;
      return minimalPull(ctx, repo, i.number, pull.id, { ref: pull.headRef, sha: run.headSha }, { ref: pull.baseRef, sha: repo.branches.get(pull.baseRef) ?? run.headSha });
    });
  const url = `${repoUrl(ctx, repo)}/check-runs/${run.id}`;
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: nodeId('CheckRun', run.id),
    external_id: run.externalId ?? '',
    url,
    html_url: `${ctx.webBase}/${repo.owner.login}/${repo.name}/runs/${run.id}`,
    details_url: run.detailsUrl ?? (app ? `${ctx.webBase}/apps/${app.slug}` : null),
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: { ...run.output, annotations_count: 0, annotations_url: `${url}/annotations` },
    name: run.name,
    check_suite: { id: run.checkSuiteId },
    app: app ? appJson(ctx, app) : null,
    pull_requests: pulls,
  };
}

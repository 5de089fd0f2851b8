import { requireRepo } from '../access';
import { iso } from '../clock';
import { comparePull, createCommit, pullHeadSha } from '../git';
import { actor, bodyObject, json, optString, type Ctx, type Reply } from '../http/context';
import { ghError, missingField, notFound, validationFailed } from '../http/errors';
import type { Router } from '../http/router';
import type { Account, Issue, Repo } from '../model';
import { pullJson } from '../render/issues';
import { findIssue } from './issues';

// Pull request branch updates (merge the base into the head) and review requests.

const UPDATE_DOCS = 'https://docs.github.com/rest/pulls/pulls#update-a-pull-request-branch';
const REVIEW_DOCS = 'https://docs.github.com/rest/pulls/review-requests#request-reviewers-for-a-pull-request';

function findPull(repo: Repo, number: string): Issue & { pull: NonNullable<Issue['pull']> } {
  const issue = findIssue(repo, number);
  if (!issue.pull) throw notFound();
  return issue as Issue & { pull: NonNullable<Issue['pull']> };
}

function updateBranch(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'pull_requests', access: 'write' });
  // An App also needs to write the head repository's contents (it pushes a merge commit there).
  if (ctx.principal.kind === 'installation') requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'contents', access: 'write' });
  const issue = findPull(repo, ctx.params.number);
  const body = bodyObject(ctx);
  const pull = issue.pull;
  if (issue.state !== 'open') throw ghError(422, 'Cannot update a closed pull request.', UPDATE_DOCS);
  const headSha = pullHeadSha(repo, issue);
  const expected = optString(body.expected_head_sha);
  if (expected !== undefined && expected !== headSha) throw ghError(422, "expected head sha didn't match current head ref.", UPDATE_DOCS);
  const baseSha = repo.branches.get(pull.baseRef);
  if (!baseSha || !repo.branches.has(pull.headRef)) throw ghError(422, 'The head or base branch of this pull request no longer exists.', UPDATE_DOCS);
  // Merging the base into the head: the head is the "base" of this comparison.
  const cmp = comparePull(repo, headSha, baseSha);
  if (cmp.commits.length === 0) throw ghError(422, 'There are no new commits on the base branch.', UPDATE_DOCS);
  if (!cmp.mergedTree) throw ghError(422, 'merge conflict between base and head', UPDATE_DOCS);
  const date = iso(ctx.services.clock.now());
  const commit = createCommit(repo, {
    parents: [headSha, baseSha],
    tree: cmp.mergedTree,
    message: `Merge branch '${pull.baseRef}' into ${pull.headRef}`,
    author: actor(ctx) ?? null,
    date,
  });
  repo.branches.set(pull.headRef, commit.sha);
  repo.pushedAt = date;
  issue.updatedAt = date;
  return json({ message: 'Updating pull request branch.', url: `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}/pulls/${issue.number}` }, 202);
}

function stringList(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw validationFailed([{ resource: 'PullRequest', field, code: 'invalid' }]);
  return value as string[];
}

/** Who may be asked: the owner, direct collaborators and members of the owning organization. */
function isCollaborator(ctx: Ctx, repo: Repo, user: Account): boolean {
  if (repo.owner.id === user.id || repo.collaborators.has(user.login)) return true;
  return ctx.services.world.account(repo.owner.login)?.members?.has(user.login) ?? false;
}

function requestReviewers(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'pull_requests', access: 'write' });
  const issue = findPull(repo, ctx.params.number);
  const body = bodyObject(ctx);
  const reviewers = stringList(body.reviewers, 'reviewers') ?? [];
  const teams = stringList(body.team_reviewers, 'team_reviewers') ?? [];
  const notCollaborator = ghError(
    422,
    `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.owner.login}/${repo.name} repository.`,
    REVIEW_DOCS,
  );
  const users: Account[] = [];
  for (const login of reviewers) {
    const user = ctx.services.world.account(login);
    if (user && user.id === issue.user.id) throw ghError(422, 'Review cannot be requested from pull request author.', REVIEW_DOCS);
    if (!user || user.type !== 'User' || !isCollaborator(ctx, repo, user)) throw notCollaborator;
    users.push(user);
  }
  // The simulator has no teams: every team slug is one GitHub would not find among the collaborators.
  if (teams.length > 0) throw notCollaborator;
  const current = (issue.pull.requestedReviewers ??= []);
  for (const user of users) if (!current.some((u) => u.id === user.id)) current.push(user);
  issue.updatedAt = iso(ctx.services.clock.now());
  return json(pullJson(ctx, repo, issue), 201);
}

function removeReviewers(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'pull_requests', access: 'write' });
  const issue = findPull(repo, ctx.params.number);
  const body = bodyObject(ctx);
  const reviewers = stringList(body.reviewers, 'reviewers');
  if (reviewers === undefined) throw missingField('PullRequest', 'reviewers');
  stringList(body.team_reviewers, 'team_reviewers');
  const drop = new Set(reviewers.map((l) => l.toLowerCase()));
  if (issue.pull.requestedReviewers) issue.pull.requestedReviewers = issue.pull.requestedReviewers.filter((u) => !drop.has(u.login.toLowerCase()));
  issue.updatedAt = iso(ctx.services.clock.now());
  return json(pullJson(ctx, repo, issue));
}

export function pullUpdateRoutes(router: Router): void {
  router
    .add('PUT', '/repos/:owner/:repo/pulls/:number/update-branch', updateBranch)
    .add('POST', '/repos/:owner/:repo/pulls/:number/requested_reviewers', requestReviewers)
    .add('DELETE', '/repos/:owner/:repo/pulls/:number/requested_reviewers', removeReviewers);
}

import { requireRepo } from '../access';
import { iso } from '../clock';
import { comparePull, pullBaseSha, pullHeadSha, renderDiff, type PullComparison } from '../git';
import { actor, bodyObject, json, optString, type Ctx, type Reply } from '../http/context';
import { ghError, missingField, notFound, validationFailed } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Account, Issue, Repo } from '../model';
import { createIssue, mergePull, setIssueState, type MergeMethod } from '../mutations';
import { commitJson, fileChangeJson } from '../render/git';
import { pullJson } from '../render/issues';
import { findIssue, sortIssues } from './issues';

// Pull requests: list, get (JSON or diff), files, create, update and merge.

const MERGE_DOCS = 'https://docs.github.com/rest/pulls/pulls#merge-a-pull-request';
const pullsRead = { category: 'pull_requests' as const, access: 'read' as const };

function findPull(repo: Repo, number: string): Issue {
  const issue = findIssue(repo, number);
  if (!issue.pull) throw notFound();
  return issue;
}

function comparison(repo: Repo, issue: Issue): PullComparison | undefined {
  const base = pullBaseSha(repo, issue);
  return base ? comparePull(repo, base, pullHeadSha(repo, issue)) : undefined;
}

function listPulls(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, pullsRead);
  const q = ctx.query;
  const state = q.get('state') ?? 'open';
  const head = q.get('head');
  const headRef = head?.includes(':') ? head.split(':')[1] : head;
  const headOwner = head?.includes(':') ? head.split(':')[0].toLowerCase() : repo.owner.login.toLowerCase();
  const base = q.get('base');
  const pulls = repo.issues.filter(
    (i) =>
      i.pull &&
      (state === 'all' || i.state === state) &&
      (!headRef || (i.pull.headRef === headRef && headOwner === repo.owner.login.toLowerCase())) &&
      (!base || i.pull.baseRef === base),
  );
  const sort = q.get('sort') ?? 'created';
  const key = sort === 'popularity' ? 'comments' : sort === 'updated' ? 'updated' : 'created';
  const direction = q.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
  return json(paginate(ctx, sortIssues(pulls, key, direction)).map((i) => pullJson(ctx, repo, i)));
}

function getPull(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, pullsRead);
  const issue = findPull(repo, ctx.params.number);
  const accept = String(ctx.headers.accept ?? '');
  if (/application\/vnd\.github(\.v3)?\.(diff|patch)/i.test(accept)) {
    const cmp = comparison(repo, issue);
    return { status: 200, text: cmp ? renderDiff(cmp.changes, cmp.baseTree) : '', contentType: 'text/plain; charset=utf-8' };
  }
  return json(pullJson(ctx, repo, issue, true));
}

function createPull(ctx: Ctx): Reply {
  // Opening a PR needs only read access to the repository (no forks here); apps need pull_requests:write.
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'pull_requests', access: 'write', userNeeds: 'read' });
  const body = bodyObject(ctx);
  const title = optString(body.title);
  const headParam = optString(body.head);
  const base = optString(body.base);
  if (!title) throw missingField('PullRequest', 'title');
  if (!headParam) throw missingField('PullRequest', 'head');
  if (!base) throw missingField('PullRequest', 'base');
  const [owner, head] = headParam.includes(':') ? headParam.split(':', 2) : [repo.owner.login, headParam];
  if (owner.toLowerCase() !== repo.owner.login.toLowerCase() || !repo.branches.has(head)) throw validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
  if (!repo.branches.has(base)) throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
  const headSha = repo.branches.get(head) as string;
  const cmp = comparePull(repo, repo.branches.get(base) as string, headSha);
  if (head === base || cmp.commits.length === 0) {
    throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` }]);
  }
  if (repo.issues.some((i) => i.pull && i.state === 'open' && i.pull.headRef === head && i.pull.baseRef === base)) {
    throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.owner.login}:${head}.` }]);
  }
  const issue = createIssue(ctx.services.world, repo, {
    title,
    body: optString(body.body) ?? null,
    user: actor(ctx) as Account,
    createdAt: iso(ctx.services.clock.now()),
    pull: { headRef: head, headSha, baseRef: base, draft: body.draft === true },
  });
  const out = pullJson(ctx, repo, issue, true);
  return { ...json(out, 201), headers: { location: String(out.url) } };
}

function updatePull(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'pull_requests', access: 'write' });
  const issue = findPull(repo, ctx.params.number);
  const body = bodyObject(ctx);
  const when = iso(ctx.services.clock.now());
  if (optString(body.title)) issue.title = body.title as string;
  if (body.body !== undefined) issue.body = optString(body.body) ?? null;
  if (optString(body.base)) {
    if (!repo.branches.has(body.base as string)) throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
    (issue.pull as NonNullable<Issue['pull']>).baseRef = body.base as string;
  }
  if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed') throw validationFailed([{ resource: 'PullRequest', field: 'state', code: 'invalid', value: body.state }]);
  if (typeof body.maintainer_can_modify === 'boolean') (issue.pull as NonNullable<Issue['pull']>).maintainerCanModify = body.maintainer_can_modify;
  if (body.state === 'open' || body.state === 'closed') {
    if (issue.pull?.merged) throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: 'Cannot change the state of a merged pull request' }]);
    if (body.state === 'closed') (issue.pull as NonNullable<Issue['pull']>).headSha = pullHeadSha(repo, issue);
    setIssueState(issue, body.state, actor(ctx) as Account, when);
  }
  issue.updatedAt = when;
  return json(pullJson(ctx, repo, issue, true));
}

function mergeRoute(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'contents', access: 'write' });
  const issue = findPull(repo, ctx.params.number);
  const body = bodyObject(ctx);
  const method = (optString(body.merge_method) ?? 'merge') as MergeMethod;
  if (!['merge', 'squash', 'rebase'].includes(method)) throw validationFailed([{ resource: 'PullRequest', field: 'merge_method', code: 'invalid', value: method }]);
  if (issue.state !== 'open') throw ghError(405, 'Pull Request is not mergeable', MERGE_DOCS);
  if (issue.pull?.draft) throw ghError(405, 'Pull Request is still a draft', MERGE_DOCS);
  const sha = optString(body.sha);
  if (sha !== undefined && sha !== pullHeadSha(repo, issue)) throw ghError(409, 'Head branch was modified. Review and try the merge again.', MERGE_DOCS);
  const commit = mergePull(repo, issue, {
    method,
    by: actor(ctx) as Account,
    date: iso(ctx.services.clock.now()),
    title: optString(body.commit_title),
    message: optString(body.commit_message),
  });
  if (!commit) throw ghError(405, 'Pull Request is not mergeable', MERGE_DOCS);
  return json({ sha: commit.sha, merged: true, message: 'Pull Request successfully merged' });
}

export function pullRoutes(router: Router): void {
  router
    .add('GET', '/repos/:owner/:repo/pulls', listPulls)
    .add('POST', '/repos/:owner/:repo/pulls', createPull)
    .add('GET', '/repos/:owner/:repo/pulls/:number', getPull)
    .add('PATCH', '/repos/:owner/:repo/pulls/:number', updatePull)
    .add('GET', '/repos/:owner/:repo/pulls/:number/files', (ctx) => {
      const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, pullsRead);
      const issue = findPull(repo, ctx.params.number);
      const head = pullHeadSha(repo, issue);
      return json(paginate(ctx, comparison(repo, issue)?.changes ?? []).map((f) => fileChangeJson(ctx, repo, f, head)));
    })
    .add('GET', '/repos/:owner/:repo/pulls/:number/commits', (ctx) => {
      const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, pullsRead);
      const issue = findPull(repo, ctx.params.number);
      return json(paginate(ctx, comparison(repo, issue)?.commits ?? []).map((c) => commitJson(ctx, repo, c)));
    })
    .add('PUT', '/repos/:owner/:repo/pulls/:number/merge', mergeRoute)
    .add('GET', '/repos/:owner/:repo/pulls/:number/merge', (ctx) => {
      const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, pullsRead);
      if (!findPull(repo, ctx.params.number).pull?.merged) throw ghError(404, 'Not Found');
      return { status: 204 };
    });
}

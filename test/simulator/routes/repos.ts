import { requireRepo } from '../access';
import { diffTrees, history, resolveRef } from '../git';
import { json, type Ctx, type Reply } from '../http/context';
import { ghError } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Commit, Repo } from '../model';
import { branchJson, commitJson, segments } from '../render/git';
import { repoJson } from '../render/repos';

// Repository metadata, branches, git refs and commits.

const read = (category: 'metadata' | 'contents') => ({ category, access: 'read' as const });
const repoOf = (ctx: Ctx, category: 'metadata' | 'contents' = 'metadata'): Repo => requireRepo(ctx, ctx.params.owner, ctx.params.repo, read(category));

function touches(repo: Repo, commit: Commit, path: string): boolean {
  const parent = commit.parents[0] ? repo.commits.get(commit.parents[0]) : undefined;
  const before = parent?.tree ?? new Map();
  const prefix = path.replace(/\/+$/, '');
  return diffTrees(before, commit.tree).some((c) => c.filename === prefix || c.filename.startsWith(`${prefix}/`));
}

function listCommits(ctx: Ctx): Reply {
  const repo = repoOf(ctx, 'contents');
  const ref = ctx.query.get('sha');
  if (repo.commits.size === 0) throw ghError(409, 'Git Repository is empty.', 'https://docs.github.com/rest/commits/commits#list-commits');
  const tip = resolveRef(repo, ref);
  if (!tip) throw ghError(404, `No commit found for SHA: ${ref}`);
  const path = ctx.query.get('path');
  const author = ctx.query.get('author')?.toLowerCase();
  const since = ctx.query.get('since');
  const until = ctx.query.get('until');
  const commits = history(repo, tip.sha).filter(
    (c) =>
      (!path || touches(repo, c, path)) &&
      (!author || c.author?.login.toLowerCase() === author || c.authorEmail.toLowerCase() === author) &&
      (!since || c.date >= since) &&
      (!until || c.date <= until),
  );
  return json(paginate(ctx, commits).map((c) => commitJson(ctx, repo, c)));
}

function getCommit(ctx: Ctx): Reply {
  const repo = repoOf(ctx, 'contents');
  const commit = resolveRef(repo, ctx.params.ref);
  if (!commit) throw ghError(422, `No commit found for SHA: ${ctx.params.ref}`, 'https://docs.github.com/rest/commits/commits#get-a-commit');
  const parent = commit.parents[0] ? repo.commits.get(commit.parents[0]) : undefined;
  return json(commitJson(ctx, repo, commit, diffTrees(parent?.tree ?? new Map(), commit.tree)));
}

export function repoRoutes(router: Router): void {
  router
    .add('GET', '/repos/:owner/:repo', (ctx) => json(repoJson(ctx, repoOf(ctx), true)))
    .add('GET', '/repositories/:id', (ctx) => {
      const repo = ctx.services.world.reposById.get(Number(ctx.params.id));
      if (!repo) throw ghError(404, 'Not Found');
      return json(repoJson(ctx, requireRepo(ctx, repo.owner.login, repo.name, read('metadata')), true));
    })
    .add('GET', '/repos/:owner/:repo/branches', (ctx) => {
      const repo = repoOf(ctx);
      const only = ctx.query.get('protected');
      const all = [...repo.branches.entries()]
        .filter(([name]) => only === null || (only === 'true') === (repo.protectedBranches?.has(name) ?? false))
        .sort(([a], [b]) => (a < b ? -1 : 1));
      return json(paginate(ctx, all).map(([name, sha]) => branchJson(ctx, repo, name, sha)));
    })
    .add('GET', '/repos/:owner/:repo/branches/*branch', (ctx) => {
      const repo = repoOf(ctx);
      const sha = repo.branches.get(ctx.params.branch);
      const commit = sha ? repo.commits.get(sha) : undefined;
      if (!commit) throw ghError(404, 'Branch not found', 'https://docs.github.com/rest/branches/branches#get-a-branch');
      const html = `${ctx.webBase}/${repo.owner.login}/${repo.name}/tree/${segments(ctx.params.branch)}`;
      const self = `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}/branches/${segments(ctx.params.branch)}`;
      return json({
        name: ctx.params.branch,
        commit: commitJson(ctx, repo, commit),
        _links: { self, html },
        protected: repo.protectedBranches?.has(ctx.params.branch) ?? false,
        // What GitHub answers for an unprotected branch (enabled: true for a protected one).
        protection: { enabled: repo.protectedBranches?.has(ctx.params.branch) ?? false, required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] } },
        protection_url: `${self}/protection`,
      });
    })
    .add('GET', '/repos/:owner/:repo/commits', listCommits)
    .add('GET', '/repos/:owner/:repo/commits/:ref', getCommit);
}

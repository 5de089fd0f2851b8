import { canSee, requireRepo } from '../access';
import { pullBaseSha, pullHeadSha, comparePull } from '../git';
import { json, type Ctx, type Reply } from '../http/context';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Commit, Issue, Repo } from '../model';
import { commentedJson, committedJson, eventJson } from '../render/timeline';
import { findIssue } from './issues';

// GET /repos/{owner}/{repo}/issues/{n}/timeline: the recorded events, the comments and (for a pull
// request) its commits, oldest first. A cross-reference from a repository the caller cannot see is
// left out, as on GitHub.

interface Entry {
  at: string;
  order: number;
  render: () => Record<string, unknown>;
}

function pullCommits(repo: Repo, issue: Issue): Commit[] {
  if (!issue.pull) return [];
  const base = pullBaseSha(repo, issue);
  const head = pullHeadSha(repo, issue);
  if (!base || !repo.commits.has(base) || !repo.commits.has(head)) return [];
  return comparePull(repo, base, head).commits;
}

function timeline(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'issues', access: 'read' });
  const issue = findIssue(repo, ctx.params.number);
  const entries: Entry[] = [];
  let order = 0;
  for (const e of issue.timeline ?? []) {
    const other = e.source ?? e.related;
    if (other && !canSee(ctx, other.repo)) continue;
    entries.push({ at: e.createdAt, order: order++, render: () => eventJson(ctx, repo, e) });
  }
  for (const c of issue.comments) entries.push({ at: c.createdAt, order: order++, render: () => commentedJson(ctx, repo, issue, c) });
  for (const c of pullCommits(repo, issue)) entries.push({ at: c.date, order: order++, render: () => committedJson(ctx, repo, c) });
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
  return json(paginate(ctx, entries).map((e) => e.render()));
}

export function timelineRoutes(router: Router): void {
  router.add('GET', '/repos/:owner/:repo/issues/:number/timeline', timeline);
}

import { requireRepo } from '../access';
import { json, type Ctx, type Reply } from '../http/context';
import { ghError, notFound, validationFailed } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Milestone, Repo } from '../model';
import { labelJson, milestoneJson } from '../render/issues';
import { issueTypeJson } from '../render/timeline';

// Milestones, one label by name, and an organization's issue types.

const issuesRead = { category: 'issues' as const, access: 'read' as const };

function completeness(repo: Repo, m: Milestone): number {
  const issues = repo.issues.filter((i) => i.milestoneNumber === m.number);
  return issues.length === 0 ? 0 : issues.filter((i) => i.state === 'closed').length / issues.length;
}

function listMilestones(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesRead);
  const state = ctx.query.get('state') ?? 'open';
  const sort = ctx.query.get('sort') ?? 'due_on';
  const direction = ctx.query.get('direction') ?? 'asc';
  if (!['open', 'closed', 'all'].includes(state)) throw validationFailed([{ resource: 'Milestone', field: 'state', code: 'invalid' }]);
  if (!['due_on', 'completeness'].includes(sort)) throw validationFailed([{ resource: 'Milestone', field: 'sort', code: 'invalid' }]);
  const sign = direction === 'desc' ? -1 : 1;
  const chosen = (repo.milestones ?? []).filter((m) => state === 'all' || m.state === state);
  const sorted = [...chosen].sort((a, b) => {
    if (sort === 'completeness') return sign * (completeness(repo, a) - completeness(repo, b)) || a.number - b.number;
    // Milestones without a due date come last either way.
    if (a.dueOn === b.dueOn) return a.number - b.number;
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return sign * (a.dueOn < b.dueOn ? -1 : 1);
  });
  return json(paginate(ctx, sorted).map((m) => milestoneJson(ctx, repo, m)));
}

function getLabel(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesRead);
  const label = repo.labels.get(ctx.params.name.toLowerCase());
  if (!label) throw notFound();
  return json(labelJson(ctx, repo, label));
}

const ORG_SCOPES = ['read:org', 'write:org', 'admin:org'];

/**
 * GET /orgs/{org}/issue-types: members of the organization (classic tokens with read:org), or an
 * installation on it. Simplified: an installation needs `issue_types` or `issues` read.
 */
function listIssueTypes(ctx: Ctx): Reply {
  const org = ctx.services.world.account(ctx.params.org);
  if (!org || org.type !== 'Organization') throw notFound();
  const p = ctx.principal;
  if (p.kind === 'user') {
    if (!org.members?.has(p.user.login)) throw notFound();
    const token = p.token;
    if (token && (token.kind === 'pat' || token.kind === 'oauth') && !(token.scopes ?? []).some((s) => ORG_SCOPES.includes(s))) {
      throw notFound();
    }
  } else if (p.kind === 'installation') {
    if (p.installation.account.id !== org.id) throw notFound();
    const perms = p.token.permissions ?? {};
    if (!perms.issue_types && !perms.issues) throw ghError(403, 'Resource not accessible by integration');
  } else {
    throw notFound();
  }
  return json((org.issueTypes ?? []).map(issueTypeJson));
}

export function milestoneRoutes(router: Router): void {
  router
    .add('GET', '/repos/:owner/:repo/milestones', listMilestones)
    .add('GET', '/repos/:owner/:repo/labels/:name', getLabel)
    .add('GET', '/orgs/:org/issue-types', listIssueTypes);
}

import { requireRepo, userLevel } from '../access';
import { iso } from '../clock';
import { actor, bodyObject, json, optString, type Ctx, type Reply } from '../http/context';
import { ghError, missingField, notFound, validationFailed } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import { LEVELS, type Account, type Comment, type Issue, type Milestone, type Repo } from '../model';
import { createIssue, ensureLabel, setIssueState, setMilestone } from '../mutations';
import { commentJson, issueJson, labelJson } from '../render/issues';
import { notifyComment } from './notifications';
import { recordAssignees, recordEvent, recordLabels, recordMentions } from '../timeline';

// Issues (which, as on GitHub, include pull requests) and issue comments.

const issuesRead = { category: 'issues' as const, access: 'read' as const };
// Anyone who can read a repository may open issues and comment; apps need issues:write.
const issuesWrite = { category: 'issues' as const, access: 'write' as const, userNeeds: 'read' as const };

export function findIssue(repo: Repo, numberText: string): Issue {
  const issue = repo.issues.find((i) => String(i.number) === numberText);
  if (!issue) throw notFound();
  return issue;
}

function compareBy(sort: string): (a: Issue, b: Issue) => number {
  if (sort === 'comments') return (a, b) => a.comments.length - b.comments.length || a.number - b.number;
  if (sort === 'updated') return (a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.number - b.number);
  return (a, b) => a.number - b.number;
}

export function sortIssues(issues: Issue[], sort: string, direction: string): Issue[] {
  const cmp = compareBy(sort);
  return [...issues].sort((a, b) => (direction === 'asc' ? cmp(a, b) : cmp(b, a)));
}

function listIssues(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesRead);
  const q = ctx.query;
  const state = q.get('state') ?? 'open';
  if (!['open', 'closed', 'all'].includes(state)) throw validationFailed([{ resource: 'Issue', field: 'state', code: 'invalid' }]);
  const labels = (q.get('labels') ?? '').split(',').map((l) => l.trim().toLowerCase()).filter(Boolean);
  const assignee = q.get('assignee');
  const creator = q.get('creator')?.toLowerCase();
  const since = q.get('since');
  const filtered = repo.issues.filter((i) => {
    if (state !== 'all' && i.state !== state) return false;
    if (labels.some((l) => !i.labels.some((x) => x.toLowerCase() === l))) return false;
    if (assignee === 'none' && i.assignees.length > 0) return false;
    if (assignee === '*' && i.assignees.length === 0) return false;
    if (assignee && assignee !== '*' && assignee !== 'none' && !i.assignees.some((a) => a.login.toLowerCase() === assignee.toLowerCase())) return false;
    if (creator && i.user.login.toLowerCase() !== creator) return false;
    if (since && i.updatedAt < since) return false;
    return true;
  });
  const sorted = sortIssues(filtered, q.get('sort') ?? 'created', q.get('direction') ?? 'desc');
  return json(paginate(ctx, sorted).map((i) => issueJson(ctx, repo, i)));
}

function resolveAssignees(ctx: Ctx, repo: Repo, value: unknown): Account[] | undefined {
  if (value === undefined || value === null) return undefined;
  const logins = Array.isArray(value) ? value : [value];
  return logins.map((login) => {
    const user = typeof login === 'string' ? ctx.services.world.account(login) : undefined;
    // Simplified: any existing user who can see the repository is assignable.
    if (!user || user.type !== 'User' || !userLevel(ctx.services.world, user, repo)) {
      throw validationFailed([{ resource: 'Issue', field: 'assignees', code: 'invalid', value: login }]);
    }
    return user;
  });
}

function labelNames(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw validationFailed([{ resource: 'Issue', field: 'labels', code: 'invalid' }]);
  return value.map((l) => (typeof l === 'string' ? l : typeof l === 'object' && l && 'name' in l ? String((l as { name: unknown }).name) : String(l)));
}

/** The milestone a request names by number (null clears it); 422 for a number the repository has no milestone for. */
function milestoneOf(repo: Repo, value: unknown): Milestone | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const milestone = repo.milestones?.find((m) => String(m.number) === String(value));
  if (!milestone) throw validationFailed([{ resource: 'Issue', field: 'milestone', code: 'invalid', value }]);
  return milestone;
}

function now(ctx: Ctx): string {
  return iso(ctx.services.clock.now());
}

function createIssueRoute(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesWrite);
  const body = bodyObject(ctx);
  const title = typeof body.title === 'number' ? String(body.title) : optString(body.title);
  if (!title) throw missingField('Issue', 'title');
  const assignees = resolveAssignees(ctx, repo, body.assignees ?? (body.assignee ? [body.assignee] : undefined));
  const milestone = milestoneOf(repo, body.milestone);
  const issue = createIssue(ctx.services.world, repo, {
    title,
    body: optString(body.body) ?? null,
    user: actor(ctx) as Account,
    labels: labelNames(body.labels),
    assignees,
    createdAt: now(ctx),
  });
  if (milestone) setMilestone(repo, issue, milestone, issue.user, issue.createdAt);
  repo.updatedAt = issue.createdAt;
  const url = `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}/issues/${issue.number}`;
  return { ...json(issueJson(ctx, repo, issue, true), 201), headers: { location: url } };
}

function updateIssue(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesWrite);
  const issue = findIssue(repo, ctx.params.number);
  const who = actor(ctx) as Account;
  const p = ctx.principal;
  if (p.kind === 'user' && issue.user.id !== p.user.id) {
    const level = userLevel(ctx.services.world, p.user, repo);
    if (!level || LEVELS[level] < LEVELS.write) throw ghError(403, 'Must have admin rights to Repository.');
  }
  const body = bodyObject(ctx);
  const when = now(ctx);
  const milestone = milestoneOf(repo, body.milestone);
  if (body.title !== undefined) {
    const title = optString(body.title);
    if (!title) throw missingField('Issue', 'title');
    if (title !== issue.title) recordEvent(issue, { event: 'renamed', actor: who, createdAt: when, rename: { from: issue.title, to: title } });
    issue.title = title;
  }
  if (body.body !== undefined) {
    issue.body = optString(body.body) ?? null;
    recordMentions(ctx.services.world, repo, issue, issue.body, who, when);
  }
  const labels = labelNames(body.labels);
  if (labels) {
    const before = issue.labels;
    issue.labels = labels.map((l) => ensureLabel(ctx.services.world, repo, l).name);
    recordLabels(issue, before, issue.labels, (name) => repo.labels.get(name.toLowerCase()), who, when);
  }
  const assignees = resolveAssignees(ctx, repo, body.assignees);
  if (assignees) {
    recordAssignees(issue, issue.assignees, assignees, who, when);
    issue.assignees = assignees;
  }
  if (milestone !== undefined) setMilestone(repo, issue, milestone, who, when);
  if (body.state !== undefined) {
    if (body.state !== 'open' && body.state !== 'closed') throw validationFailed([{ resource: 'Issue', field: 'state', code: 'invalid', value: body.state }]);
    const reason = body.state_reason === 'not_planned' || body.state_reason === 'completed' ? body.state_reason : undefined;
    setIssueState(issue, body.state, who, when, reason);
  }
  issue.updatedAt = when;
  return json(issueJson(ctx, repo, issue, true));
}

function listComments(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesRead);
  const issue = findIssue(repo, ctx.params.number);
  const since = ctx.query.get('since');
  const comments = issue.comments.filter((c) => !since || c.updatedAt >= since);
  return json(paginate(ctx, comments).map((c) => commentJson(ctx, repo, issue, c)));
}

function addComment(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesWrite);
  const issue = findIssue(repo, ctx.params.number);
  const text = optString(bodyObject(ctx).body);
  if (!text) throw missingField('IssueComment', 'body');
  const when = now(ctx);
  const comment = { id: ctx.services.world.id(), user: actor(ctx) as Account, body: text, createdAt: when, updatedAt: when };
  issue.comments.push(comment);
  issue.updatedAt = when;
  recordMentions(ctx.services.world, repo, issue, text, comment.user, when);
  notifyComment(ctx.services.world, repo, issue, comment.user, when);
  const out = commentJson(ctx, repo, issue, comment);
  return { ...json(out, 201), headers: { location: String(out.url) } };
}

/** A comment by its id, on any issue or pull request of the repository. */
function findComment(repo: Repo, idText: string): { issue: Issue; comment: Comment } {
  for (const issue of repo.issues) {
    const comment = issue.comments.find((c) => String(c.id) === idText);
    if (comment) return { issue, comment };
  }
  throw notFound();
}

function updateComment(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesWrite);
  const { issue, comment } = findComment(repo, ctx.params.id);
  const p = ctx.principal;
  // Authors edit their own comments; anyone else needs write access (apps: issues:write, checked above).
  if (p.kind === 'user' && comment.user.id !== p.user.id) {
    const level = userLevel(ctx.services.world, p.user, repo);
    if (!level || LEVELS[level] < LEVELS.write) throw ghError(403, 'Must have write access to edit this comment.');
  }
  const text = optString(bodyObject(ctx).body);
  if (!text) throw missingField('IssueComment', 'body');
  const when = now(ctx);
  comment.body = text;
  comment.updatedAt = when;
  recordMentions(ctx.services.world, repo, issue, text, actor(ctx) as Account, when);
  return json(commentJson(ctx, repo, issue, comment));
}

export function issueRoutes(router: Router): void {
  router
    .add('GET', '/repos/:owner/:repo/issues', listIssues)
    .add('POST', '/repos/:owner/:repo/issues', createIssueRoute)
    .add('GET', '/repos/:owner/:repo/issues/:number', (ctx) => {
      const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesRead);
      return json(issueJson(ctx, repo, findIssue(repo, ctx.params.number), true));
    })
    .add('PATCH', '/repos/:owner/:repo/issues/:number', updateIssue)
    .add('GET', '/repos/:owner/:repo/issues/:number/comments', listComments)
    .add('POST', '/repos/:owner/:repo/issues/:number/comments', addComment)
    .add('GET', '/repos/:owner/:repo/issues/comments/:id', (ctx) => {
      const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesRead);
      const { issue, comment } = findComment(repo, ctx.params.id);
      return json(commentJson(ctx, repo, issue, comment));
    })
    .add('PATCH', '/repos/:owner/:repo/issues/comments/:id', updateComment)
    .add('GET', '/repos/:owner/:repo/labels', (ctx) => {
      const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesRead);
      return json(paginate(ctx, [...repo.labels.values()]).map((l) => labelJson(ctx, repo, l)));
    });
}

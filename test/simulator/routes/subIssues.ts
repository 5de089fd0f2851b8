import { canSee, requireRepo } from '../access';
import { iso } from '../clock';
import { actor, bodyObject, json, type Ctx, type Reply } from '../http/context';
import { DOCS_URL, ghError, HttpError, notFound, validationFailed } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Account, Issue, IssueLink, Repo } from '../model';
import { issueJson } from '../render/issues';
import { recordEvent } from '../timeline';
import { findIssue } from './issues';

// Sub-issues, with GitHub's rules: an issue has at most one parent (422 unless replace_parent),
// a sub-issue belongs to the same owner as its parent, an issue cannot be its own sub-issue (or
// its ancestor's), and pull requests are not sub-issues. Ids are the issues' database ids.

const issuesRead = { category: 'issues' as const, access: 'read' as const };
// Managing sub-issues needs triage/write on the parent's repository; apps need issues:write.
const issuesWrite = { category: 'issues' as const, access: 'write' as const };

function parentOf(ctx: Ctx, write: boolean): { repo: Repo; issue: Issue } {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, write ? issuesWrite : issuesRead);
  return { repo, issue: findIssue(repo, ctx.params.number) };
}

type Failure = (field: string, code: 'missing_field' | 'invalid', value?: unknown) => HttpError;
const asValidation: Failure = (field, code, value) => validationFailed([{ resource: 'SubIssue', code, field, ...(value === undefined ? {} : { value }) }]);
const asSimpleValidation: Failure = (field, code) => simpleValidation(code === 'missing_field' ? `${field} is missing` : `${field} is not an integer`);
// DELETE documents 400 (not 422) for a body it cannot use.
const asBadRequest: Failure = (field, code) => ghError(400, code === 'missing_field' ? `Invalid request: ${field} is missing` : `Invalid request: ${field} is not an integer`);

function idField(body: Record<string, unknown>, field: string, required: boolean, fail: Failure): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) throw fail(field, 'missing_field');
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) throw fail(field, 'invalid', value);
  return value;
}

/** The issue with database id `id` among the repositories of `parent`'s owner the caller can see. */
function issueById(ctx: Ctx, parent: Repo, id: number): IssueLink {
  for (const repo of ctx.services.world.reposOf(parent.owner)) {
    const issue = repo.issues.find((i) => i.id === id);
    if (issue) {
      if (!canSee(ctx, repo)) break;
      return { repo, issue };
    }
  }
  const elsewhere = [...ctx.services.world.repos.values()].some((r) => canSee(ctx, r) && r.issues.some((i) => i.id === id));
  if (elsewhere) throw validationFailed([{ resource: 'SubIssue', code: 'custom', field: 'sub_issue_id', message: 'Sub-issue must belong to the same repository owner as the parent issue' }]);
  throw notFound();
}

/** Both sides of a link change get an event, as on GitHub: sub_issue_* on the parent, parent_issue_* on the child. */
function recordLink(ctx: Ctx, parent: IssueLink, child: IssueLink, added: boolean): void {
  const by = actor(ctx) as Account;
  const createdAt = iso(ctx.services.clock.now());
  recordEvent(parent.issue, { event: added ? 'sub_issue_added' : 'sub_issue_removed', actor: by, createdAt, related: child });
  recordEvent(child.issue, { event: added ? 'parent_issue_added' : 'parent_issue_removed', actor: by, createdAt, related: parent });
}

function unlink(ctx: Ctx, child: IssueLink): void {
  const parent = child.issue.parent;
  if (!parent) return;
  parent.issue.subIssues = (parent.issue.subIssues ?? []).filter((s) => s.issue !== child.issue);
  child.issue.parent = undefined;
  recordLink(ctx, parent, child, false);
}

function addSubIssue(ctx: Ctx): Reply {
  const { repo, issue } = parentOf(ctx, true);
  const body = bodyObject(ctx);
  const id = idField(body, 'sub_issue_id', true, asValidation) as number;
  const sub = issueById(ctx, repo, id);
  const invalid = (message: string) => validationFailed([{ resource: 'SubIssue', code: 'custom', field: 'sub_issue_id', message }]);
  if (issue.pull) throw invalid('A pull request cannot have sub-issues');
  if (sub.issue.pull) throw invalid('A pull request cannot be a sub-issue');
  if (sub.issue === issue) throw invalid('An issue cannot be a sub-issue of itself');
  for (let up = issue.parent; up; up = up.issue.parent) {
    if (up.issue === sub.issue) throw invalid('An ancestor of the parent cannot be added as its sub-issue');
  }
  if (sub.issue.parent?.issue === issue) throw invalid('The issue is already a sub-issue of this issue');
  if (sub.issue.parent && body.replace_parent !== true) throw invalid('Sub-issue may only have one parent; set replace_parent to move it');
  unlink(ctx, sub);
  sub.issue.parent = { repo, issue };
  (issue.subIssues ??= []).push(sub);
  recordLink(ctx, { repo, issue }, sub, true);
  const url = `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}/issues/${issue.number}/sub_issues`;
  return { ...json(issueJson(ctx, repo, issue, true), 201), headers: { location: url } };
}

function removeSubIssue(ctx: Ctx): Reply {
  const { repo, issue } = parentOf(ctx, true);
  const id = idField(bodyObject(ctx), 'sub_issue_id', true, asBadRequest) as number;
  const link = issue.subIssues?.find((s) => s.issue.id === id);
  if (!link) throw notFound();
  unlink(ctx, link);
  return json(issueJson(ctx, repo, issue, true));
}

/** GitHub answers this endpoint's 422 in its "simple" form: errors are plain strings. */
function simpleValidation(message: string): HttpError {
  return new HttpError(422, { message: 'Validation Failed', errors: [message], documentation_url: DOCS_URL, status: '422' });
}

function reprioritize(ctx: Ctx): Reply {
  const { repo, issue } = parentOf(ctx, true);
  const body = bodyObject(ctx);
  const id = idField(body, 'sub_issue_id', true, asSimpleValidation) as number;
  const after = idField(body, 'after_id', false, asSimpleValidation);
  const before = idField(body, 'before_id', false, asSimpleValidation);
  const subs = issue.subIssues ?? [];
  const moving = subs.find((s) => s.issue.id === id);
  if (!moving) throw notFound();
  if ((after === undefined) === (before === undefined)) {
    throw simpleValidation('Exactly one of after_id and before_id must be given');
  }
  const anchorId = (after ?? before) as number;
  if (anchorId === id) throw simpleValidation('A sub-issue cannot be positioned relative to itself');
  const rest = subs.filter((s) => s !== moving);
  const at = rest.findIndex((s) => s.issue.id === anchorId);
  if (at < 0) throw simpleValidation(`${after !== undefined ? 'after_id' : 'before_id'} is not a sub-issue of this issue`);
  rest.splice(after !== undefined ? at + 1 : at, 0, moving);
  issue.subIssues = rest;
  return json(issueJson(ctx, repo, issue, true));
}

function listSubIssues(ctx: Ctx): Reply {
  const { issue } = parentOf(ctx, false);
  const visible = (issue.subIssues ?? []).filter((s) => canSee(ctx, s.repo));
  return json(paginate(ctx, visible).map((s) => issueJson(ctx, s.repo, s.issue)));
}

export function subIssueRoutes(router: Router): void {
  router
    .add('GET', '/repos/:owner/:repo/issues/:number/sub_issues', listSubIssues)
    .add('POST', '/repos/:owner/:repo/issues/:number/sub_issues', addSubIssue)
    .add('DELETE', '/repos/:owner/:repo/issues/:number/sub_issue', removeSubIssue)
    .add('PATCH', '/repos/:owner/:repo/issues/:number/sub_issues/priority', reprioritize);
}

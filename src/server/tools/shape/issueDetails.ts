import { z } from 'zod';
import { LIMITS, bodyFields, bodySchema, login, objectOr, truncate, type RawUser, type Shaped } from './common';
import { issueListItemSchema, issueSchema, shapeIssue, shapeIssueListItem } from './issues';

/*
 * Sources (OpenAPI components): `label` (issues/get-label: id, node_id, url, name, description
 * (nullable), color and default all required), `milestone` (issues/list-milestones: number,
 * title, state, description, open_issues, closed_issues, due_on, closed_at, html_url... all
 * required, description/due_on/closed_at nullable), `issue-type` (orgs/list-issue-types: id,
 * node_id, name and description (nullable) required; color optional and nullable),
 * `timeline-issue-events` (issues/list-events-for-timeline: anyOf some thirty event shapes, so
 * no field is required of every event), and `issue` with `sub_issues_summary` (total,
 * completed, percent_completed required when present) for the sub-issue answers.
 */

interface RawLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export const labelSchema = z.object({
  id: z.number(),
  name: z.string(),
  color: z.string().describe('Hex colour without "#"'),
  description: z.string().nullable(),
  isDefault: z.boolean().describe('One of GitHub\'s default labels'),
});

export function shapeLabel(l: RawLabel): Shaped<z.output<typeof labelSchema>> {
  return { id: l.id, name: l.name, color: l.color, description: l.description, isDefault: l.default };
}

interface RawMilestone {
  number: number;
  title: string;
  state: string;
  description: string | null;
  open_issues: number;
  closed_issues: number;
  due_on: string | null;
  closed_at: string | null;
  html_url: string;
}

export const milestoneSchema = z.object({
  number: z.number().describe('What create_issue and update_issue take as milestone'),
  title: z.string(),
  state: z.string(),
  openIssues: z.number(),
  closedIssues: z.number(),
  dueOn: z.string().nullable(),
  closedAt: z.string().nullable(),
  description: z.string().nullable(),
  descriptionTruncated: z.boolean().optional(),
  htmlUrl: z.string(),
});

export function shapeMilestone(m: RawMilestone): Shaped<z.output<typeof milestoneSchema>> {
  const cut = typeof m.description === 'string' ? truncate(m.description, LIMITS.description) : undefined;
  return {
    number: m.number,
    title: m.title,
    state: m.state,
    openIssues: m.open_issues,
    closedIssues: m.closed_issues,
    dueOn: m.due_on,
    closedAt: m.closed_at,
    description: cut ? cut.text : m.description,
    descriptionTruncated: cut?.truncated ? true : undefined,
    htmlUrl: m.html_url,
  };
}

interface RawIssueType {
  id: number;
  name: string;
  description: string | null;
  color?: string | null;
}

export const issueTypeSchema = z.object({
  id: z.number(),
  name: z.string().describe('The value issues take as their type'),
  description: z.string().nullable(),
  color: z.string().nullable().optional(),
});

export function shapeIssueType(t: RawIssueType | null): Shaped<z.output<typeof issueTypeSchema>> {
  return { id: t?.id, name: t?.name, description: t?.description, color: t?.color };
}

/** Bodies of comments and reviews in a timeline: enough to follow the thread; get the comment for more. */
export const TIMELINE_BODY = 500;

interface RawGitPerson {
  name?: string;
  date?: string;
}

interface RawIssueReference {
  number?: number;
  title?: string;
  state?: string;
  repository?: { full_name?: string };
}

interface RawTimelineEvent {
  event?: string;
  id?: number;
  actor?: RawUser | null;
  user?: RawUser | null;
  created_at?: string;
  submitted_at?: string;
  label?: { name?: string };
  assignee?: RawUser | null;
  state_reason?: string | null;
  state?: string;
  rename?: { from?: string; to?: string };
  milestone?: { title?: string };
  commit_id?: string | null;
  source?: { type?: string; issue?: { number?: number; title?: string; state?: string; html_url?: string; repository_url?: string; pull_request?: unknown } };
  sub_issue?: RawIssueReference | null;
  parent_issue?: RawIssueReference | null;
  body?: string | null;
  html_url?: string;
  sha?: string;
  message?: string;
  author?: RawGitPerson;
}

export const timelineEventSchema = z.object({
  event: z.string().optional().describe('labeled, unlabeled, assigned, unassigned, closed, reopened, renamed, milestoned, demilestoned, cross-referenced, referenced, commented, committed, reviewed, merged, ...'),
  actor: z.string().nullable().optional().describe('Login of who did it; null for a deleted account'),
  createdAt: z.string().optional().describe('When it happened (committed: the author date)'),
  label: z.string().optional(),
  assignee: z.string().nullable().optional(),
  stateReason: z.string().optional(),
  rename: z.object({ from: z.string().optional(), to: z.string().optional() }).optional(),
  milestone: z.string().optional().describe('Milestone title'),
  commitId: z.string().optional().describe('referenced, closed, merged: the commit'),
  source: z
    .object({
      repository: z.string().optional().describe('owner/name'),
      number: z.number().optional(),
      title: z.string().optional(),
      state: z.string().optional(),
      isPullRequest: z.boolean(),
      htmlUrl: z.string().optional(),
    })
    .optional()
    .describe('cross-referenced: the issue or pull request that mentioned this one'),
  issue: z
    .object({ repository: z.string().optional(), number: z.number().optional(), title: z.string().optional(), state: z.string().optional() })
    .optional()
    .describe('sub_issue_added/removed: the sub-issue; parent_issue_added/removed: the parent'),
  id: z.number().optional().describe('commented: the comment id (update_issue_comment takes it)'),
  reviewState: z.string().optional().describe('reviewed: approved, changes_requested, commented, dismissed'),
  sha: z.string().optional(),
  message: z.string().optional().describe(`committed: the commit message, cut at ${LIMITS.listCommitMessage} characters`),
  author: z.string().optional().describe('committed: the git author name'),
  htmlUrl: z.string().optional(),
  body: bodySchema.body.optional(),
  bodyTruncated: bodySchema.bodyTruncated,
});

/** One timeline entry: event, actor and time, then only the fields of that kind of event. */
export function shapeTimelineEvent(e: RawTimelineEvent): Shaped<z.output<typeof timelineEventSchema>> {
  const event = e.event;
  const source = objectOr(e.source)?.issue;
  const sourceRepo = typeof source?.repository_url === 'string' ? source.repository_url.split('/').slice(-2).join('/') : undefined;
  const who = e.actor !== undefined ? e.actor : e.user;
  const out = {
    event,
    actor: who === undefined ? undefined : login(who),
    createdAt: e.created_at ?? e.submitted_at ?? e.author?.date,
    label: objectOr(e.label)?.name,
    assignee: e.assignee === undefined ? undefined : login(e.assignee),
    stateReason: e.state_reason ?? undefined,
    rename: objectOr(e.rename) ? { from: e.rename?.from, to: e.rename?.to } : undefined,
    milestone: objectOr(e.milestone)?.title,
    commitId: e.commit_id ?? undefined,
    source: objectOr(source)
      ? { repository: sourceRepo, number: source?.number, title: source?.title, state: source?.state, isPullRequest: source?.pull_request !== undefined && source?.pull_request !== null, htmlUrl: source?.html_url }
      : undefined,
    issue: issueReference(e.sub_issue ?? e.parent_issue),
    id: event === 'commented' ? e.id : undefined,
    reviewState: event === 'reviewed' ? e.state : undefined,
    sha: e.sha,
    message: typeof e.message === 'string' ? truncate(e.message, LIMITS.listCommitMessage).text : undefined,
    author: e.author?.name,
    htmlUrl: e.html_url,
    ...(e.body !== undefined ? bodyFields(e.body, TIMELINE_BODY) : {}),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as Shaped<z.output<typeof timelineEventSchema>>;
}

function issueReference(ref: RawIssueReference | null | undefined) {
  const r = objectOr(ref);
  return r ? { repository: objectOr(r.repository)?.full_name, number: r.number, title: r.title, state: r.state } : undefined;
}

/** Which page is the last, from the Link header's rel="last" (absent on the last page itself). */
export function lastPageOf(link: string | undefined, page: number): number | undefined {
  if (typeof link !== 'string' || !/rel="next"/.test(link)) return page;
  const last = /<([^>]*)>;\s*rel="last"/.exec(link)?.[1];
  const n = last ? Number(new URL(last, 'http://x').searchParams.get('page')) : NaN;
  return Number.isInteger(n) && n >= page ? n : undefined;
}

// ---- sub-issues

interface RawSubIssueParent {
  sub_issues_summary?: { total: number; completed: number; percent_completed: number };
}

export const subIssueItemSchema = issueListItemSchema.extend({
  id: z.number().describe('Database id (what add_sub_issue and others take as subIssueId)'),
  repository: z.string().describe('owner/name: a sub-issue can live in another repository of the same owner'),
});

export function shapeSubIssue(issue: Parameters<typeof shapeIssueListItem>[0] & { id: number }): Shaped<z.output<typeof subIssueItemSchema>> {
  return { id: issue.id, ...shapeIssueListItem(issue, true) };
}

export const parentIssueSchema = issueSchema.extend({
  subIssuesSummary: z.object({ total: z.number(), completed: z.number(), percentCompleted: z.number() }).optional().describe('How many sub-issues, how many closed'),
});

export function shapeParentIssue(issue: Parameters<typeof shapeIssue>[0] & RawSubIssueParent): Shaped<z.output<typeof parentIssueSchema>> {
  const summary = objectOr(issue.sub_issues_summary);
  return {
    ...shapeIssue(issue),
    subIssuesSummary: summary ? { total: summary.total, completed: summary.completed, percentCompleted: summary.percent_completed } : undefined,
  };
}

import { z } from 'zod';
import { LIMITS, bodyFields, type RawUser, type RawLabel, login, labelNames, logins, bodySchema, objectOr, type Shaped } from './common';

/*
 * Sources (OpenAPI components): `issue` (issues/list-for-repo, get, create, update),
 * `issue-search-result-item` (search/issues-and-pull-requests) and `issue-comment`.
 * issue requires number, title, state, user (nullable), labels, comments, created_at,
 * updated_at, closed_at (nullable), html_url, repository_url, locked and milestone (nullable);
 * assignees, body, state_reason, pull_request, author_association and closed_by are optional
 * (and for search results assignees and body too).
 */

interface RawIssue {
  number: number;
  title: string;
  state: string;
  state_reason?: string | null;
  user: RawUser | null;
  labels: RawLabel[];
  assignee?: RawUser | null;
  assignees?: (RawUser | null)[] | null;
  comments: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  html_url: string;
  body?: string | null;
  pull_request?: unknown;
  repository_url: string;
  locked?: boolean;
  author_association?: string;
  milestone?: { title: string; number: number } | null;
  closed_by?: RawUser | null;
}

export const issueListItemSchema = z.object({
  number: z.number(),
  title: z.string(),
  state: z.string(),
  stateReason: z.string().optional().describe('completed, not_planned, reopened or duplicate; absent when GitHub gives none'),
  isPullRequest: z.boolean().describe('GitHub lists pull requests among issues; true for those'),
  repository: z.string().optional().describe('owner/name (search results only)'),
  author: z.string().nullable().describe('Login of the author; null for a deleted account'),
  labels: z.array(z.string()),
  assignees: z.array(z.string()).optional(),
  comments: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().optional().describe('Absent while open'),
  htmlUrl: z.string(),
  ...bodySchema,
});

/** A lean list entry: the body is a preview of LIMITS.listBody characters. */
export function shapeIssueListItem(issue: RawIssue, withRepository = false): Shaped<z.output<typeof issueListItemSchema>> {
  return { ...issueFields(issue, withRepository), ...bodyFields(issue.body, LIMITS.listBody) };
}

function issueFields(issue: RawIssue, withRepository: boolean) {
  return {
    number: issue.number,
    title: issue.title,
    state: issue.state,
    stateReason: issue.state_reason ?? undefined,
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    repository: withRepository && typeof issue.repository_url === 'string' ? issue.repository_url.split('/').slice(-2).join('/') : undefined,
    author: login(issue.user),
    labels: labelNames(issue.labels),
    assignees: assigneesOf(issue),
    comments: issue.comments,
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    closedAt: issue.closed_at ?? undefined,
    htmlUrl: issue.html_url,
  };
}

/** `assignees` is optional in GitHub's description; the required, nullable `assignee` says as much when it is null. */
function assigneesOf(issue: RawIssue): string[] | undefined {
  const listed = logins(issue.assignees);
  if (listed) return listed;
  if (issue.assignee === null) return [];
  return undefined;
}

export const issueSchema = issueListItemSchema.extend({
  locked: z.boolean().optional(),
  authorAssociation: z.string().optional(),
  milestone: z.object({ number: z.number(), title: z.string() }).optional().describe('Absent when the issue has none'),
  closedBy: z.string().optional(),
});

/** One issue in full; the body is kept up to LIMITS.body characters. */
export function shapeIssue(issue: RawIssue): Shaped<z.output<typeof issueSchema>> {
  const milestone = objectOr(issue.milestone);
  return {
    ...issueFields(issue, false),
    locked: issue.locked,
    authorAssociation: issue.author_association,
    milestone: milestone ? { number: milestone.number, title: milestone.title } : undefined,
    closedBy: login(issue.closed_by) ?? undefined,
    ...bodyFields(issue.body, LIMITS.body),
  };
}

/*
 * issue-comment requires id, user (nullable), created_at, updated_at and html_url; body is
 * optional. updatedAt is optional here all the same: a created comment has been seen without
 * updated_at, and add_issue_comment must not report a comment it posted as a failure.
 */
interface RawComment {
  id: number;
  user: RawUser | null;
  body?: string | null;
  created_at: string;
  updated_at: string;
  html_url: string;
}

export const commentSchema = z.object({
  id: z.number(),
  author: z.string().nullable().describe('Login of the author; null for a deleted account'),
  createdAt: z.string(),
  updatedAt: z.string().optional(),
  htmlUrl: z.string(),
  ...bodySchema,
});

export function shapeComment(c: RawComment): Shaped<z.output<typeof commentSchema>> {
  return { id: c.id, author: login(c.user), createdAt: c.created_at, updatedAt: c.updated_at, htmlUrl: c.html_url, ...bodyFields(c.body, LIMITS.comment) };
}

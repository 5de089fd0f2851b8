import { z } from 'zod';
import { LIMITS, bodyFields, type RawUser, type RawLabel, login, labelNames, logins, bodySchema } from './common';

interface RawIssue {
  number: number;
  title: string;
  state: string;
  state_reason?: string | null;
  user?: RawUser | null;
  labels?: RawLabel[];
  assignees?: (RawUser | null)[] | null;
  comments?: number;
  created_at: string;
  updated_at: string;
  closed_at?: string | null;
  html_url: string;
  body?: string | null;
  pull_request?: unknown;
  repository_url?: string;
  locked?: boolean;
  author_association?: string;
  milestone?: { title: string; number: number } | null;
  closed_by?: RawUser | null;
}

export const issueListItemSchema = z.object({
  number: z.number(),
  title: z.string(),
  state: z.string(),
  stateReason: z.string().optional(),
  isPullRequest: z.boolean().describe('GitHub lists pull requests among issues; true for those'),
  repository: z.string().optional().describe('owner/name (search results only)'),
  author: z.string().nullable(),
  labels: z.array(z.string()),
  assignees: z.array(z.string()),
  comments: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().optional(),
  htmlUrl: z.string(),
  ...bodySchema,
});

/** A lean list entry: the body is a preview of LIMITS.listBody characters. */
export function shapeIssueListItem(issue: RawIssue, withRepository = false): z.output<typeof issueListItemSchema> {
  return { ...issueFields(issue, withRepository), ...bodyFields(issue.body, LIMITS.listBody) };
}

function issueFields(issue: RawIssue, withRepository: boolean) {
  return {
    number: issue.number,
    title: issue.title,
    state: issue.state,
    stateReason: issue.state_reason ?? undefined,
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    repository: withRepository && issue.repository_url ? issue.repository_url.split('/').slice(-2).join('/') : undefined,
    author: login(issue.user),
    labels: labelNames(issue.labels),
    assignees: logins(issue.assignees),
    comments: issue.comments ?? 0,
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    closedAt: issue.closed_at ?? undefined,
    htmlUrl: issue.html_url,
  };
}

export const issueSchema = issueListItemSchema.extend({
  locked: z.boolean().optional(),
  authorAssociation: z.string().optional(),
  milestone: z.object({ number: z.number(), title: z.string() }).optional(),
  closedBy: z.string().optional(),
});

/** One issue in full; the body is kept up to LIMITS.body characters. */
export function shapeIssue(issue: RawIssue): z.output<typeof issueSchema> {
  return {
    ...issueFields(issue, false),
    locked: issue.locked,
    authorAssociation: issue.author_association,
    milestone: issue.milestone ? { number: issue.milestone.number, title: issue.milestone.title } : undefined,
    closedBy: issue.closed_by?.login,
    ...bodyFields(issue.body, LIMITS.body),
  };
}

interface RawComment {
  id: number;
  user?: RawUser | null;
  body?: string | null;
  created_at: string;
  updated_at: string;
  html_url: string;
}

export const commentSchema = z.object({
  id: z.number(),
  author: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  htmlUrl: z.string(),
  ...bodySchema,
});

export function shapeComment(c: RawComment): z.output<typeof commentSchema> {
  return { id: c.id, author: login(c.user), createdAt: c.created_at, updatedAt: c.updated_at, htmlUrl: c.html_url, ...bodyFields(c.body, LIMITS.comment) };
}

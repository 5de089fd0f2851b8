import { z } from 'zod';
import { LIMITS, bodyFields, type RawUser, type RawLabel, login, labelNames, logins, bodySchema } from './common';

interface RawPull {
  number: number;
  title: string;
  state: string;
  draft?: boolean;
  user?: RawUser | null;
  labels?: RawLabel[];
  created_at: string;
  updated_at: string;
  closed_at?: string | null;
  merged_at?: string | null;
  html_url: string;
  body?: string | null;
  head: { ref: string; sha: string; label?: string; repo?: { full_name: string } | null };
  base: { ref: string; sha: string };
  merged?: boolean;
  mergeable?: boolean | null;
  mergeable_state?: string;
  merged_by?: RawUser | null;
  merge_commit_sha?: string | null;
  assignees?: (RawUser | null)[] | null;
  requested_reviewers?: (RawUser | null)[] | null;
  comments?: number;
  review_comments?: number;
  commits?: number;
  additions?: number;
  deletions?: number;
  changed_files?: number;
}

export const pullListItemSchema = z.object({
  number: z.number(),
  title: z.string(),
  state: z.string(),
  draft: z.boolean(),
  merged: z.boolean(),
  author: z.string().nullable(),
  head: z.string().describe('Head branch'),
  base: z.string().describe('Base branch'),
  labels: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().optional(),
  mergedAt: z.string().optional(),
  htmlUrl: z.string(),
  ...bodySchema,
});

export function shapePullListItem(p: RawPull): z.output<typeof pullListItemSchema> {
  return { ...pullFields(p), ...bodyFields(p.body, LIMITS.listBody) };
}

function pullFields(p: RawPull) {
  return {
    number: p.number,
    title: p.title,
    state: p.state,
    draft: p.draft ?? false,
    merged: p.merged ?? Boolean(p.merged_at),
    author: login(p.user),
    head: p.head.ref,
    base: p.base.ref,
    labels: labelNames(p.labels),
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    closedAt: p.closed_at ?? undefined,
    mergedAt: p.merged_at ?? undefined,
    htmlUrl: p.html_url,
  };
}

export const pullSchema = pullListItemSchema.extend({
  headSha: z.string(),
  headRepo: z.string().nullable().describe('owner/name of the head repository (differs from the base for forks; null if deleted)'),
  baseSha: z.string(),
  mergeable: z.boolean().nullable().optional().describe('null while GitHub is still computing it'),
  mergeableState: z.string().optional(),
  mergedBy: z.string().optional(),
  mergeCommitSha: z.string().nullable().optional(),
  assignees: z.array(z.string()),
  requestedReviewers: z.array(z.string()),
  comments: z.number().optional(),
  reviewComments: z.number().optional(),
  commits: z.number().optional(),
  additions: z.number().optional(),
  deletions: z.number().optional(),
  changedFiles: z.number().optional(),
});

export function shapePull(p: RawPull): z.output<typeof pullSchema> {
  return {
    ...pullFields(p),
    headSha: p.head.sha,
    headRepo: p.head.repo?.full_name ?? null,
    baseSha: p.base.sha,
    mergeable: p.mergeable,
    mergeableState: p.mergeable_state,
    mergedBy: p.merged_by?.login,
    mergeCommitSha: p.merge_commit_sha,
    assignees: logins(p.assignees),
    requestedReviewers: logins(p.requested_reviewers),
    comments: p.comments,
    reviewComments: p.review_comments,
    commits: p.commits,
    additions: p.additions,
    deletions: p.deletions,
    changedFiles: p.changed_files,
    ...bodyFields(p.body, LIMITS.body),
  };
}

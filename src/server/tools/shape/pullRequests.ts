import { z } from 'zod';
import { LIMITS, bodyFields, type RawUser, type RawLabel, login, labelNames, logins, bodySchema, objectOr, type Shaped } from './common';

/*
 * Sources (OpenAPI components): `pull-request-simple` (pulls/list) and `pull-request`
 * (pulls/get, pulls/create). Both require number, title, state, user, labels, created_at,
 * updated_at, closed_at and merged_at (nullable), html_url, body (nullable), head and base
 * (each with ref, sha, repo); pull-request adds merged, mergeable (nullable), mergeable_state,
 * merged_by (nullable), merge_commit_sha (nullable) and the counts. draft, assignees and
 * requested_reviewers are optional in both.
 */

interface RawBranchRef {
  ref: string;
  sha: string;
  label?: string;
  repo?: { full_name: string } | null;
}

interface RawPull {
  number: number;
  title: string;
  state: string;
  draft?: boolean;
  user: RawUser | null;
  labels: RawLabel[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
  html_url: string;
  body: string | null;
  head: RawBranchRef;
  base: RawBranchRef;
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
  draft: z.boolean().optional().describe('Absent when GitHub does not say (older GitHub Enterprise Server)'),
  merged: z.boolean(),
  author: z.string().nullable().describe('Login of the author; null for a deleted account'),
  head: z.string().describe('Head branch'),
  base: z.string().describe('Base branch'),
  labels: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().optional().describe('Absent while open'),
  mergedAt: z.string().optional().describe('Absent unless merged'),
  htmlUrl: z.string(),
  ...bodySchema,
});

export function shapePullListItem(p: RawPull): Shaped<z.output<typeof pullListItemSchema>> {
  return { ...pullFields(p), ...bodyFields(p.body, LIMITS.listBody) };
}

/** `merged` is in full pull requests only; a list entry says it through merged_at, which both require. */
function mergedOf(p: RawPull): boolean | undefined {
  if (typeof p.merged === 'boolean') return p.merged;
  return p.merged_at === undefined ? undefined : p.merged_at !== null;
}

function pullFields(p: RawPull) {
  return {
    number: p.number,
    title: p.title,
    state: p.state,
    draft: p.draft,
    merged: mergedOf(p),
    author: login(p.user),
    head: objectOr(p.head)?.ref,
    base: objectOr(p.base)?.ref,
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
  assignees: z.array(z.string()).optional(),
  requestedReviewers: z.array(z.string()).optional().describe('Users asked to review; absent when GitHub sent no list'),
  comments: z.number().optional(),
  reviewComments: z.number().optional(),
  commits: z.number().optional(),
  additions: z.number().optional(),
  deletions: z.number().optional(),
  changedFiles: z.number().optional(),
});

export function shapePull(p: RawPull): Shaped<z.output<typeof pullSchema>> {
  const head = objectOr(p.head);
  const base = objectOr(p.base);
  return {
    ...pullFields(p),
    headSha: head?.sha,
    // A deleted fork leaves head.repo null although GitHub's description does not say so.
    headRepo: head ? (objectOr(head.repo)?.full_name ?? null) : undefined,
    baseSha: base?.sha,
    mergeable: p.mergeable,
    mergeableState: p.mergeable_state,
    mergedBy: login(p.merged_by) ?? undefined,
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

// ---------------------------------------------------------------- merge

/* pull-request-merge-result requires merged, sha and message. */
export const mergeResultSchema = z.object({
  merged: z.boolean(),
  sha: z.string().describe('Sha of the merge (or squash/rebase) commit'),
  message: z.string(),
});

export function shapeMergeResult(m: { merged: boolean; sha: string; message: string }): Shaped<z.output<typeof mergeResultSchema>> {
  return { merged: m.merged, sha: m.sha, message: m.message };
}

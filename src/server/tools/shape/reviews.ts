import { z } from 'zod';
import { GitHubError } from '../../../core/errors';
import { redact } from '../../../core/redact';
import { LIMITS, bodyFields, bodySchema, login, named, type RawUser, type Shaped } from './common';

/*
 * Sources: OpenAPI `pull-request-review` (pulls/list-reviews, create-review, submit-review,
 * delete-pending-review) requires id, node_id, user (nullable), body, state, commit_id
 * (nullable), html_url, pull_request_url, _links and author_association; submitted_at is
 * optional. `pull-request-review-comment` (create-review-comment, create-reply) requires id,
 * node_id, pull_request_review_id (nullable), diff_hunk, path, commit_id, user (nullable),
 * body, created_at, html_url among others; line, side, start_line and in_reply_to_id are
 * optional. Review threads come from GraphQL (PullRequestReviewThread): id, isResolved,
 * isOutdated, path and comments are non-null; line, startLine and resolvedBy are nullable;
 * a comment's databaseId and author are nullable.
 */

interface RawReview {
  id: number;
  node_id?: string;
  user: RawUser | null;
  body: string;
  state: string;
  commit_id: string | null;
  html_url: string;
  submitted_at?: string;
  author_association?: string;
}

export const reviewSchema = z.object({
  id: z.number().describe('Review id (for submitting or deleting a pending review)'),
  state: z.string().describe('APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING'),
  author: z.string().nullable().describe('Login of the reviewer; null for a deleted account'),
  commitId: z.string().nullable().describe('Head sha the review was made on'),
  submittedAt: z.string().optional().describe('Absent while pending'),
  authorAssociation: z.string().optional(),
  htmlUrl: z.string(),
  ...bodySchema,
});

export function shapeReview(r: RawReview): Shaped<z.output<typeof reviewSchema>> {
  return {
    id: r.id,
    state: r.state,
    author: login(r.user),
    commitId: r.commit_id,
    submittedAt: r.submitted_at,
    authorAssociation: r.author_association,
    htmlUrl: r.html_url,
    ...bodyFields(r.body, LIMITS.comment),
  };
}

interface RawReviewComment {
  id: number;
  pull_request_review_id: number | null;
  in_reply_to_id?: number;
  user: RawUser | null;
  body: string;
  path: string;
  line?: number | null;
  side?: string;
  start_line?: number | null;
  commit_id: string;
  created_at: string;
  html_url: string;
}

export const reviewCommentSchema = z.object({
  id: z.number().describe('Comment id (commentId for replies)'),
  reviewId: z.number().nullable().describe('The review it belongs to'),
  inReplyToId: z.number().optional().describe('The first comment of the thread, for a reply'),
  author: z.string().nullable(),
  path: z.string(),
  line: z.number().nullable().optional().describe('Line in the file; null when outdated'),
  side: z.string().optional(),
  startLine: z.number().nullable().optional().describe('First line of a multi-line comment'),
  commitId: z.string(),
  createdAt: z.string(),
  htmlUrl: z.string(),
  ...bodySchema,
});

export function shapeReviewComment(c: RawReviewComment): Shaped<z.output<typeof reviewCommentSchema>> {
  return {
    id: c.id,
    reviewId: c.pull_request_review_id,
    inReplyToId: c.in_reply_to_id,
    author: login(c.user),
    path: c.path,
    line: c.line,
    side: c.side,
    startLine: c.start_line,
    commitId: c.commit_id,
    createdAt: c.created_at,
    htmlUrl: c.html_url,
    ...bodyFields(c.body, LIMITS.comment),
  };
}

// ---------------------------------------------------------------- review threads (GraphQL)

/** Comments listed per thread; longer threads say how many there are. */
export const THREAD_COMMENTS = 50;

export const REVIEW_THREADS_QUERY = `query ReviewThreads($owner: String!, $repo: String!, $number: Int!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          id isResolved isOutdated path line startLine
          resolvedBy { login }
          comments(first: ${THREAD_COMMENTS}) {
            totalCount
            nodes { id databaseId body author { login } createdAt url }
          }
        }
      }
    }
  }
}`;

interface RawThreadComment {
  id: string;
  databaseId: number | null;
  body: string;
  author: { login: string } | null;
  createdAt: string;
  url: string;
}

export interface RawThread {
  id: string;
  isResolved: boolean;
  isOutdated: boolean;
  path: string;
  line: number | null;
  startLine?: number | null;
  resolvedBy: { login: string } | null;
  comments: { totalCount?: number; nodes?: (RawThreadComment | null)[] | null };
}

const threadCommentSchema = z.object({
  id: z.string().describe('GraphQL node id'),
  databaseId: z.number().nullable().describe('REST id: commentId for add_reply_to_pull_request_comment'),
  author: z.string().nullable(),
  createdAt: z.string(),
  url: z.string(),
  ...bodySchema,
});

export const reviewThreadSchema = z.object({
  id: z.string().describe('Thread id: threadId for resolve_review_thread / unresolve_review_thread'),
  isResolved: z.boolean(),
  isOutdated: z.boolean().describe('The lines changed since the comment was made'),
  path: z.string(),
  line: z.number().nullable().describe('Line in the current diff; null when outdated'),
  startLine: z.number().nullable().optional().describe('First line of a multi-line thread'),
  resolvedBy: z.string().nullable().describe('Login of who resolved it; null while unresolved'),
  comments: z.array(threadCommentSchema).describe(`Oldest first, at most ${THREAD_COMMENTS}`),
  totalComments: z.number().optional().describe('All comments of the thread, when more than are listed'),
});

export function shapeReviewThread(t: RawThread): Shaped<z.output<typeof reviewThreadSchema>> {
  const nodes = Array.isArray(t.comments?.nodes) ? t.comments.nodes : undefined;
  const total = t.comments?.totalCount;
  return {
    id: t.id,
    isResolved: t.isResolved,
    isOutdated: t.isOutdated,
    path: t.path,
    line: t.line,
    startLine: t.startLine,
    resolvedBy: t.resolvedBy === undefined ? undefined : login(t.resolvedBy),
    comments: nodes?.map((c) => ({
      id: c?.id,
      databaseId: c?.databaseId,
      author: c?.author === undefined ? undefined : login(c.author),
      createdAt: c?.createdAt,
      url: c?.url,
      ...bodyFields(c?.body, LIMITS.comment),
    })),
    totalComments: nodes && typeof total === 'number' && total > nodes.length ? total : undefined,
  };
}

export const resolvedThreadSchema = z.object({
  threadId: z.string(),
  isResolved: z.boolean(),
  resolvedBy: z.string().nullable().optional(),
});

// ---------------------------------------------------------------- GraphQL errors

interface GraphqlFailure {
  name?: string;
  errors?: Array<{ type?: string; message?: string }>;
}

/**
 * Awaits a GraphQL call; GitHub's `errors[]` (HTTP 200) become the same typed errors as REST
 * failures, with the resource named. Anything else goes through `named` as REST errors do.
 */
export async function aboutGraphql<T>(resource: string, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    const failure = error as GraphqlFailure;
    if (failure?.name !== 'GraphqlResponseError' || !Array.isArray(failure.errors)) throw named(error, resource);
    const first = failure.errors[0] ?? {};
    const said = redact(failure.errors.map((e) => e.message ?? '').filter(Boolean).join('; ').slice(0, 500));
    if (first.type === 'NOT_FOUND') throw new GitHubError('not_found', `${resource.charAt(0).toUpperCase()}${resource.slice(1)} was not found, or the credentials cannot see it (GraphQL: ${said}).`);
    if (first.type === 'FORBIDDEN') throw new GitHubError('permission', `Permission denied for ${resource} (GraphQL: ${said}). The token lacks a scope or permission this needs.`);
    throw new GitHubError('validation', `GitHub rejected the GraphQL request for ${resource}: ${said}.`);
  }
}

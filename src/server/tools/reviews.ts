import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import type { GitHubOctokit } from '../../core/client/octokit';
import { defineTool, ownerRepo, pagination, DESTRUCTIVE, READ, WRITE, pullNumber } from './defineTool';
import {
  about,
  aboutGraphql,
  listOutput,
  login,
  objectAnswer,
  perPageOf,
  resolvedThreadSchema,
  REVIEW_THREADS_QUERY,
  reviewCommentSchema,
  reviewSchema,
  reviewThreadSchema,
  shapeEach,
  shapeReview,
  shapeReviewComment,
  shapeReviewThread,
  toPage,
  type RawThread,
} from './shape';

// Pull request reviews (REST) and review threads (GraphQL: REST has no thread ids or resolved state).

const reviewEvent = z.enum(['APPROVE', 'REQUEST_CHANGES', 'COMMENT']);
const threadId = { threadId: z.string().min(1).max(200).describe('From get_pull_request_review_comments') };
const reviewRead = { permissions: { pull_requests: 'read' } } as const;
const reviewWrite = { permissions: { pull_requests: 'write' }, scope: 'public_repo' } as const;

const lineComment = z.object({
  path: z.string().min(1),
  line: z.number().int().min(1),
  side: z.enum(['LEFT', 'RIGHT']).optional(),
  startLine: z.number().int().min(1).optional(),
  startSide: z.enum(['LEFT', 'RIGHT']).optional(),
  body: z.string().min(1),
});

type Raw<T> = T extends (...args: never[]) => unknown ? Parameters<T>[0] : never;

/** The caller's pending review: only its author sees a pending review, so the one listed is theirs. */
async function pendingReview(client: GitHubOctokit, owner: string, repo: string, number: number) {
  const what = `reviews of pull request ${owner}/${repo}#${number}`;
  const reviews = await about(what, client.paginate(client.rest.pulls.listReviews, { owner, repo, pull_number: number, per_page: 100 }));
  const pending = reviews.find((r) => r.state === 'PENDING');
  if (!pending) throw new GitHubError('not_found', `You have no pending review on ${owner}/${repo}#${number}; start one with create_pull_request_review without an event.`);
  return pending;
}

function threadMutation(resolve: boolean) {
  const name = resolve ? 'resolveReviewThread' : 'unresolveReviewThread';
  return `mutation ${resolve ? 'Resolve' : 'Unresolve'}($threadId: ID!) { ${name}(input: { threadId: $threadId }) { thread { id isResolved resolvedBy { login } } } }`;
}

interface ThreadPayload {
  thread: { id: string; isResolved: boolean; resolvedBy: { login: string } | null } | null;
}

function threadTool(resolve: boolean) {
  return defineTool({
    name: resolve ? 'resolve_review_thread' : 'unresolve_review_thread',
    toolset: 'pull_requests',
    title: resolve ? 'Resolve review thread' : 'Unresolve review thread',
    description: resolve
      ? 'Resolve a pull request review thread.'
      : 'Reopen a resolved pull request review thread.',
    input: { ...ownerRepo, ...threadId },
    output: resolvedThreadSchema.shape,
    annotations: { ...WRITE, idempotentHint: true },
    needs: reviewWrite,
    async handler({ owner, repo, threadId: id }, { github }) {
      const client = await github.forRepo(owner, repo);
      const data = await aboutGraphql(`review thread ${id}`, client.graphql<Record<string, ThreadPayload>>(threadMutation(resolve), { threadId: id }));
      const thread = objectAnswer(data?.[resolve ? 'resolveReviewThread' : 'unresolveReviewThread']?.thread, `review thread ${id}`) as NonNullable<ThreadPayload['thread']>;
      return { data: { threadId: thread.id, isResolved: thread.isResolved, resolvedBy: thread.resolvedBy === undefined ? undefined : login(thread.resolvedBy) } };
    },
  });
}

export const reviewsTools = [
  defineTool({
    name: 'get_pull_request_reviews',
    toolset: 'pull_requests',
    title: 'List pull request reviews',
    description: 'Reviews of a pull request: id, state, reviewer, body.',
    input: { ...ownerRepo, ...pullNumber, ...pagination },
    output: listOutput(reviewSchema),
    annotations: READ,
    needs: reviewRead,
    async handler(args, ctx) {
      const { owner, repo, pullNumber: number, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(`reviews of pull request ${owner}/${repo}#${number}`, client.rest.pulls.listReviews({ owner, repo, pull_number: number, page, per_page: perPage }));
      return { data: toPage(shapeEach(response.data, shapeReview), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'get_pull_request_review_comments',
    toolset: 'pull_requests',
    title: 'List pull request review threads',
    description:
      'Review threads of a pull request; comments carry databaseId for add_reply_to_pull_request_comment.',
    input: {
      ...ownerRepo,
      ...pullNumber,
      perPage: z.number().int().min(1).max(100).optional(),
      after: z.string().min(1).max(200).optional().describe('endCursor of the previous page'),
    },
    output: {
      items: z.array(reviewThreadSchema),
      totalCount: z.number().int().describe('Threads on the pull request'),
      hasNextPage: z.boolean(),
      endCursor: z.string().nullable().describe('Pass as after for the next page; null on an empty page'),
    },
    annotations: READ,
    needs: reviewRead,
    async handler(args, ctx) {
      const { owner, repo, pullNumber: number, after } = args;
      const client = await ctx.github.forRepo(owner, repo);
      const what = `pull request ${owner}/${repo}#${number}`;
      const data = await aboutGraphql(what, client.graphql<{ repository: { pullRequest: { reviewThreads: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: RawThread[] } } | null } | null }>(REVIEW_THREADS_QUERY, { owner, repo, number, first: perPageOf(args, ctx), after }));
      // A missing repository or pull request is a GraphQL NOT_FOUND error, handled by aboutGraphql.
      const threads = objectAnswer(data?.repository?.pullRequest?.reviewThreads, what) as { totalCount?: number; pageInfo?: { hasNextPage?: boolean; endCursor?: string | null }; nodes?: RawThread[] };
      return {
        data: {
          items: shapeEach(threads.nodes, shapeReviewThread),
          totalCount: threads.totalCount,
          hasNextPage: threads.pageInfo?.hasNextPage,
          endCursor: threads.pageInfo?.endCursor,
        },
      };
    },
  }),

  defineTool({
    name: 'create_pull_request_review',
    toolset: 'pull_requests',
    title: 'Create pull request review',
    description:
      'Review a pull request. Without event it stays pending (submit_pending_pull_request_review). Comment lines must be in the diff.',
    input: {
      ...ownerRepo,
      ...pullNumber,
      body: z.string().optional().describe('Needed for REQUEST_CHANGES, COMMENT'),
      event: reviewEvent.optional(),
      commitId: z.string().regex(/^[0-9a-f]{40}$/, 'a 40-character commit sha').optional(),
      comments: z.array(lineComment).max(100).optional(),
    },
    output: reviewSchema.shape,
    annotations: WRITE,
    needs: reviewWrite,
    async handler({ owner, repo, pullNumber: number, body, event, commitId, comments }, { github }) {
      const client = await github.forRepo(owner, repo);
      type Params = Raw<typeof client.rest.pulls.createReview>;
      const params: Params = {
        owner,
        repo,
        pull_number: number,
        body,
        event,
        commit_id: commitId,
        comments: comments?.map((c) => ({ path: c.path, line: c.line, side: c.side, start_line: c.startLine, start_side: c.startSide, body: c.body })),
      };
      const { data } = await about(`pull request ${owner}/${repo}#${number}`, client.rest.pulls.createReview(params));
      return { data: shapeReview(objectAnswer(data, `the review of ${owner}/${repo}#${number}`)) };
    },
  }),

  defineTool({
    name: 'submit_pending_pull_request_review',
    toolset: 'pull_requests',
    title: 'Submit pending review',
    description: 'Submit your pending review of a pull request.',
    input: { ...ownerRepo, ...pullNumber, event: reviewEvent, body: z.string().optional().describe('Needed for REQUEST_CHANGES, COMMENT unless the review has one') },
    output: reviewSchema.shape,
    annotations: WRITE,
    needs: reviewWrite,
    async handler({ owner, repo, pullNumber: number, event, body }, { github }) {
      const client = await github.forRepo(owner, repo);
      const pending = await pendingReview(client, owner, repo, number);
      const { data } = await about(
        `review ${pending.id} of ${owner}/${repo}#${number}`,
        client.rest.pulls.submitReview({ owner, repo, pull_number: number, review_id: pending.id, event, body: body ?? (pending.body || undefined) }),
      );
      return { data: shapeReview(objectAnswer(data, `review ${pending.id} of ${owner}/${repo}#${number}`)) };
    },
  }),

  defineTool({
    name: 'delete_pending_pull_request_review',
    toolset: 'pull_requests',
    title: 'Delete pending review',
    description: 'Delete your pending review of a pull request, with its comments.',
    input: { ...ownerRepo, ...pullNumber },
    output: reviewSchema.shape,
    annotations: DESTRUCTIVE,
    needs: reviewWrite,
    async handler({ owner, repo, pullNumber: number }, { github }) {
      const client = await github.forRepo(owner, repo);
      const pending = await pendingReview(client, owner, repo, number);
      const { data } = await about(
        `review ${pending.id} of ${owner}/${repo}#${number}`,
        client.rest.pulls.deletePendingReview({ owner, repo, pull_number: number, review_id: pending.id }),
      );
      return { data: shapeReview(objectAnswer(data, `review ${pending.id} of ${owner}/${repo}#${number}`)) };
    },
  }),

  defineTool({
    name: 'add_reply_to_pull_request_comment',
    toolset: 'pull_requests',
    title: 'Reply to review comment',
    description: 'Reply in a pull request review comment\'s thread.',
    input: { ...ownerRepo, ...pullNumber, commentId: z.number().int().min(1).describe('databaseId from get_pull_request_review_comments'), body: z.string().min(1) },
    output: reviewCommentSchema.shape,
    annotations: WRITE,
    needs: reviewWrite,
    async handler({ owner, repo, pullNumber: number, commentId, body }, { github }) {
      const client = await github.forRepo(owner, repo);
      // POST .../comments with in_reply_to (as github-mcp-server does): documented for Apps, unlike .../replies.
      const { data } = await about(
        `review comment ${commentId} on ${owner}/${repo}#${number}`,
        client.rest.pulls.createReviewComment({ owner, repo, pull_number: number, body, in_reply_to: commentId } as Raw<typeof client.rest.pulls.createReviewComment>),
      );
      return { data: shapeReviewComment(objectAnswer(data, `the reply on ${owner}/${repo}#${number}`)) };
    },
  }),

  threadTool(true),
  threadTool(false),
];

import { z } from 'zod';
import { defineTool, ownerRepo, pagination, DESTRUCTIVE, READ, WRITE, pullNumber } from './defineTool';
import { isRequestError } from '../../core/client/errors';
import {
  about,
  createdPullSchema,
  fileChangeSchema,
  LIMITS,
  lineWindowInput,
  windowLines,
  listOutput,
  mergeResultSchema,
  objectAnswer,
  perPageOf,
  pullListItemSchema,
  pullSchema,
  shapeEach,
  shapeFileChange,
  shapeMergeResult,
  shapePull,
  shapePullListItem,
  shapeReviewRequest,
  toPage,
} from './shape';


export const pullRequestsTools = [
  defineTool({
    name: 'list_pull_requests',
    toolset: 'pull_requests',
    title: 'List pull requests',
    description: `Pull requests of a repository: number, title, state, draft, merged, author, branches, labels, dates, ${LIMITS.listBody}-character body preview.`,
    input: {
      ...ownerRepo,
      state: z.enum(['open', 'closed', 'all']).default('open'),
      head: z.string().optional().describe('"owner:branch" or "branch"'),
      base: z.string().optional(),
      sort: z.enum(['created', 'updated', 'popularity', 'long-running']).optional(),
      direction: z.enum(['asc', 'desc']).optional(),
      ...pagination,
    },
    output: listOutput(pullListItemSchema),
    annotations: READ,
    needs: { permissions: { pull_requests: 'read' } },
    async handler(args, ctx) {
      const { owner, repo, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const head = args.head && !args.head.includes(':') ? `${owner}:${args.head}` : args.head;
      const response = await about(
        `pull requests of ${owner}/${repo}`,
        client.rest.pulls.list({ owner, repo, state: args.state, head, base: args.base, sort: args.sort, direction: args.direction, page, per_page: perPage }),
      );
      return { data: toPage(shapeEach(response.data, shapePullListItem), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'get_pull_request',
    toolset: 'pull_requests',
    title: 'Get pull request',
    description: 'One pull request: body, branches, shas, mergeability, reviewers, change counts.',
    input: { ...ownerRepo, ...pullNumber },
    output: pullSchema.shape,
    annotations: READ,
    needs: { permissions: { pull_requests: 'read' } },
    async handler({ owner, repo, pullNumber }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`pull request ${owner}/${repo}#${pullNumber}`, client.rest.pulls.get({ owner, repo, pull_number: pullNumber }));
      return { data: shapePull(objectAnswer(data, `pull request ${owner}/${repo}#${pullNumber}`)) };
    },
  }),

  defineTool({
    name: 'get_pull_request_files',
    toolset: 'pull_requests',
    title: 'List pull request files',
    description: `Files a pull request changes, patches cut at ${LIMITS.patch} characters.`,
    input: { ...ownerRepo, ...pullNumber, ...pagination },
    output: listOutput(fileChangeSchema),
    annotations: READ,
    needs: { permissions: { pull_requests: 'read' } },
    async handler(args, ctx) {
      const { owner, repo, pullNumber, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(
        `files of pull request ${owner}/${repo}#${pullNumber}`,
        client.rest.pulls.listFiles({ owner, repo, pull_number: pullNumber, page, per_page: perPage }),
      );
      return { data: toPage(shapeEach(response.data, shapeFileChange), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'get_pull_request_diff',
    toolset: 'pull_requests',
    title: 'Get pull request diff',
    description: `Unified diff of a pull request, in windows of lines (at most ${LIMITS.diff} characters).`,
    input: { ...ownerRepo, ...pullNumber, ...lineWindowInput },
    annotations: READ,
    needs: { permissions: { pull_requests: 'read' } },
    async handler({ owner, repo, pullNumber, offset, limit }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(
        `pull request ${owner}/${repo}#${pullNumber}`,
        client.rest.pulls.get({ owner, repo, pull_number: pullNumber, mediaType: { format: 'diff' } }),
      );
      const diff = typeof data === 'string' ? data : String(data);
      if (diff === '') return { text: '(empty diff: the pull request changes nothing)' };
      const { text, window } = windowLines(diff, offset, limit, LIMITS.diff);
      const rest = window.nextOffset === undefined ? '' : `\n…[lines ${window.offset + 1}-${window.offset + window.lines} of ${window.totalLines}; the next window starts at offset ${window.nextOffset}]`;
      return { text: `${text}${rest}` };
    },
  }),

  defineTool({
    name: 'create_pull_request',
    toolset: 'pull_requests',
    title: 'Create pull request',
    description:
      'Open a pull request from head into base. reviewers are requested afterwards; if that fails, the pull request stays and reviewerRequestError says why.',
    input: {
      ...ownerRepo,
      title: z.string().min(1),
      head: z.string().describe('Branch, or "owner:branch" for a fork'),
      base: z.string(),
      body: z.string().optional(),
      draft: z.boolean().optional(),
      maintainer_can_modify: z.boolean().optional(),
      reviewers: z.array(z.string()).optional(),
    },
    output: createdPullSchema.shape,
    annotations: WRITE,
    needs: { permissions: { pull_requests: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, title, head, base, body, draft, maintainer_can_modify, reviewers }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(
        `repository ${owner}/${repo}`,
        client.rest.pulls.create({ owner, repo, title, head, base, body, draft, maintainer_can_modify }),
      );
      const created = shapePull(objectAnswer(data, `the new pull request in ${owner}/${repo}`));
      if (!reviewers?.length || typeof data.number !== 'number') return { data: created };
      // The pull request exists whatever happens next: a refused review request is reported, not thrown.
      try {
        const { data: requested } = await about(
          `the review request on ${owner}/${repo}#${data.number}`,
          client.rest.pulls.requestReviewers({ owner, repo, pull_number: data.number, reviewers }),
        );
        const { requestedReviewers, requestedTeams } = shapeReviewRequest(objectAnswer(requested, `the review request on ${owner}/${repo}#${data.number}`));
        return { data: { ...created, requestedReviewers, requestedTeams } };
      } catch (error) {
        if (!isRequestError(error)) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        return { data: { ...created, reviewerRequestError: `The pull request was created, but requesting reviewers failed: ${reason}` } };
      }
    },
  }),

  defineTool({
    name: 'merge_pull_request',
    toolset: 'pull_requests',
    title: 'Merge pull request',
    description:
      'Merge a pull request. Pass sha (the head you reviewed) to refuse if the branch moved. 405: not mergeable; 409: head moved.',
    input: {
      ...ownerRepo,
      ...pullNumber,
      merge_method: z.enum(['merge', 'squash', 'rebase']).default('merge'),
      commit_title: z.string().optional(),
      commit_message: z.string().optional(),
      sha: z.string().optional(),
    },
    output: mergeResultSchema.shape,
    annotations: DESTRUCTIVE,
    needs: { permissions: { contents: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, pullNumber, merge_method, commit_title, commit_message, sha }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(
        `pull request ${owner}/${repo}#${pullNumber}`,
        client.rest.pulls.merge({ owner, repo, pull_number: pullNumber, merge_method, commit_title, commit_message, sha }),
      );
      return { data: shapeMergeResult(objectAnswer(data, `the merge of ${owner}/${repo}#${pullNumber}`)) };
    },
  }),
];

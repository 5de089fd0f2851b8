import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import { defineTool, ownerRepo, pagination, READ, WRITE, issueNumber } from './defineTool';
import {
  about,
  commentSchema,
  issueListItemSchema,
  issueSchema,
  LIMITS,
  listOutput,
  objectAnswer,
  searchPage,
  perPageOf,
  shapeComment,
  shapeEach,
  shapeIssue,
  shapeIssueListItem,
  toPage,
} from './shape';


export const issuesTools = [
  defineTool({
    name: 'list_issues',
    toolset: 'issues',
    title: 'List issues',
    description:
      `Issues of a repository, pull requests included (isPullRequest: true), with a ${LIMITS.listBody}-character body preview; get_issue has the full text.`,
    input: {
      ...ownerRepo,
      state: z.enum(['open', 'closed', 'all']).default('open'),
      labels: z.array(z.string()).optional().describe('Only issues with all these labels'),
      sort: z.enum(['created', 'updated', 'comments']).optional(),
      direction: z.enum(['asc', 'desc']).optional(),
      since: z.iso.datetime({ offset: true }).optional().describe('Only issues updated since'),
      ...pagination,
    },
    output: listOutput(issueListItemSchema),
    annotations: READ,
    needs: { permissions: { issues: 'read' } },
    async handler(args, ctx) {
      const { owner, repo, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(
        `issues of ${owner}/${repo}`,
        client.rest.issues.listForRepo({
          owner,
          repo,
          state: args.state,
          labels: args.labels?.join(','),
          sort: args.sort,
          direction: args.direction,
          since: args.since,
          page,
          per_page: perPage,
        }),
      );
      return { data: toPage(shapeEach(response.data, (i) => shapeIssueListItem(i)), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'get_issue',
    toolset: 'issues',
    title: 'Get issue',
    description: `One issue: body (up to ${LIMITS.body} characters), labels, assignees, milestone, comment count. Pull request numbers work too.`,
    input: { ...ownerRepo, ...issueNumber },
    output: issueSchema.shape,
    annotations: READ,
    needs: { permissions: { issues: 'read' } },
    async handler({ owner, repo, issue_number }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`issue ${owner}/${repo}#${issue_number}`, client.rest.issues.get({ owner, repo, issue_number }));
      return { data: shapeIssue(objectAnswer(data, `issue ${owner}/${repo}#${issue_number}`)) };
    },
  }),

  defineTool({
    name: 'search_issues',
    toolset: 'issues',
    title: 'Search issues and pull requests',
    description:
      'Search issues and pull requests across GitHub. query is GitHub search syntax, sent as written; GitHub may require is:issue or is:pr. Lean entries with repository and a body preview.',
    input: {
      query: z.string().min(1).describe('e.g. "repo:owner/name is:issue is:open label:bug"'),
      sort: z.enum(['comments', 'reactions', 'created', 'updated', 'interactions']).optional().describe('Default: best match'),
      order: z.enum(['asc', 'desc']).optional(),
      ...pagination,
    },
    output: listOutput(issueListItemSchema, { incompleteResults: z.boolean() }),
    annotations: READ,
    needs: { permissions: { issues: 'read' } },
    async handler(args, ctx) {
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forSearch(args.query);
      const response = await about(
        'the issue search',
        client.rest.search.issuesAndPullRequests({ q: args.query, sort: args.sort, order: args.order, page: args.page, per_page: perPage }),
      );
      return { data: searchPage(shapeEach(response.data?.items, (i) => shapeIssueListItem(i, true)), response, args.page, perPage) };
    },
  }),

  defineTool({
    name: 'create_issue',
    toolset: 'issues',
    title: 'Create issue',
    description: 'Open an issue. labels and assignees need push access (GitHub drops them silently otherwise).',
    input: {
      ...ownerRepo,
      title: z.string().min(1),
      body: z.string().optional(),
      labels: z.array(z.string()).optional(),
      assignees: z.array(z.string()).optional(),
      milestone: z.number().int().optional().describe('Milestone number'),
    },
    output: issueSchema.shape,
    annotations: WRITE,
    needs: { permissions: { issues: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, title, body, labels, assignees, milestone }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`repository ${owner}/${repo}`, client.rest.issues.create({ owner, repo, title, body, labels, assignees, milestone }));
      return { data: shapeIssue(objectAnswer(data, `the new issue in ${owner}/${repo}`)) };
    },
  }),

  defineTool({
    name: 'update_issue',
    toolset: 'issues',
    title: 'Update issue',
    description:
      'Change an issue or a pull request\'s issue fields. labels and assignees replace the current lists ([] clears them).',
    input: {
      ...ownerRepo,
      ...issueNumber,
      title: z.string().min(1).optional(),
      body: z.string().optional(),
      state: z.enum(['open', 'closed']).optional(),
      state_reason: z.enum(['completed', 'not_planned', 'reopened']).optional(),
      labels: z.array(z.string()).optional(),
      assignees: z.array(z.string()).optional(),
      milestone: z.number().int().nullable().optional().describe('Number, or null to remove'),
    },
    output: issueSchema.shape,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    needs: { permissions: { issues: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, issue_number, ...changes }, { github }) {
      const fields = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      if (Object.keys(fields).length === 0) {
        throw new GitHubError('validation', 'update_issue needs at least one field to change: title, body, state, state_reason, labels, assignees or milestone.');
      }
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`issue ${owner}/${repo}#${issue_number}`, client.rest.issues.update({ owner, repo, issue_number, ...fields }));
      return { data: shapeIssue(objectAnswer(data, `issue ${owner}/${repo}#${issue_number}`)) };
    },
  }),

  defineTool({
    name: 'add_issue_comment',
    toolset: 'issues',
    title: 'Comment on issue',
    description: 'Comment on an issue or a pull request\'s conversation.',
    input: { ...ownerRepo, ...issueNumber, body: z.string().min(1) },
    output: commentSchema.shape,
    annotations: WRITE,
    needs: { permissions: { issues: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, issue_number, body }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`issue ${owner}/${repo}#${issue_number}`, client.rest.issues.createComment({ owner, repo, issue_number, body }));
      return { data: shapeComment(objectAnswer(data, `the new comment on ${owner}/${repo}#${issue_number}`)) };
    },
  }),

  defineTool({
    name: 'list_issue_comments',
    toolset: 'issues',
    title: 'List issue comments',
    description: `Comments on an issue or pull request, oldest first; bodies cut at ${LIMITS.comment} characters.`,
    input: { ...ownerRepo, ...issueNumber, since: z.iso.datetime({ offset: true }).optional().describe('Only comments updated since'), ...pagination },
    output: listOutput(commentSchema),
    annotations: READ,
    needs: { permissions: { issues: 'read' } },
    async handler(args, ctx) {
      const { owner, repo, issue_number, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(
        `comments of issue ${owner}/${repo}#${issue_number}`,
        client.rest.issues.listComments({ owner, repo, issue_number, since: args.since, page, per_page: perPage }),
      );
      return { data: toPage(shapeEach(response.data, shapeComment), response, page, perPage) };
    },
  }),
];

import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import { defineTool, ownerRepo, pagination, READ, WRITE } from './defineTool';
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

const issueNumber = { issue_number: z.number().int().min(1).describe('Issue (or pull request) number') };

export const issuesTools = [
  defineTool({
    name: 'list_issues',
    toolset: 'issues',
    title: 'List issues',
    description:
      `Issues of a repository, newest first by default. GitHub counts pull requests as issues: they are included and marked isPullRequest: true (use list_pull_requests for PR details). Entries are lean — body is a ${LIMITS.listBody}-character preview; call get_issue for the full text.`,
    input: {
      ...ownerRepo,
      state: z.enum(['open', 'closed', 'all']).default('open'),
      labels: z.array(z.string()).optional().describe('Only issues carrying all of these label names'),
      sort: z.enum(['created', 'updated', 'comments']).optional().describe('Sort field (default: created)'),
      direction: z.enum(['asc', 'desc']).optional().describe('Sort direction (default: desc)'),
      since: z.iso.datetime({ offset: true }).optional().describe('ISO 8601 timestamp: only issues updated at or after it'),
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
    description: `One issue with its body (up to ${LIMITS.body} characters, then a "…[truncated N characters]" marker), labels, assignees, milestone and comment count. Works for pull request numbers too (isPullRequest: true).`,
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
      'Search issues and pull requests across GitHub with GitHub search syntax. The query is sent as written; useful qualifiers: is:issue or is:pr (GitHub may require one of them), repo:owner/name, org:name, user:login, is:open / is:closed, label:"good first issue", author:login, assignee:login, mentions:login, in:title, created:>2024-01-01, no:assignee. Lean entries with repository and a body preview.',
    input: {
      query: z.string().min(1).describe('GitHub issue search query, e.g. "repo:octocat/hello-world is:issue is:open label:bug"'),
      sort: z.enum(['comments', 'reactions', 'created', 'updated', 'interactions']).optional().describe('Sort field (default: best match)'),
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
    description: 'Open a new issue. Labels and assignees need push access to the repository (GitHub silently drops them otherwise); milestone is the milestone number.',
    input: {
      ...ownerRepo,
      title: z.string().min(1),
      body: z.string().optional().describe('Markdown body'),
      labels: z.array(z.string()).optional().describe('Label names'),
      assignees: z.array(z.string()).optional().describe('Logins to assign'),
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
      'Change an issue (or a pull request\'s issue fields): title, body, state, state_reason, labels, assignees, milestone. labels and assignees REPLACE the current lists (pass [] to clear). Close with state "closed" and state_reason "completed" or "not_planned".',
    input: {
      ...ownerRepo,
      ...issueNumber,
      title: z.string().min(1).optional(),
      body: z.string().optional().describe('New Markdown body (replaces the old one)'),
      state: z.enum(['open', 'closed']).optional(),
      state_reason: z.enum(['completed', 'not_planned', 'reopened']).optional(),
      labels: z.array(z.string()).optional().describe('Full new list of label names'),
      assignees: z.array(z.string()).optional().describe('Full new list of assignee logins'),
      milestone: z.number().int().nullable().optional().describe('Milestone number, or null to remove it'),
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
    description: 'Add a comment to an issue or pull request (a pull request\'s conversation tab). Returns the new comment.',
    input: { ...ownerRepo, ...issueNumber, body: z.string().min(1).describe('Markdown comment text') },
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
    description: `Comments on an issue or pull request, oldest first. Each body is kept up to ${LIMITS.comment} characters, then marked "…[truncated N characters]".`,
    input: { ...ownerRepo, ...issueNumber, since: z.iso.datetime({ offset: true }).optional().describe('ISO 8601 timestamp: only comments updated at or after it'), ...pagination },
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

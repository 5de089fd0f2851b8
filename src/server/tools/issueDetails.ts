import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import { defineTool, ownerRepo, pagination, READ, issueNumber } from './defineTool';
import {
  about,
  commentSchema,
  issueTypeSchema,
  labelSchema,
  lastPageOf,
  listOutput,
  milestoneSchema,
  objectAnswer,
  perPageOf,
  shapeComment,
  shapeEach,
  shapeIssueType,
  shapeLabel,
  shapeMilestone,
  shapeTimelineEvent,
  timelineEventSchema,
  TIMELINE_BODY,
  toPage,
} from './shape';

// The issues toolset, continued: timelines, milestones, labels, issue types, editing comments.


export const issueDetailsTools = [
  defineTool({
    name: 'update_issue_comment',
    toolset: 'issues',
    title: 'Edit issue comment',
    description: 'Replace the body of an issue or pull request conversation comment (commentId from list_issue_comments or get_issue_timeline).',
    input: { ...ownerRepo, commentId: z.number().int().min(1), body: z.string().min(1) },
    output: commentSchema.shape,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    needs: { permissions: { issues: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, commentId, body }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`comment ${commentId} in ${owner}/${repo}`, client.rest.issues.updateComment({ owner, repo, comment_id: commentId, body }));
      return { data: shapeComment(objectAnswer(data, `comment ${commentId} in ${owner}/${repo}`)) };
    },
  }),

  defineTool({
    name: 'get_issue_timeline',
    toolset: 'issues',
    title: 'Get issue timeline',
    description:
      `Events of an issue or pull request, oldest first (labels, assignments, state changes, references, commits, comments cut at ${TIMELINE_BODY} characters, reviews, sub-issues): event, actor, createdAt and its fields.`,
    input: { ...ownerRepo, ...issueNumber, ...pagination },
    output: listOutput(timelineEventSchema, {
      lastPage: z.number().int().optional().describe('The last page, from GitHub\'s Link header'),
      remainingPages: z.number().int().optional().describe('Pages after this one'),
    }),
    annotations: READ,
    needs: { permissions: { issues: 'read' } },
    async handler(args, ctx) {
      const { owner, repo, issue_number, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(
        `issue ${owner}/${repo}#${issue_number}`,
        client.rest.issues.listEventsForTimeline({ owner, repo, issue_number, page, per_page: perPage }),
      );
      const lastPage = lastPageOf(response.headers.link, page);
      const items = shapeEach(response.data as Parameters<typeof shapeTimelineEvent>[0][], shapeTimelineEvent);
      return { data: { ...toPage(items, response, page, perPage), lastPage, remainingPages: lastPage === undefined ? undefined : Math.max(0, lastPage - page) } };
    },
  }),

  defineTool({
    name: 'list_milestones',
    toolset: 'issues',
    title: 'List milestones',
    description: `Milestones of a repository: number (what create_issue/update_issue take), title, state, issue counts, due date, description preview.`,
    input: {
      ...ownerRepo,
      state: z.enum(['open', 'closed', 'all']).default('open'),
      sort: z.enum(['due_on', 'completeness']).optional(),
      direction: z.enum(['asc', 'desc']).optional(),
      ...pagination,
    },
    output: listOutput(milestoneSchema),
    annotations: READ,
    needs: { permissions: { issues: 'read' } },
    async handler(args, ctx) {
      const { owner, repo, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(
        `milestones of ${owner}/${repo}`,
        client.rest.issues.listMilestones({ owner, repo, state: args.state, sort: args.sort, direction: args.direction, page, per_page: perPage }),
      );
      return { data: toPage(shapeEach(response.data, shapeMilestone), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'get_label',
    toolset: 'issues',
    title: 'Get label',
    description: 'A label by name (case-insensitive): colour, description, whether it is a default.',
    input: { ...ownerRepo, name: z.string().min(1).max(100) },
    output: labelSchema.shape,
    annotations: READ,
    needs: { permissions: { issues: 'read' } },
    async handler({ owner, repo, name }, { github }) {
      // "." and ".." survive percent-encoding and would resolve to another URL.
      if (name === '.' || name === '..') throw new GitHubError('validation', `name: must be a label name, not ${JSON.stringify(name)}`);
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`label "${name}" in ${owner}/${repo}`, client.rest.issues.getLabel({ owner, repo, name }));
      return { data: shapeLabel(objectAnswer(data, `label "${name}" in ${owner}/${repo}`)) };
    },
  }),

  defineTool({
    name: 'list_issue_types',
    toolset: 'issues',
    title: 'List issue types',
    description: 'Issue types of an organization (Task, Bug...): id, name, description, colour. Users have none.',
    input: { org: z.string() },
    output: { items: z.array(issueTypeSchema) },
    annotations: READ,
    needs: { permissions: { issue_types: 'read' }, scope: 'read:org' },
    async handler({ org }, { github }) {
      const client = await github.forOwner(org);
      const { data } = await about(`issue types of organization ${org}`, client.rest.orgs.listIssueTypes({ org }));
      return { data: { items: shapeEach(data, shapeIssueType) } };
    },
  }),
];

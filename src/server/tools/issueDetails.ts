import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import { defineTool, ownerRepo, pagination, READ } from './defineTool';
import {
  about,
  commentSchema,
  issueTypeSchema,
  labelSchema,
  lastPageOf,
  LIMITS,
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

const issueNumber = { issue_number: z.number().int().min(1).describe('Issue (or pull request) number') };

export const issueDetailsTools = [
  defineTool({
    name: 'update_issue_comment',
    toolset: 'issues',
    title: 'Edit issue comment',
    description: 'Replace the body of a comment on an issue or pull request conversation. commentId is the id from list_issue_comments or get_issue_timeline. Others\' comments need write access.',
    input: { ...ownerRepo, commentId: z.number().int().min(1).describe('Comment id'), body: z.string().min(1).describe('New Markdown text (replaces the old)') },
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
      `What happened to an issue or pull request, oldest first, one page at a time: labeled/unlabeled, assigned, closed/reopened, renamed, milestoned, cross-referenced (source issue/PR), referenced and committed (sha), commented (body cut at ${TIMELINE_BODY} characters), reviewed, merged, sub_issue_added/parent_issue_added (and _removed). Each entry has event, actor, createdAt and that event's fields. lastPage and remainingPages say how much is left.`,
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
    description: `Milestones of a repository: number (what create_issue/update_issue take), title, state, open and closed issue counts, due date, description cut at ${LIMITS.description} characters.`,
    input: {
      ...ownerRepo,
      state: z.enum(['open', 'closed', 'all']).default('open'),
      sort: z.enum(['due_on', 'completeness']).optional().describe('Sort field (default: due_on)'),
      direction: z.enum(['asc', 'desc']).optional().describe('Sort direction (default: asc)'),
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
    description: 'One label of a repository by name (case-insensitive): name, colour, description, whether it is a default label.',
    input: { ...ownerRepo, name: z.string().min(1).max(100).describe('Label name') },
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
    description: 'The issue types an organization defines (Task, Bug, Feature, ...): id, name, description, colour. Organizations only; users\' repositories have none.',
    input: { org: z.string().min(1).describe('Organization login') },
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

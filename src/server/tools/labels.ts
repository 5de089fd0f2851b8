import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import { defineTool, DESTRUCTIVE, ownerRepo, pagination, READ, WRITE } from './defineTool';
import { about, labelSchema, listOutput, milestoneSchema, objectAnswer, perPageOf, shapeEach, shapeLabel, shapeMilestone, toPage } from './shape';

// Repository labels (toolset labels) and milestone writes (toolset milestones; list_milestones is in issues).
// Both need push access: an App, issues: write.

const issuesWrite = { permissions: { issues: 'write' }, scope: 'public_repo' } as const;
const labelName = z.string().min(1).max(100).refine((name) => name !== '.' && name !== '..', 'must be a label name, not "." or ".."');
const color = z.string().regex(/^#?[0-9a-fA-F]{6}$/, 'must be a hex colour such as "d73a4a"').describe('Hex, e.g. "d73a4a"');
const description = z.string().max(100);
const dueOn = z.iso.datetime({ offset: true }).describe('GitHub keeps the date only');

function changes<T extends Record<string, unknown>>(fields: T, tool: string, names: string): T {
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
  if (Object.keys(set).length === 0) throw new GitHubError('validation', `${tool} needs at least one field to change: ${names}.`);
  return set;
}

export const labelsTools = [
  defineTool({
    name: 'list_labels',
    toolset: 'labels',
    title: 'List labels',
    description: 'Labels of a repository: name, colour, description, whether a default.',
    input: { ...ownerRepo, ...pagination },
    output: listOutput(labelSchema),
    annotations: READ,
    needs: { permissions: { issues: 'read' } },
    async handler(args, ctx) {
      const { owner, repo, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(`labels of ${owner}/${repo}`, client.rest.issues.listLabelsForRepo({ owner, repo, page, per_page: perPage }));
      return { data: toPage(shapeEach(response.data, shapeLabel), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'create_label',
    toolset: 'labels',
    title: 'Create label',
    description: 'Add a label to a repository. Names are unique ignoring case.',
    input: { ...ownerRepo, name: labelName, color: color.optional().describe('Hex, e.g. "d73a4a"; GitHub picks one when left out'), description: description.optional() },
    output: labelSchema.shape,
    annotations: WRITE,
    needs: issuesWrite,
    async handler({ owner, repo, name, color, description }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`repository ${owner}/${repo}`, client.rest.issues.createLabel({ owner, repo, name, color: color?.replace(/^#/, ''), description }));
      return { data: shapeLabel(objectAnswer(data, `the new label in ${owner}/${repo}`)) };
    },
  }),

  defineTool({
    name: 'update_label',
    toolset: 'labels',
    title: 'Update label',
    description: 'Rename a label (issues keep it) or change its colour or description.',
    input: { ...ownerRepo, name: labelName.describe('Current name'), new_name: labelName.optional(), color: color.optional(), description: description.optional() },
    output: labelSchema.shape,
    annotations: { ...DESTRUCTIVE, idempotentHint: true },
    needs: issuesWrite,
    async handler({ owner, repo, name, ...fields }, { github }) {
      const set = changes({ ...fields, color: fields.color?.replace(/^#/, '') }, 'update_label', 'new_name, color or description');
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`label "${name}" in ${owner}/${repo}`, client.rest.issues.updateLabel({ owner, repo, name, ...set }));
      return { data: shapeLabel(objectAnswer(data, `label "${name}" in ${owner}/${repo}`)) };
    },
  }),

  defineTool({
    name: 'delete_label',
    toolset: 'labels',
    title: 'Delete label',
    description: 'Delete a label; it is removed from every issue and pull request.',
    input: { ...ownerRepo, name: labelName },
    output: { deleted: z.string().describe('The label name') },
    annotations: DESTRUCTIVE,
    needs: issuesWrite,
    async handler({ owner, repo, name }, { github }) {
      const client = await github.forRepo(owner, repo);
      await about(`label "${name}" in ${owner}/${repo}`, client.rest.issues.deleteLabel({ owner, repo, name }));
      return { data: { deleted: name } };
    },
  }),

  defineTool({
    name: 'create_milestone',
    toolset: 'milestones',
    title: 'Create milestone',
    description: 'Add a milestone; its number is what create_issue and update_issue take. Titles are unique per repository.',
    input: { ...ownerRepo, title: z.string().min(1), state: z.enum(['open', 'closed']).optional(), description: z.string().optional(), due_on: dueOn.optional() },
    output: milestoneSchema.shape,
    annotations: WRITE,
    needs: issuesWrite,
    async handler({ owner, repo, ...fields }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`repository ${owner}/${repo}`, client.rest.issues.createMilestone({ owner, repo, ...fields }));
      return { data: shapeMilestone(objectAnswer(data, `the new milestone in ${owner}/${repo}`)) };
    },
  }),

  defineTool({
    name: 'update_milestone',
    toolset: 'milestones',
    title: 'Update milestone',
    description: 'Change a milestone\'s title, state (close or reopen), description or due date.',
    input: {
      ...ownerRepo,
      milestone_number: z.number().int().min(1),
      title: z.string().min(1).optional(),
      state: z.enum(['open', 'closed']).optional(),
      description: z.string().optional(),
      due_on: dueOn.optional(),
    },
    output: milestoneSchema.shape,
    annotations: { ...DESTRUCTIVE, idempotentHint: true },
    needs: issuesWrite,
    async handler({ owner, repo, milestone_number, ...fields }, { github }) {
      const set = changes(fields, 'update_milestone', 'title, state, description or due_on');
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`milestone ${milestone_number} of ${owner}/${repo}`, client.rest.issues.updateMilestone({ owner, repo, milestone_number, ...set }));
      return { data: shapeMilestone(objectAnswer(data, `milestone ${milestone_number} of ${owner}/${repo}`)) };
    },
  }),
];

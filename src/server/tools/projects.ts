import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import { cursorPagination, defineTool, DESTRUCTIVE, READ, WRITE, type ToolContext } from './defineTool';
import { argumentProblem } from './grammar';
import { needsUser } from './run';
import {
  about,
  objectAnswer,
  perPageOf,
  projectDetailSchema,
  projectFieldSchema,
  projectItemDetailSchema,
  projectItemSchema,
  projectSchema,
  shapeEach,
  shapeProject,
  shapeProjectDetail,
  shapeProjectField,
  shapeProjectItem,
  shapeProjectItemDetail,
  cursorOutput,
  cursorPage,
} from './shape';

/*
 * Projects v2, over GitHub's REST endpoints (/orgs/{org}/projectsV2…, /users/{username}/projectsV2…).
 * An organization's projects are read as the installation on that organization (an unpinned App
 * picks it with forOwner); GitHub gives installations no access to a user's projects, so under
 * an App those calls are refused before asking. Classic tokens need read:project or project.
 */

const readNeeds = { permissions: { organization_projects: 'read' }, scope: 'read:project' } as const;
const writeNeeds = { permissions: { organization_projects: 'write' }, scope: 'project' } as const;

const project = {
  owner: z.string().describe('The organization or user owning the project'),
  owner_type: z.enum(['org', 'user']),
  project_number: z.number().int().min(1),
};
const itemId = { item_id: z.number().int().min(1).describe('Project item id (from list_project_items), not an issue number') };
const fieldIds = z.array(z.number().int().min(1)).min(1).max(50).optional().describe('Field ids (list_project_fields) whose values to include; default: none');

type Raw = Record<string, unknown>;
type OwnerType = 'org' | 'user';

function projectName(owner: string, ownerType: OwnerType, number: number): string {
  return `project #${number} of ${ownerType === 'org' ? 'organization' : 'user'} ${owner}`;
}

/** The client for an owner's projects; as a GitHub App a user's projects are out of reach, so say so before asking. */
async function clientFor(ctx: ToolContext, owner: string, ownerType: OwnerType) {
  if (ownerType === 'user' && ctx.github.isApp) throw needsUser("A user's projects", 'owner_type "org" for an organization\'s project, or a personal access token (scope read:project or project)');
  return ctx.github.forOwner(owner);
}

const fieldsParam = (fields: number[] | undefined) => (fields ? { fields: fields.join(',') } : {});

export const projectsTools = [
  defineTool({
    name: 'list_projects',
    toolset: 'projects',
    title: 'List projects',
    description: "Projects (v2) of an organization or user: number, title, state. User projects need a user's token.",
    input: { owner: project.owner, owner_type: project.owner_type, ...cursorPagination },
    output: cursorOutput(projectSchema),
    annotations: READ,
    needs: readNeeds,
    async handler(args, ctx) {
      const { owner, owner_type, after } = args;
      const perPage = perPageOf(args, ctx);
      const client = await clientFor(ctx, owner, owner_type);
      const response = await about(
        `projects of ${owner}`,
        owner_type === 'org' ? client.rest.projects.listForOrg({ org: owner, after, per_page: perPage }) : client.rest.projects.listForUser({ username: owner, after, per_page: perPage }),
      );
      return { data: cursorPage(shapeEach(response.data as unknown as Raw[], shapeProject), response, perPage) };
    },
  }),

  defineTool({
    name: 'get_project',
    toolset: 'projects',
    title: 'Get a project',
    description: 'One project (v2) by number, with its description and latest status update.',
    input: project,
    output: projectDetailSchema.shape,
    annotations: READ,
    needs: readNeeds,
    async handler({ owner, owner_type, project_number }, ctx) {
      const client = await clientFor(ctx, owner, owner_type);
      const name = projectName(owner, owner_type, project_number);
      const { data } = await about(
        name,
        owner_type === 'org' ? client.rest.projects.getForOrg({ org: owner, project_number }) : client.rest.projects.getForUser({ username: owner, project_number }),
      );
      return { data: shapeProjectDetail(objectAnswer(data as unknown as Raw, name)) };
    },
  }),

  defineTool({
    name: 'list_project_fields',
    toolset: 'projects',
    title: 'List project fields',
    description: 'Fields of a project: id, name, data type, and the ids of single-select options and iterations, which update_project_item takes as values.',
    input: { ...project, ...cursorPagination },
    output: cursorOutput(projectFieldSchema),
    annotations: READ,
    needs: readNeeds,
    async handler(args, ctx) {
      const { owner, owner_type, project_number, after } = args;
      const perPage = perPageOf(args, ctx);
      const client = await clientFor(ctx, owner, owner_type);
      const response = await about(
        `fields of ${projectName(owner, owner_type, project_number)}`,
        owner_type === 'org'
          ? client.rest.projects.listFieldsForOrg({ org: owner, project_number, after, per_page: perPage })
          : client.rest.projects.listFieldsForUser({ username: owner, project_number, after, per_page: perPage }),
      );
      return { data: cursorPage(shapeEach(response.data as unknown as Raw[], shapeProjectField), response, perPage) };
    },
  }),

  defineTool({
    name: 'list_project_items',
    toolset: 'projects',
    title: 'List project items',
    description: 'Items of a project: item id, content type, title, number, state, repository, URL; field values by name for the field ids in `fields`.',
    input: { ...project, query: z.string().min(1).max(1024).optional().describe('GitHub\'s project filter, e.g. "is:open status:Todo"'), fields: fieldIds, ...cursorPagination },
    output: cursorOutput(projectItemSchema),
    annotations: READ,
    needs: readNeeds,
    async handler(args, ctx) {
      const { owner, owner_type, project_number, query, fields, after } = args;
      const perPage = perPageOf(args, ctx);
      const client = await clientFor(ctx, owner, owner_type);
      const response = await about(
        `items of ${projectName(owner, owner_type, project_number)}`,
        owner_type === 'org'
          ? client.rest.projects.listItemsForOrg({ org: owner, project_number, q: query, after, per_page: perPage, ...fieldsParam(fields) })
          : client.rest.projects.listItemsForUser({ username: owner, project_number, q: query, after, per_page: perPage, ...fieldsParam(fields) }),
      );
      return { data: cursorPage(shapeEach(response.data as unknown as Raw[], shapeProjectItem), response, perPage) };
    },
  }),

  defineTool({
    name: 'get_project_item',
    toolset: 'projects',
    title: 'Get a project item',
    description: 'One project item by item id: its issue, pull request or draft (with body) and the values of the field ids in `fields`.',
    input: { ...project, ...itemId, fields: fieldIds },
    output: projectItemDetailSchema.shape,
    annotations: READ,
    needs: readNeeds,
    async handler({ owner, owner_type, project_number, item_id, fields }, ctx) {
      const client = await clientFor(ctx, owner, owner_type);
      const name = `item ${item_id} of ${projectName(owner, owner_type, project_number)}`;
      const { data } = await about(
        name,
        owner_type === 'org'
          ? client.rest.projects.getOrgItem({ org: owner, project_number, item_id, ...fieldsParam(fields) })
          : client.rest.projects.getUserItem({ username: owner, project_number, item_id, ...fieldsParam(fields) }),
      );
      return { data: shapeProjectItemDetail(objectAnswer(data as unknown as Raw, name)) };
    },
  }),

  defineTool({
    name: 'add_project_item',
    toolset: 'projects',
    title: 'Add an issue or pull request to a project',
    description:
      'Adds an issue or pull request, given by item_id (its database id) or by item_owner, item_repo and item_number. Returns the project item (its id is what the other item tools take); content already in the project returns its item.',
    input: {
      ...project,
      item_type: z.enum(['Issue', 'PullRequest']),
      item_id: z.number().int().min(1).optional().describe('Database id of the issue or pull request (not its number)'),
      item_owner: z.string().optional(),
      item_repo: z.string().optional(),
      item_number: z.number().int().min(1).optional(),
    },
    output: projectItemSchema.shape,
    annotations: { ...WRITE, idempotentHint: true },
    needs: writeNeeds,
    async handler({ owner, owner_type, project_number, item_type, item_id, item_owner, item_repo, item_number }, ctx) {
      const byNumber = [item_owner, item_repo, item_number];
      const some = byNumber.some((v) => v !== undefined);
      if (item_id !== undefined ? some : !byNumber.every((v) => v !== undefined)) {
        throw new GitHubError('validation', 'Give the issue or pull request either as item_id, or as item_owner, item_repo and item_number (all three), not both.');
      }
      // GitHub's grammar for owner and repo, as every tool's owner and repo arguments get it.
      for (const [name, rule, value] of [['item_owner', 'owner', item_owner], ['item_repo', 'repo', item_repo]] as const) {
        const problem = value === undefined ? undefined : argumentProblem(rule, value);
        if (problem) throw new GitHubError('validation', `${name}: ${problem}`);
      }
      const content = item_id !== undefined ? { id: item_id } : { owner: item_owner as string, repo: item_repo as string, number: item_number as number };
      const client = await clientFor(ctx, owner, owner_type);
      const name = projectName(owner, owner_type, project_number);
      const body = { type: item_type, ...content } as { type: 'Issue'; id: number };
      const { data } = await about(
        `${name} (adding ${item_type === 'Issue' ? 'issue' : 'pull request'} ${item_id !== undefined ? `id ${item_id}` : `${item_owner}/${item_repo}#${item_number}`})`,
        owner_type === 'org' ? client.rest.projects.addItemForOrg({ org: owner, project_number, ...body }) : client.rest.projects.addItemForUser({ username: owner, project_number, ...body }),
      );
      return { data: shapeProjectItem(objectAnswer(data as unknown as Raw, name)) };
    },
  }),

  defineTool({
    name: 'update_project_item',
    toolset: 'projects',
    title: 'Set a project item field',
    description:
      'Sets one field of a project item: text a string, number a number, date "YYYY-MM-DD", single_select an option id, iteration an iteration id (ids from list_project_fields); null clears it. Returns the item with that field.',
    input: {
      ...project,
      ...itemId,
      field_id: z.number().int().min(1),
      value: z.union([z.string().max(1024), z.number(), z.null()]),
    },
    output: projectItemSchema.shape,
    annotations: { ...WRITE, idempotentHint: true },
    needs: writeNeeds,
    async handler({ owner, owner_type, project_number, item_id, field_id, value }, ctx) {
      const client = await clientFor(ctx, owner, owner_type);
      const name = `item ${item_id} of ${projectName(owner, owner_type, project_number)}`;
      const fields = [{ id: field_id, value }];
      const { data } = await about(
        name,
        owner_type === 'org'
          ? client.rest.projects.updateItemForOrg({ org: owner, project_number, item_id, fields })
          : client.rest.projects.updateItemForUser({ username: owner, project_number, item_id, fields }),
      );
      return { data: shapeProjectItem(objectAnswer(data as unknown as Raw, name)) };
    },
  }),

  defineTool({
    name: 'delete_project_item',
    toolset: 'projects',
    title: 'Remove an item from a project',
    description: 'Removes an item from a project by item id; the issue or pull request itself stays (a draft is gone).',
    input: { ...project, ...itemId },
    output: { deleted: z.boolean(), item_id: z.number().int() },
    annotations: { ...DESTRUCTIVE, idempotentHint: true },
    needs: writeNeeds,
    async handler({ owner, owner_type, project_number, item_id }, ctx) {
      const client = await clientFor(ctx, owner, owner_type);
      await about(
        `item ${item_id} of ${projectName(owner, owner_type, project_number)}`,
        owner_type === 'org'
          ? client.rest.projects.deleteItemForOrg({ org: owner, project_number, item_id })
          : client.rest.projects.deleteItemForUser({ username: owner, project_number, item_id }),
      );
      return { data: { deleted: true, item_id } };
    },
  }),
];

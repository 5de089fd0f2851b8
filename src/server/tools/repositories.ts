import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import type { GitHub } from '../../core/github';
import { defineTool, ownerRepo, pagination, READ, WRITE } from './defineTool';
import {
  about,
  codeResultSchema,
  collaboratorSchema,
  commitResultSchema,
  forkSchema,
  listOutput,
  objectAnswer,
  perPageOf,
  repositorySchema,
  repoSummarySchema,
  searchPage,
  shapeCodeResult,
  shapeCollaborator,
  shapeCommitResult,
  shapeEach,
  shapeFork,
  shapeRepoSummary,
  shapeRepository,
  toPage,
} from './shape';

/** An App acts as installations, which have no user account: user-level calls cannot work. */
function refuseUserCallForApp(github: GitHub, what: string, instead: string): void {
  if (github.isApp) throw new GitHubError('validation', `As a GitHub App there is no user account to ${what}; ${instead}`);
}

export const repositoriesTools = [
  defineTool({
    name: 'search_code',
    toolset: 'repos',
    title: 'Search code',
    description: `Search code with GitHub code search syntax, e.g. "useState repo:owner/name language:ts"; needs a search word besides qualifiers. Returns repo, path, sha, URL, fragments, totalCount.`,
    input: {
      query: z.string().min(1),
      sort: z.enum(['indexed']).optional(),
      order: z.enum(['asc', 'desc']).optional(),
      ...pagination,
    },
    output: listOutput(codeResultSchema, { incompleteResults: z.boolean() }),
    annotations: READ,
    needs: { permissions: { metadata: 'read' } },
    async handler(args, ctx) {
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forSearch(args.query);
      const response = await about(
        'the code search',
        client.rest.search.code({ q: args.query, sort: args.sort, order: args.order, page: args.page, per_page: perPage, mediaType: { format: 'text-match' } }),
      );
      return { data: searchPage(shapeEach(response.data?.items, shapeCodeResult), response, args.page, perPage) };
    },
  }),

  defineTool({
    name: 'search_commits',
    toolset: 'repos',
    title: 'Search commits',
    description:
      'Search commit messages on default branches with GitHub commit search syntax, e.g. "fix panic repo:owner/name author:octocat". Returns sha, message line, author, date, repo, totalCount.',
    input: {
      query: z.string().min(1),
      sort: z.enum(['author-date', 'committer-date']).optional(),
      order: z.enum(['asc', 'desc']).optional(),
      ...pagination,
    },
    output: listOutput(commitResultSchema, { incompleteResults: z.boolean() }),
    annotations: READ,
    needs: { permissions: { metadata: 'read' } },
    async handler(args, ctx) {
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forSearch(args.query);
      const response = await about('the commit search', client.rest.search.commits({ q: args.query, sort: args.sort, order: args.order, page: args.page, per_page: perPage }));
      return { data: searchPage(shapeEach(response.data?.items, shapeCommitResult), response, args.page, perPage) };
    },
  }),

  defineTool({
    name: 'list_repositories',
    toolset: 'repos',
    title: 'List repositories',
    description:
      'Repositories of org, of username (public ones), or else yours. As a GitHub App without org or username: those the installation on owner can access.',
    input: {
      org: z.string().optional(),
      username: z.string().optional(),
      owner: z.string().optional().describe('GitHub App only'),
      type: z.enum(['all', 'owner', 'member', 'public', 'private', 'forks', 'sources']).optional().describe('Not with visibility or affiliation; owner/member for users, forks/sources for orgs'),
      visibility: z.enum(['all', 'public', 'private']).optional().describe('Your list only'),
      affiliation: z.array(z.enum(['owner', 'collaborator', 'organization_member'])).min(1).optional().describe('Your list only'),
      sort: z.enum(['created', 'updated', 'pushed', 'full_name']).optional(),
      direction: z.enum(['asc', 'desc']).optional(),
      ...pagination,
    },
    output: listOutput(repoSummarySchema),
    annotations: READ,
    needs: { permissions: { metadata: 'read' } },
    async handler(args, ctx) {
      const { github } = ctx;
      const { page, org, username, type, visibility, affiliation, sort, direction } = args;
      const perPage = perPageOf(args, ctx);
      const named = [org && 'org', username && 'username', args.owner && 'owner'].filter(Boolean);
      if (named.length > 1) throw new GitHubError('validation', `Give one of org, username and owner, not ${named.join(' and ')}.`);
      if ((org || username || github.isApp) && (visibility || affiliation)) {
        throw new GitHubError('validation', 'visibility and affiliation filter only the signed-in user\'s own list (no org, username or App); use type instead.');
      }
      if (type && (visibility || affiliation)) throw new GitHubError('validation', 'GitHub does not combine type with visibility or affiliation; use one or the other.');
      if (org) {
        if (type === 'owner') throw new GitHubError('validation', 'type "owner" applies to user lists; for an org use all, public, private, forks, sources or member.');
        const client = await github.forOwner(org);
        const response = await about(`repositories of ${org}`, client.rest.repos.listForOrg({ org, type, sort, direction, page, per_page: perPage }));
        return { data: toPage(shapeEach(response.data, shapeRepoSummary), response, page, perPage) };
      }
      if (type && ['public', 'private', 'forks', 'sources'].includes(type) && username) {
        throw new GitHubError('validation', `type "${type}" does not apply to a user's list; use all, owner or member.`);
      }
      if (username) {
        const client = await github.forOwner(username);
        const response = await about(`repositories of ${username}`, client.rest.repos.listForUser({ username, type: type as 'all' | 'owner' | 'member' | undefined, sort, direction, page, per_page: perPage }));
        return { data: toPage(shapeEach(response.data, shapeRepoSummary), response, page, perPage) };
      }
      if (github.isApp) {
        if (!args.owner && github.auth.method === 'app') {
          throw new GitHubError('validation', 'As a GitHub App (no pinned installation), name owner to list the repositories its installation there can access, or give org or username.');
        }
        if (type || sort || direction) throw new GitHubError('validation', 'An installation\'s repository list takes no type, sort or direction.');
        const client = args.owner ? await github.forOwner(args.owner) : await github.client();
        const response = await about(`repositories of the installation${args.owner ? ` on ${args.owner}` : ''}`, client.rest.apps.listReposAccessibleToInstallation({ page, per_page: perPage }));
        const data = objectAnswer(response.data, 'the installation\'s repositories');
        return { data: toPage(shapeEach(data.repositories, shapeRepoSummary), response, page, perPage, data.total_count) };
      }
      if (args.owner) throw new GitHubError('validation', 'owner is for GitHub App auth; to list an account\'s repositories give org or username.');
      if (type === 'forks' || type === 'sources') throw new GitHubError('validation', `type "${type}" applies to org lists only.`);
      const client = await github.client();
      const response = await about(
        'your repositories',
        client.rest.repos.listForAuthenticatedUser({ type: type as 'all' | 'owner' | 'public' | 'private' | 'member' | undefined, visibility, affiliation: affiliation?.join(','), sort, direction, page, per_page: perPage }),
      );
      return { data: toPage(shapeEach(response.data, shapeRepoSummary), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'list_repository_collaborators',
    toolset: 'repos',
    title: 'List repository collaborators',
    description: 'People with access to a repository and their role. Needs push access.',
    input: {
      ...ownerRepo,
      affiliation: z.enum(['outside', 'direct', 'all']).optional().describe('direct: not through the org'),
      permission: z.enum(['pull', 'triage', 'push', 'maintain', 'admin']).optional().describe('At least this'),
      ...pagination,
    },
    output: listOutput(collaboratorSchema),
    annotations: READ,
    needs: { permissions: { metadata: 'read' } },
    async handler(args, ctx) {
      const { owner, repo, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(
        `collaborators of ${owner}/${repo}`,
        client.rest.repos.listCollaborators({ owner, repo, affiliation: args.affiliation, permission: args.permission, page, per_page: perPage }),
      );
      return { data: toPage(shapeEach(response.data, shapeCollaborator), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'create_repository',
    toolset: 'repos',
    title: 'Create repository',
    description: 'Create a repository for you or in organization (required as a GitHub App). autoInit adds a README so the default branch exists.',
    input: {
      name: z.string().min(1).max(100).describe('Characters other than letters, digits, ".", "-", "_" become "-"'),
      description: z.string().max(350).optional(),
      private: z.boolean().default(true),
      autoInit: z.boolean().optional(),
      organization: z.string().optional(),
    },
    output: repositorySchema.shape,
    annotations: WRITE,
    needs: { permissions: { administration: 'write' }, scope: 'public_repo' },
    async handler({ name, description, private: isPrivate, autoInit, organization }, { github }) {
      const body = { name, description, private: isPrivate, auto_init: autoInit };
      if (organization) {
        const client = await github.forOwner(organization);
        const { data } = await about(`organization ${organization}`, client.rest.repos.createInOrg({ org: organization, ...body }));
        return { data: shapeRepository(objectAnswer(data, `the new repository in ${organization}`)) };
      }
      refuseUserCallForApp(github, 'create a repository for', 'pass organization to create it in an organization the App is installed on.');
      const client = await github.client();
      const { data } = await about(`repository ${name}`, client.rest.repos.createForAuthenticatedUser(body));
      return { data: shapeRepository(objectAnswer(data, 'the new repository')) };
    },
  }),

  defineTool({
    name: 'fork_repository',
    toolset: 'repos',
    title: 'Fork repository',
    description:
      'Fork a repository to you or to organization (required as a GitHub App). The copy finishes in the background.',
    input: {
      ...ownerRepo,
      organization: z.string().optional(),
      name: z.string().min(1).max(100).optional(),
      defaultBranchOnly: z.boolean().optional(),
    },
    output: forkSchema.shape,
    annotations: WRITE,
    needs: { permissions: { administration: 'write', contents: 'read' }, scope: 'public_repo' },
    async handler({ owner, repo, organization, name, defaultBranchOnly }, { github }) {
      if (!organization) refuseUserCallForApp(github, 'fork into', 'pass organization to fork into an organization the App is installed on.');
      // The fork is made by the destination's identity: for an App, the installation on that organization.
      const client = organization ? await github.forOwner(organization) : await github.forRepo(owner, repo);
      const { data } = await about(
        `repository ${owner}/${repo}`,
        client.rest.repos.createFork({ owner, repo, organization, name, default_branch_only: defaultBranchOnly }),
      );
      return { data: shapeFork(objectAnswer(data, `the fork of ${owner}/${repo}`)) };
    },
  }),
];

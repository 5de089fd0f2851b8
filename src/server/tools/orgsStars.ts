import { z } from 'zod';
import { defineTool, DESTRUCTIVE, ownerRepo, pagination, READ, WRITE, type ToolContext } from './defineTool';
import { needsUser } from './run';
import { accountSearchInput, accountSearchOutput, searchAccounts } from './users';
import { about, listOutput, perPageOf, repoSummarySchema, shapeEach, shapeRepoSummary, shapeTeamMember, teamMemberSchema, toPage } from './shape';

// Organizations (toolset orgs) and stars (toolset stargazers). Starring is a user's act: GitHub
// refuses it to GitHub Apps, so those tools refuse under App auth before asking.

const USER_TOKENS = 'a personal access token, or a GitHub App user token (GITHUB_AUTH=app_user)';
const starringNeeds = { permissions: { starring: 'write' }, user: USER_TOKENS } as const;

/** Your own stars: with a username, anyone may list theirs, so this one refuses Apps itself. */
async function yourClient(ctx: ToolContext) {
  if (ctx.github.isApp) throw needsUser('Listing your starred repositories (without username)', USER_TOKENS);
  return ctx.github.client();
}

type RawRepo = Parameters<typeof shapeRepoSummary>[0];
type StarredItem = RawRepo | { starred_at: string; repo: RawRepo };

/** GitHub sends repositories, or with the star+json media type { starred_at, repo }: either is read. */
function shapeStarred(item: StarredItem) {
  return shapeRepoSummary('repo' in item && item.repo && typeof item.repo === 'object' ? item.repo : (item as RawRepo));
}

export const orgsStarsTools = [
  defineTool({
    name: 'search_orgs',
    toolset: 'orgs',
    title: 'Search organizations',
    description: 'Search organizations with GitHub search syntax ("type:org" is added), e.g. "location:berlin repos:>10". Returns login, id, URL, totalCount.',
    input: accountSearchInput,
    output: accountSearchOutput,
    annotations: READ,
    needs: {},
    handler: (args, ctx) => searchAccounts(args, ctx, `${args.query} type:org`, 'the organization search'),
  }),

  defineTool({
    name: 'list_org_members',
    toolset: 'orgs',
    title: 'List organization members',
    description: 'Logins of an organization\'s members. Non-members see public members only.',
    input: { org: z.string(), role: z.enum(['all', 'admin', 'member']).optional(), ...pagination },
    output: listOutput(teamMemberSchema),
    annotations: READ,
    needs: { permissions: { members: 'read' }, scope: 'read:org' },
    async handler(args, ctx) {
      const { org, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forOwner(org);
      const response = await about(`members of ${org}`, client.rest.orgs.listMembers({ org, role: args.role, page, per_page: perPage }));
      return { data: toPage(shapeEach(response.data, shapeTeamMember), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'list_starred_repositories',
    toolset: 'stargazers',
    title: 'List starred repositories',
    description: 'Repositories you (or username) starred, most recently starred first. Your own need a user token.',
    input: {
      username: z.string().optional().describe('Default: you'),
      sort: z.enum(['created', 'updated']).optional().describe('created: when starred'),
      direction: z.enum(['asc', 'desc']).optional(),
      ...pagination,
    },
    output: listOutput(repoSummarySchema),
    annotations: READ,
    needs: {},
    async handler(args, ctx) {
      const { username, page } = args;
      const perPage = perPageOf(args, ctx);
      const query = { sort: args.sort, direction: args.direction, page, per_page: perPage };
      const response = username
        ? await about(`repositories ${username} starred`, (await ctx.github.forAnyone()).rest.activity.listReposStarredByUser({ username, ...query }))
        : await about('your starred repositories', (await yourClient(ctx)).rest.activity.listReposStarredByAuthenticatedUser(query));
      return { data: toPage(shapeEach(response.data as StarredItem[], shapeStarred), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'star_repository',
    toolset: 'stargazers',
    title: 'Star repository',
    description: 'Star a repository as yourself (a user token; GitHub Apps cannot star).',
    input: ownerRepo,
    output: { starred: z.string().describe('owner/name') },
    annotations: { ...WRITE, idempotentHint: true },
    needs: starringNeeds,
    async handler({ owner, repo }, ctx) {
      const client = await ctx.github.client();
      await about(`repository ${owner}/${repo}`, client.rest.activity.starRepoForAuthenticatedUser({ owner, repo }));
      return { data: { starred: `${owner}/${repo}` } };
    },
  }),

  defineTool({
    name: 'unstar_repository',
    toolset: 'stargazers',
    title: 'Unstar repository',
    description: 'Remove your star from a repository (a user token).',
    input: ownerRepo,
    output: { unstarred: z.string().describe('owner/name') },
    annotations: { ...DESTRUCTIVE, idempotentHint: true },
    needs: starringNeeds,
    async handler({ owner, repo }, ctx) {
      const client = await ctx.github.client();
      await about(`repository ${owner}/${repo}`, client.rest.activity.unstarRepoForAuthenticatedUser({ owner, repo }));
      return { data: { unstarred: `${owner}/${repo}` } };
    },
  }),
];

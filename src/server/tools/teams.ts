import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import { defineTool, pagination, READ } from './defineTool';
import { about, listOutput, perPageOf, shapeEach, shapeTeam, shapeTeamMember, teamMemberSchema, teamSchema, toPage } from './shape';

const orgRead = { permissions: { members: 'read' }, scope: 'read:org' } as const;

export const teamsTools = [
  defineTool({
    name: 'get_teams',
    toolset: 'context',
    title: 'Get teams',
    description: 'Your teams, or with org (required as a GitHub App) its teams you can see: name, slug, org, privacy, parent.',
    input: { org: z.string().optional(), ...pagination },
    output: listOutput(teamSchema),
    annotations: READ,
    needs: orgRead,
    async handler(args, ctx) {
      const { org, page } = args;
      const perPage = perPageOf(args, ctx);
      if (org) {
        const client = await ctx.github.forOwner(org);
        const response = await about(`teams of ${org}`, client.rest.teams.list({ org, page, per_page: perPage }));
        return { data: toPage(shapeEach(response.data, shapeTeam), response, page, perPage) };
      }
      if (ctx.github.isApp) {
        throw new GitHubError('validation', 'As a GitHub App there is no user whose teams to list; pass org to list the teams of an organization the App is installed on.');
      }
      const client = await ctx.github.client();
      const response = await about('your teams', client.rest.teams.listForAuthenticatedUser({ page, per_page: perPage }));
      return { data: toPage(shapeEach(response.data, shapeTeam), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'get_team_members',
    toolset: 'context',
    title: 'Get team members',
    description: 'Logins of a team\'s members, child teams\' included.',
    input: {
      org: z.string(),
      team_slug: z.string().describe('From get_teams'),
      role: z.enum(['member', 'maintainer', 'all']).optional(),
      ...pagination,
    },
    output: listOutput(teamMemberSchema),
    annotations: READ,
    needs: orgRead,
    async handler(args, ctx) {
      const { org, team_slug, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forOwner(org);
      const response = await about(`team ${org}/${team_slug}`, client.rest.teams.listMembersInOrg({ org, team_slug, role: args.role, page, per_page: perPage }));
      return { data: toPage(shapeEach(response.data, shapeTeamMember), response, page, perPage) };
    },
  }),
];

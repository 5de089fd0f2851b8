import { z } from 'zod';
import { defineTool, pagination, READ, type ToolContext } from './defineTool';
import { about, listOutput, perPageOf, searchPage, shapeEach, shapeUserListItem, userListItemSchema } from './shape';

/** Input of the account searches (search_users, search_orgs). */
export const accountSearchInput = {
  query: z.string().min(1),
  sort: z.enum(['followers', 'repositories', 'joined']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  ...pagination,
};

export const accountSearchOutput = listOutput(userListItemSchema, { incompleteResults: z.boolean() });

type AccountSearchArgs = { query: string; sort?: 'followers' | 'repositories' | 'joined'; order?: 'asc' | 'desc'; page: number; perPage?: number };

/** One page of GitHub's user search for `q`. Who asks does not change it, so an unpinned App may ask as any installation. */
export async function searchAccounts(args: AccountSearchArgs, ctx: ToolContext, q: string, what: string) {
  const perPage = perPageOf(args, ctx);
  const client = await ctx.github.forAnyone();
  const response = await about(what, client.rest.search.users({ q, sort: args.sort, order: args.order, page: args.page, per_page: perPage }));
  return { data: searchPage(shapeEach(response.data?.items, shapeUserListItem), response, args.page, perPage) };
}

export const usersTools = [
  defineTool({
    name: 'search_users',
    toolset: 'users',
    title: 'Search users',
    description:
      'Search users and organizations with GitHub search syntax, e.g. "tom in:login", "type:org location:berlin". Returns login, id, type, URL, totalCount.',
    input: accountSearchInput,
    output: accountSearchOutput,
    annotations: READ,
    needs: {},
    handler: (args, ctx) => searchAccounts(args, ctx, args.query, 'the user search'),
  }),
];

import { z } from 'zod';
import { defineTool, pagination, READ } from './defineTool';
import { about, listOutput, perPageOf, searchPage, shapeEach, shapeUserListItem, userListItemSchema } from './shape';

export const usersTools = [
  defineTool({
    name: 'search_users',
    toolset: 'users',
    title: 'Search users',
    description:
      'Search users and organizations with GitHub search syntax, e.g. "tom in:login", "type:org location:berlin". Returns login, id, type, URL, totalCount.',
    input: {
      query: z.string().min(1),
      sort: z.enum(['followers', 'repositories', 'joined']).optional(),
      order: z.enum(['asc', 'desc']).optional(),
      ...pagination,
    },
    output: listOutput(userListItemSchema, { incompleteResults: z.boolean() }),
    annotations: READ,
    needs: {},
    async handler(args, ctx) {
      const perPage = perPageOf(args, ctx);
      // Who asks does not change a user search, so an unpinned App may ask as any installation.
      const client = await ctx.github.forAnyone();
      const response = await about('the user search', client.rest.search.users({ q: args.query, sort: args.sort, order: args.order, page: args.page, per_page: perPage }));
      return { data: searchPage(shapeEach(response.data?.items, shapeUserListItem), response, args.page, perPage) };
    },
  }),
];

import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import { defineTool, ownerRepo, READ, WRITE, type ToolDefinition } from './defineTool';
import {
  ADD_DISCUSSION_COMMENT_MUTATION,
  addedDiscussionCommentSchema,
  aboutGraphql,
  CREATE_DISCUSSION_MUTATION,
  DISCUSSION_CATEGORIES_QUERY,
  DISCUSSION_COMMENTS_QUERY,
  discussionCategorySchema,
  discussionCommentSchema,
  discussionSchema,
  discussionSummarySchema,
  GET_DISCUSSION_QUERY,
  LIST_DISCUSSIONS_QUERY,
  objectAnswer,
  perPageOf,
  shapeAddedDiscussionComment,
  shapeDiscussion,
  shapeDiscussionCategory,
  shapeDiscussionComment,
  shapeDiscussionSummary,
  shapeEach,
  type RawDiscussion,
  type RawDiscussionCategory,
  type RawDiscussionComment,
} from './shape';

// Discussions exist in GraphQL only. Reads and writes act as the installation covering the repository.

const read = { permissions: { discussions: 'read' } } as const;
const write = { permissions: { discussions: 'write' }, scope: 'public_repo' } as const;

const discussionNumber = { discussionNumber: z.number().int().min(1) };
const cursorPaging = {
  perPage: z.number().int().min(1).max(100).optional(),
  after: z.string().min(1).max(200).optional().describe('endCursor of the previous page'),
};
const cursorOutput = {
  totalCount: z.number().int().optional(),
  hasNextPage: z.boolean().optional(),
  endCursor: z.string().nullable().optional().describe('Pass as after for the next page'),
};

type Connection<T> = { totalCount?: number; pageInfo?: { hasNextPage?: boolean; endCursor?: string | null }; nodes?: T[] } | null | undefined;

function cursorPage<T, R>(connection: Connection<T>, resource: string, shape: (item: T) => R) {
  const c = objectAnswer(connection, resource) as NonNullable<Connection<T>>;
  return { items: shapeEach(c.nodes, shape) ?? [], totalCount: c.totalCount, hasNextPage: c.pageInfo?.hasNextPage, endCursor: c.pageInfo?.endCursor };
}

type Repository<K extends string, T> = { repository: ({ [key in K]: T } & { id?: string }) | null } | null;

export const discussionsTools: ToolDefinition[] = [
  defineTool({
    name: 'list_discussions',
    toolset: 'discussions',
    title: 'List discussions',
    description: 'Discussions of a repository, newest activity first; category takes an id from list_discussion_categories.',
    input: {
      ...ownerRepo,
      category: z.string().min(1).max(200).optional().describe('Category node id'),
      orderBy: z.enum(['CREATED_AT', 'UPDATED_AT']).default('UPDATED_AT'),
      direction: z.enum(['ASC', 'DESC']).default('DESC'),
      ...cursorPaging,
    },
    output: { items: z.array(discussionSummarySchema), ...cursorOutput },
    annotations: READ,
    needs: read,
    async handler(args, ctx) {
      const { owner, repo, category, orderBy, direction, after } = args;
      const client = await ctx.github.forRepo(owner, repo);
      const what = `discussions of ${owner}/${repo}`;
      const data = await aboutGraphql(what, client.graphql<Repository<'discussions', Connection<RawDiscussion>>>(LIST_DISCUSSIONS_QUERY, { owner, repo, first: perPageOf(args, ctx), after, categoryId: category, orderBy: { field: orderBy, direction } }));
      return { data: cursorPage(data?.repository?.discussions, what, shapeDiscussionSummary) };
    },
  }),

  defineTool({
    name: 'get_discussion',
    toolset: 'discussions',
    title: 'Get discussion',
    description: 'One discussion with its body and answer.',
    input: { ...ownerRepo, ...discussionNumber },
    output: discussionSchema.shape,
    annotations: READ,
    needs: read,
    async handler({ owner, repo, discussionNumber: number }, ctx) {
      const client = await ctx.github.forRepo(owner, repo);
      const what = `discussion ${owner}/${repo}#${number}`;
      const data = await aboutGraphql(what, client.graphql<Repository<'discussion', RawDiscussion>>(GET_DISCUSSION_QUERY, { owner, repo, number }));
      return { data: shapeDiscussion(objectAnswer(data?.repository?.discussion, what) as RawDiscussion) };
    },
  }),

  defineTool({
    name: 'get_discussion_comments',
    toolset: 'discussions',
    title: 'Get discussion comments',
    description: 'Top-level comments of a discussion, oldest first, each with its first replies.',
    input: { ...ownerRepo, ...discussionNumber, ...cursorPaging },
    output: { items: z.array(discussionCommentSchema), ...cursorOutput },
    annotations: READ,
    needs: read,
    async handler(args, ctx) {
      const { owner, repo, discussionNumber: number, after } = args;
      const client = await ctx.github.forRepo(owner, repo);
      const what = `comments of discussion ${owner}/${repo}#${number}`;
      const data = await aboutGraphql(what, client.graphql<Repository<'discussion', { comments: Connection<RawDiscussionComment> } | null>>(DISCUSSION_COMMENTS_QUERY, { owner, repo, number, first: perPageOf(args, ctx), after }));
      return { data: cursorPage(data?.repository?.discussion?.comments, what, shapeDiscussionComment) };
    },
  }),

  defineTool({
    name: 'list_discussion_categories',
    toolset: 'discussions',
    title: 'List discussion categories',
    description: 'Discussion categories of a repository, with the ids list_discussions and create_discussion take.',
    input: { ...ownerRepo, ...cursorPaging },
    output: { items: z.array(discussionCategorySchema), ...cursorOutput },
    annotations: READ,
    needs: read,
    async handler(args, ctx) {
      const { owner, repo, after } = args;
      const client = await ctx.github.forRepo(owner, repo);
      const what = `discussion categories of ${owner}/${repo}`;
      const data = await aboutGraphql(what, client.graphql<Repository<'discussionCategories', Connection<RawDiscussionCategory>>>(DISCUSSION_CATEGORIES_QUERY, { owner, repo, first: args.perPage ?? 100, after }));
      return { data: cursorPage(data?.repository?.discussionCategories, what, shapeDiscussionCategory) };
    },
  }),

  defineTool({
    name: 'create_discussion',
    toolset: 'discussions',
    title: 'Create discussion',
    description: 'Starts a discussion; categoryId comes from list_discussion_categories.',
    input: { ...ownerRepo, categoryId: z.string().min(1).max(200), title: z.string().min(1), body: z.string().min(1) },
    output: discussionSummarySchema.shape,
    annotations: WRITE,
    needs: write,
    async handler({ owner, repo, categoryId, title, body }, ctx) {
      const client = await ctx.github.forRepo(owner, repo);
      const where = `repository ${owner}/${repo}`;
      const found = await aboutGraphql(where, client.graphql<{ repository: { id: string } | null }>('query($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { id } }', { owner, repo }));
      const repositoryId = found?.repository?.id;
      if (!repositoryId) throw new GitHubError('not_found', `${where} was not found, or the credentials cannot see it.`);
      const data = await aboutGraphql(`a discussion in ${owner}/${repo}`, client.graphql<{ createDiscussion: { discussion: RawDiscussion | null } | null }>(CREATE_DISCUSSION_MUTATION, { repositoryId, categoryId, title, body }));
      return { data: shapeDiscussionSummary(objectAnswer(data?.createDiscussion?.discussion, `the discussion created in ${owner}/${repo}`) as RawDiscussion) };
    },
  }),

  defineTool({
    name: 'add_discussion_comment',
    toolset: 'discussions',
    title: 'Add discussion comment',
    description: 'Comments on a discussion, or replies to a top-level comment (replyToId; replies cannot be replied to).',
    input: { ...ownerRepo, ...discussionNumber, body: z.string().min(1), replyToId: z.string().min(1).max(200).optional().describe('Node id of a top-level comment') },
    output: addedDiscussionCommentSchema.shape,
    annotations: WRITE,
    needs: write,
    async handler({ owner, repo, discussionNumber: number, body, replyToId }, ctx) {
      const client = await ctx.github.forRepo(owner, repo);
      const what = `discussion ${owner}/${repo}#${number}`;
      const found = await aboutGraphql(what, client.graphql<Repository<'discussion', { id: string } | null>>('query($owner: String!, $repo: String!, $number: Int!) { repository(owner: $owner, name: $repo) { discussion(number: $number) { id } } }', { owner, repo, number }));
      const discussionId = objectAnswer(found?.repository?.discussion, what)?.id;
      const data = await aboutGraphql(`a comment on ${what}`, client.graphql<{ addDiscussionComment: { comment: RawDiscussionComment | null } | null }>(ADD_DISCUSSION_COMMENT_MUTATION, { discussionId, body, replyToId }));
      return { data: shapeAddedDiscussionComment(objectAnswer(data?.addDiscussionComment?.comment, `the comment added to ${what}`) as RawDiscussionComment) };
    },
  }),
];

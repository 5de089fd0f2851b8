import { z } from 'zod';
import { bodyFields, bodySchema, LIMITS, login, shapeEach } from './common';

// Discussions (GraphQL only): the documents the discussions tools send, and their shapers.

/** Replies shown under each top-level comment; more are counted. */
export const DISCUSSION_REPLIES = 10;

const DISCUSSION_LIST_FIELDS = 'id number title author { login } category { name } closed isAnswered createdAt updatedAt url comments(first: 0) { totalCount }';

export const LIST_DISCUSSIONS_QUERY = `query ListDiscussions($owner: String!, $repo: String!, $first: Int!, $after: String, $categoryId: ID, $orderBy: DiscussionOrder) {
  repository(owner: $owner, name: $repo) {
    discussions(first: $first, after: $after, categoryId: $categoryId, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ${DISCUSSION_LIST_FIELDS} }
    }
  }
}`;

export const GET_DISCUSSION_QUERY = `query GetDiscussion($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    discussion(number: $number) {
      ${DISCUSSION_LIST_FIELDS} body closedAt locked upvoteCount
      answer { id author { login } url }
    }
  }
}`;

const COMMENT_FIELDS = 'id author { login } body createdAt isAnswer url';

export const DISCUSSION_COMMENTS_QUERY = `query DiscussionComments($owner: String!, $repo: String!, $number: Int!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    discussion(number: $number) {
      comments(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { ${COMMENT_FIELDS} replies(first: ${DISCUSSION_REPLIES}) { totalCount nodes { ${COMMENT_FIELDS} } } }
      }
    }
  }
}`;

export const DISCUSSION_CATEGORIES_QUERY = `query DiscussionCategories($owner: String!, $repo: String!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    discussionCategories(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id name slug emoji description isAnswerable }
    }
  }
}`;

export const CREATE_DISCUSSION_MUTATION = `mutation CreateDiscussion($repositoryId: ID!, $categoryId: ID!, $title: String!, $body: String!) {
  createDiscussion(input: { repositoryId: $repositoryId, categoryId: $categoryId, title: $title, body: $body }) {
    discussion { ${DISCUSSION_LIST_FIELDS} }
  }
}`;

export const ADD_DISCUSSION_COMMENT_MUTATION = `mutation AddDiscussionComment($discussionId: ID!, $body: String!, $replyToId: ID) {
  addDiscussionComment(input: { discussionId: $discussionId, body: $body, replyToId: $replyToId }) {
    comment { ${COMMENT_FIELDS} replyTo { id } }
  }
}`;

export interface RawDiscussion {
  id?: string;
  number?: number;
  title?: string;
  author?: { login: string } | null;
  category?: { name?: string } | null;
  closed?: boolean;
  isAnswered?: boolean | null;
  createdAt?: string;
  updatedAt?: string;
  url?: string;
  comments?: { totalCount?: number } | null;
  body?: string;
  closedAt?: string | null;
  locked?: boolean;
  upvoteCount?: number;
  answer?: { id?: string; author?: { login: string } | null; url?: string } | null;
}

export interface RawDiscussionComment {
  id?: string;
  author?: { login: string } | null;
  body?: string;
  createdAt?: string;
  isAnswer?: boolean;
  url?: string;
  replyTo?: { id?: string } | null;
  replies?: { totalCount?: number; nodes?: RawDiscussionComment[] } | null;
}

export interface RawDiscussionCategory {
  id?: string;
  name?: string;
  slug?: string;
  emoji?: string;
  description?: string | null;
  isAnswerable?: boolean;
}

export const discussionSummarySchema = z.object({
  id: z.string().describe('Node id').optional(),
  number: z.number().int(),
  title: z.string(),
  author: z.string().nullable().optional(),
  category: z.string().optional(),
  closed: z.boolean().optional(),
  isAnswered: z.boolean().nullable().optional().describe('null outside Q&A categories'),
  comments: z.number().int().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  url: z.string().optional(),
});

export function shapeDiscussionSummary(d: RawDiscussion) {
  return {
    id: d.id,
    number: d.number as number,
    title: d.title as string,
    author: d.author === undefined ? undefined : login(d.author),
    category: d.category?.name,
    closed: d.closed,
    isAnswered: d.isAnswered,
    comments: d.comments?.totalCount,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    url: d.url,
  };
}

export const discussionSchema = discussionSummarySchema.extend({
  ...bodySchema,
  closedAt: z.string().nullable().optional(),
  locked: z.boolean().optional(),
  upvotes: z.number().int().optional(),
  answer: z.object({ id: z.string().optional(), author: z.string().nullable().optional(), url: z.string().optional() }).nullable().optional().describe('The comment marked as the answer'),
});

export function shapeDiscussion(d: RawDiscussion) {
  return {
    ...shapeDiscussionSummary(d),
    ...bodyFields(d.body, LIMITS.body),
    closedAt: d.closedAt,
    locked: d.locked,
    upvotes: d.upvoteCount,
    answer: d.answer === undefined || d.answer === null ? d.answer : { id: d.answer.id, author: d.answer.author === undefined ? undefined : login(d.answer.author), url: d.answer.url },
  };
}

const commentFields = {
  id: z.string().describe('Node id: replyToId of add_discussion_comment'),
  author: z.string().nullable().optional(),
  ...bodySchema,
  createdAt: z.string().optional(),
  isAnswer: z.boolean().optional(),
  url: z.string().optional(),
};

export const discussionReplySchema = z.object(commentFields);
export const discussionCommentSchema = z.object({
  ...commentFields,
  replies: z.array(discussionReplySchema).optional(),
  totalReplies: z.number().int().optional().describe(`Set when there are more than the ${DISCUSSION_REPLIES} replies shown`),
});

function shapeReply(c: RawDiscussionComment) {
  return { id: c.id as string, author: c.author === undefined ? undefined : login(c.author), ...bodyFields(c.body, LIMITS.comment), createdAt: c.createdAt, isAnswer: c.isAnswer, url: c.url };
}

export function shapeDiscussionComment(c: RawDiscussionComment) {
  const nodes = c.replies?.nodes;
  const total = c.replies?.totalCount;
  return {
    ...shapeReply(c),
    replies: shapeEach(nodes, shapeReply),
    totalReplies: nodes && typeof total === 'number' && total > nodes.length ? total : undefined,
  };
}

export const addedDiscussionCommentSchema = discussionReplySchema.extend({ replyTo: z.string().nullable().optional().describe('Node id of the comment replied to') });

export function shapeAddedDiscussionComment(c: RawDiscussionComment) {
  return { ...shapeReply(c), replyTo: c.replyTo === undefined ? undefined : (c.replyTo?.id ?? null) };
}

export const discussionCategorySchema = z.object({
  id: z.string().describe('Node id: the category of list_discussions and create_discussion'),
  name: z.string(),
  slug: z.string().optional(),
  emoji: z.string().optional(),
  description: z.string().nullable().optional(),
  isAnswerable: z.boolean().optional().describe('Q&A: a comment can be marked as the answer'),
});

export function shapeDiscussionCategory(c: RawDiscussionCategory) {
  return { id: c.id as string, name: c.name as string, slug: c.slug, emoji: c.emoji, description: c.description, isAnswerable: c.isAnswerable };
}

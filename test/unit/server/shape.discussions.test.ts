import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GitHubError } from '../../../src/core/errors';
import { DISCUSSION_REPLIES, LIMITS } from '../../../src/server/tools/shape';
import { madeUpData, type GraphqlMode } from '../../support/graphqlAnswers';
import { problems, runTool as runHandler, testConfig, validators, type Fetch, type Json } from '../../support/openapiExamples';

// The discussions tools (and github_graphql's cutting) on answers made up from GitHub's GraphQL
// schema: every document they send must validate against it, and what they return must fit
// the schemas they advertise, with every nullable field filled or null and lists full or empty.

const MODES: Record<string, GraphqlMode> = {
  'every field filled': { nulls: false, listLength: 2 },
  'every nullable field null': { nulls: true, listLength: 2 },
  'empty lists': { nulls: false, listLength: 0 },
  'empty lists, nullable fields null': { nulls: true, listLength: 0 },
};

const config = testConfig({ readOnlyToolsets: [], exposeTokens: false });

interface Run {
  out: Json;
  answers: Json[];
  variables: Json[];
}

async function runTool(name: string, args: Json, answer: (body: Json) => Promise<Json> | Json): Promise<Run> {
  const answers: Json[] = [];
  const variables: Json[] = [];
  const fetch: Fetch = async (url, init) => {
    assert.equal(new URL(String(url)).pathname, '/graphql');
    assert.equal(init?.method, 'POST');
    const body = JSON.parse(String(init?.body)) as Json;
    variables.push(body.variables);
    const data = await answer(body);
    answers.push(data);
    return new Response(JSON.stringify(data), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
  };
  const { out } = await runHandler(name, args, fetch, { config });
  const { advertised, strict } = validators(name);
  for (const v of [advertised, strict]) assert.ok(v(out), `output schema: ${problems(v)}`);
  return { out, answers, variables };
}

/** Executes the tool's documents on GitHub's schema with made-up values. */
function onSchema(mode: GraphqlMode, keep: string[]) {
  return async (body: Json) => ({ data: await madeUpData(body, mode, keep, (n) => `https://github.com/octocat/hello-world/discussions/${n}`) });
}

interface Case {
  tool: string;
  args: Json;
  keep: string[];
  check: (run: Run) => void;
}

const target = { owner: 'octocat', repo: 'Hello-World' };
const login = (actor: Json | null | undefined) => actor?.login ?? null;

function samePage(out: Json, connection: Json) {
  assert.equal(out.items.length, connection.nodes.length);
  assert.equal(out.totalCount, connection.totalCount);
  assert.equal(out.hasNextPage, connection.pageInfo.hasNextPage);
  assert.equal(out.endCursor, connection.pageInfo.endCursor);
}

function sameSummary(out: Json, d: Json) {
  assert.deepEqual(
    [out.id, out.number, out.title, out.author, out.category, out.closed, out.isAnswered, out.comments, out.createdAt, out.updatedAt, out.url],
    [d.id, d.number, d.title, login(d.author), d.category.name, d.closed, d.isAnswered, d.comments.totalCount, d.createdAt, d.updatedAt, d.url],
  );
}

const CASES: Case[] = [
  {
    tool: 'list_discussions',
    args: { ...target, category: 'DIC_1', perPage: 5, after: 'Y3Vyc29yOjE=' },
    keep: ['Query.repository'],
    check: ({ out, answers, variables }) => {
      const connection = answers[0].data.repository.discussions;
      samePage(out, connection);
      out.items.forEach((item: Json, i: number) => sameSummary(item, connection.nodes[i]));
      assert.deepEqual(variables[0], { ...target, repo: 'Hello-World', first: 5, after: 'Y3Vyc29yOjE=', categoryId: 'DIC_1', orderBy: { field: 'UPDATED_AT', direction: 'DESC' } });
    },
  },
  {
    tool: 'get_discussion',
    args: { ...target, discussionNumber: 7 },
    keep: ['Query.repository', 'Repository.discussion'],
    check: ({ out, answers }) => {
      const d = answers[0].data.repository.discussion;
      sameSummary(out, d);
      assert.equal(out.body, d.body);
      assert.deepEqual(out.answer, d.answer === null ? null : { id: d.answer.id, author: login(d.answer.author), url: d.answer.url });
      assert.equal(out.upvotes, d.upvoteCount);
    },
  },
  {
    tool: 'get_discussion_comments',
    args: { ...target, discussionNumber: 7 },
    keep: ['Query.repository', 'Repository.discussion'],
    check: ({ out, answers, variables }) => {
      const connection = answers[0].data.repository.discussion.comments;
      samePage(out, connection);
      out.items.forEach((item: Json, i: number) => {
        const c = connection.nodes[i];
        assert.deepEqual([item.id, item.author, item.body, item.isAnswer, item.url], [c.id, login(c.author), c.body, c.isAnswer, c.url]);
        assert.equal(item.replies.length, c.replies.nodes.length);
        assert.equal(item.totalReplies, c.replies.totalCount > c.replies.nodes.length ? c.replies.totalCount : undefined);
      });
      assert.equal(variables[0].first, 30);
    },
  },
  {
    tool: 'list_discussion_categories',
    args: target,
    keep: ['Query.repository'],
    check: ({ out, answers }) => {
      const connection = answers[0].data.repository.discussionCategories;
      samePage(out, connection);
      out.items.forEach((item: Json, i: number) => assert.deepEqual(item, JSON.parse(JSON.stringify({ ...connection.nodes[i] }))));
    },
  },
  {
    tool: 'create_discussion',
    args: { ...target, categoryId: 'DIC_1', title: 'T', body: 'B' },
    keep: ['Query.repository', 'Mutation.createDiscussion', 'CreateDiscussionPayload.discussion'],
    check: ({ out, answers, variables }) => {
      assert.equal(answers.length, 2, 'the repository id, then the mutation');
      sameSummary(out, answers[1].data.createDiscussion.discussion);
      assert.deepEqual(variables[1], { repositoryId: answers[0].data.repository.id, categoryId: 'DIC_1', title: 'T', body: 'B' });
    },
  },
  {
    tool: 'add_discussion_comment',
    args: { ...target, discussionNumber: 7, body: 'B', replyToId: 'DC_1' },
    keep: ['Query.repository', 'Repository.discussion', 'Mutation.addDiscussionComment', 'AddDiscussionCommentPayload.comment'],
    check: ({ out, answers, variables }) => {
      const c = answers[1].data.addDiscussionComment.comment;
      assert.deepEqual([out.id, out.author, out.body, out.replyTo], [c.id, login(c.author), c.body, c.replyTo?.id ?? null]);
      assert.deepEqual(variables[1], { discussionId: answers[0].data.repository.discussion.id, body: 'B', replyToId: 'DC_1' });
    },
  },
];

describe("discussions tools on answers executed against GitHub's GraphQL schema", () => {
  for (const c of CASES) {
    for (const [name, mode] of Object.entries(MODES)) {
      it(`${c.tool} · ${name}`, async () => c.check(await runTool(c.tool, c.args, onSchema(mode, c.keep))));
    }
  }

  it('get_discussion_comments shows the first replies and counts the rest; long bodies are cut', async () => {
    const reply = (i: number) => ({ id: `R${i}`, author: { login: 'hubot' }, body: 'r', createdAt: '2026-01-01T00:00:00Z', isAnswer: false, url: 'u' });
    const comment = { id: 'C1', author: null, body: 'x'.repeat(LIMITS.comment + 50), createdAt: '2026-01-01T00:00:00Z', isAnswer: true, url: 'u', replies: { totalCount: 25, nodes: Array.from({ length: DISCUSSION_REPLIES }, (_, i) => reply(i)) } };
    const { out } = await runTool('get_discussion_comments', { ...target, discussionNumber: 1 }, () => ({ data: { repository: { discussion: { comments: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [comment] } } } } }));
    assert.equal(out.items[0].totalReplies, 25);
    assert.equal(out.items[0].replies.length, DISCUSSION_REPLIES);
    assert.equal(out.items[0].bodyTruncated, true);
    assert.equal(out.items[0].author, null);
  });

  it('a discussion GitHub answers as null without an error: a server error, nothing made up', async () => {
    await assert.rejects(runTool('get_discussion', { ...target, discussionNumber: 1 }, () => ({ data: { repository: { discussion: null } } })), (error: GitHubError) => error.kind === 'server');
  });

  it('NOT_FOUND in errors names the discussion', async () => {
    await assert.rejects(
      runTool('get_discussion', { ...target, discussionNumber: 1 }, () => ({ data: { repository: { discussion: null } }, errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a Discussion with the number of 1.' }] })),
      (error: GitHubError) => error.kind === 'not_found' && /discussion octocat\/Hello-World#1 was not found/i.test(error.message),
    );
  });
});

describe('github_graphql: what it returns', () => {
  const { tool } = { tool: 'github_graphql' } as const;

  it('data and errors come back together, as sent', async () => {
    const answer = { data: { viewer: { login: 'octocat' }, repository: null }, errors: [{ type: 'NOT_FOUND', path: ['repository'], message: 'Could not resolve to a Repository' }] };
    const { out, variables } = await runTool(tool, { query: 'query($a: Int) { viewer { login } }', variables: { a: 1, headers: 'a variable, not an option' } }, () => answer);
    assert.deepEqual(out, answer);
    assert.deepEqual(variables[0], { a: 1, headers: 'a variable, not an option' });
  });

  it(`data over ${LIMITS.requestJson} characters comes back as cut text, errors whole`, async () => {
    const answer = { data: { big: 'x'.repeat(LIMITS.requestJson) }, errors: [{ message: 'partial' }] };
    const { out } = await runTool(tool, { query: '{ viewer { login } }' }, () => answer);
    assert.equal(out.data, undefined);
    assert.equal(out.truncated, true);
    assert.match(out.text, /^\{"big":"x+…\[truncated \d+ characters\]$/);
    assert.deepEqual(out.errors, answer.errors);
  });

  it('a flood of errors is cut, and says so', async () => {
    const errors = Array.from({ length: 5000 }, (_, i) => ({ message: `error ${i} ${'y'.repeat(20)}` }));
    const { out } = await runTool(tool, { query: '{ viewer { login } }' }, () => ({ data: null, errors }));
    assert.ok(out.errors.length > 0 && out.errors.length < errors.length);
    assert.ok(JSON.stringify(out.errors).length <= LIMITS.requestJson / 4);
    assert.equal(out.truncated, true);
    assert.equal(out.data, null);
  });
});

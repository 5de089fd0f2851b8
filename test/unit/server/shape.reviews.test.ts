import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { GitHubError } from '../../../src/core/errors';
import {
  aboutGraphql,
  LIMITS,
  reviewCommentSchema,
  reviewSchema,
  reviewThreadSchema,
  shapeReview,
  shapeReviewComment,
  shapeReviewThread,
  THREAD_COMMENTS,
  type RawThread,
} from '../../../src/server/tools/shape';
import { madeUpData, type GraphqlMode } from '../../support/graphqlAnswers';
import { answerFrom, BEST_FIT_NO_MAPS, content, deref, problems, runTool as runHandler, spec, testConfig, validators, variantsBy, type Exchange, type Fetch, type Json } from '../../support/openapiExamples';

// The review shapers against GitHub's OpenAPI examples (as sent, stripped to the required
// fields, with nullable fields null) and the thread shaper against GraphQL answers.

function example(name: string): Json[] {
  const value = spec.components.examples[name]?.value;
  assert.ok(value, `no OpenAPI example ${name}`);
  return Array.isArray(value) ? value : [value];
}

/** Only the properties the schema requires, recursively. */
function requiredOnly(value: unknown, schema: Json | undefined): unknown {
  const s = deref(schema);
  if (value === null || typeof value !== 'object' || !s?.properties) return value;
  const required = new Set<string>(s.required ?? []);
  return Object.fromEntries(Object.entries(value).filter(([k]) => required.has(k)).map(([k, v]) => [k, requiredOnly(v, s.properties[k])]));
}

/** Every nullable property present or not, set to null (top level). */
function nulled(value: Json, schema: Json): Json {
  const s = deref(schema) as Json;
  const out = { ...value };
  for (const [key, property] of Object.entries<Json>(s.properties)) if (deref(property)?.nullable) out[key] = null;
  return out;
}

function variants(raw: Json, component: string): Array<[string, Json]> {
  const schema = spec.components.schemas[component];
  return [
    ['full', raw],
    ['required-only', requiredOnly(raw, schema) as Json],
    ['nulled', nulled(raw, schema)],
    ['required-only, nulled', nulled(requiredOnly(raw, schema) as Json, { properties: Object.fromEntries(Object.entries(schema.properties).filter(([k]) => (schema.required ?? []).includes(k))) })],
  ];
}

/** What the shaped value must meet: the advertised schema with nothing left undefined that it requires. */
function conforms(schema: z.ZodObject<z.ZodRawShape>, out: unknown, what: string) {
  const parsed = schema.strict().safeParse(JSON.parse(JSON.stringify(out)));
  assert.ok(parsed.success, `${what}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))}`);
}

describe('shape: pull request reviews (OpenAPI pull-request-review examples)', () => {
  const names = ['pull-request-review-items', 'pull-request-review', 'pull-request-review-3', 'pull-request-review-4', 'pull-request-review-5'];
  for (const name of names) {
    for (const [index, raw] of example(name).entries()) {
      for (const [variant, payload] of variants(raw, 'pull-request-review')) {
        it(`${name}[${index}] · ${variant}`, () => {
          const out = shapeReview(payload as never);
          conforms(reviewSchema, out, `${name} ${variant}`);
          assert.equal(out.id, payload.id);
          assert.equal(out.state, payload.state);
          assert.equal(out.author, payload.user?.login ?? null);
          assert.equal(out.commitId, payload.commit_id);
          assert.equal(out.submittedAt, payload.submitted_at, 'absent when GitHub sent none, never made up');
          assert.equal(out.htmlUrl, payload.html_url);
          assert.equal(out.body, payload.body);
        });
      }
    }
  }

  it('a long review body is cut with a marker', () => {
    const [raw] = example('pull-request-review');
    const out = shapeReview({ ...raw, body: 'x'.repeat(LIMITS.comment + 10) } as never);
    assert.equal(out.bodyTruncated, true);
    assert.match(out.body ?? '', /…\[truncated 10 characters\]$/);
  });

  it('a list stays under a quarter of GitHub\'s JSON', () => {
    const raw = example('pull-request-review-items');
    assert.ok(JSON.stringify(raw.map((r) => shapeReview(r as never))).length * 4 < JSON.stringify(raw).length);
  });
});

describe('shape: review comments (OpenAPI pull-request-review-comment examples)', () => {
  const names = ['pull-request-review-comment', 'pull-request-review-comment-2', 'pull-request-review-comment-example-for-a-multi-line-comment', 'pull-request-review-comment-items'];
  for (const name of names) {
    for (const [index, raw] of example(name).entries()) {
      for (const [variant, payload] of variants(raw, 'pull-request-review-comment')) {
        it(`${name}[${index}] · ${variant}`, () => {
          const out = shapeReviewComment(payload as never);
          conforms(reviewCommentSchema, out, `${name} ${variant}`);
          assert.equal(out.id, payload.id);
          assert.equal(out.reviewId, payload.pull_request_review_id);
          assert.equal(out.inReplyToId, payload.in_reply_to_id);
          assert.equal(out.author, payload.user?.login ?? null);
          assert.equal(out.path, payload.path);
          assert.equal(out.line, payload.line);
          assert.equal(out.startLine, payload.start_line);
          assert.equal(out.commitId, payload.commit_id);
          assert.equal(out.htmlUrl, payload.html_url);
        });
      }
    }
  }
});

describe('shape: review threads (GraphQL)', () => {
  const thread: RawThread = {
    id: 'PRRT_kwDOA',
    isResolved: true,
    isOutdated: false,
    path: 'src/auth.ts',
    line: 2,
    startLine: null,
    resolvedBy: { login: 'octocat' },
    comments: {
      totalCount: 2,
      nodes: [
        { id: 'PRRC_1', databaseId: 11, body: 'Trim first?', author: { login: 'monalisa' }, createdAt: '2026-01-01T00:00:00Z', url: 'https://github.com/o/r/pull/1#discussion_r11' },
        { id: 'PRRC_2', databaseId: 12, body: 'Done.', author: { login: 'octocat' }, createdAt: '2026-01-02T00:00:00Z', url: 'https://github.com/o/r/pull/1#discussion_r12' },
      ],
    },
  };

  it('keeps ids for resolving and replying, state, place and comments', () => {
    const out = shapeReviewThread(thread);
    conforms(reviewThreadSchema, out, 'thread');
    assert.deepEqual(out, {
      id: 'PRRT_kwDOA',
      isResolved: true,
      isOutdated: false,
      path: 'src/auth.ts',
      line: 2,
      startLine: null,
      resolvedBy: 'octocat',
      comments: [
        { id: 'PRRC_1', databaseId: 11, author: 'monalisa', createdAt: '2026-01-01T00:00:00Z', url: 'https://github.com/o/r/pull/1#discussion_r11', body: 'Trim first?' },
        { id: 'PRRC_2', databaseId: 12, author: 'octocat', createdAt: '2026-01-02T00:00:00Z', url: 'https://github.com/o/r/pull/1#discussion_r12', body: 'Done.' },
      ],
      totalComments: undefined,
    });
  });

  it('nulls stay null (outdated line, unresolved, deleted author, no database id); a long thread says how long', () => {
    const out = shapeReviewThread({
      ...thread,
      isOutdated: true,
      line: null,
      resolvedBy: null,
      comments: { totalCount: THREAD_COMMENTS + 5, nodes: [{ id: 'PRRC_3', databaseId: null, body: 'x'.repeat(LIMITS.comment + 1), author: null, createdAt: '2026-01-03T00:00:00Z', url: 'u' }] },
    });
    conforms(reviewThreadSchema, out, 'nulled thread');
    assert.equal(out.line, null);
    assert.equal(out.resolvedBy, null);
    assert.equal(out.comments?.[0]?.author, null);
    assert.equal(out.comments?.[0]?.databaseId, null);
    assert.equal(out.comments?.[0]?.bodyTruncated, true);
    assert.equal(out.totalComments, THREAD_COMMENTS + 5);
  });
});

describe('aboutGraphql: GitHub\'s GraphQL errors as typed errors', () => {
  const failure = (type: string | undefined, message: string) => Object.assign(new Error(message), { name: 'GraphqlResponseError', errors: [{ type, message }], request: {} });
  const kindOf = async (error: unknown) => {
    try {
      await aboutGraphql('review thread T', Promise.reject(error));
    } catch (caught) {
      return caught;
    }
    assert.fail('no error');
  };

  it('NOT_FOUND is not_found, FORBIDDEN is permission, the rest validation, each naming the resource', async () => {
    const notFound = (await kindOf(failure('NOT_FOUND', "Could not resolve to a node with the global id of 'T'"))) as GitHubError;
    assert.equal(notFound.kind, 'not_found');
    assert.match(notFound.message, /^Review thread T was not found, or the credentials cannot see it \(GraphQL: Could not resolve/);
    const forbidden = (await kindOf(failure('FORBIDDEN', 'Resource not accessible by integration'))) as GitHubError;
    assert.equal(forbidden.kind, 'permission');
    const other = (await kindOf(failure(undefined, 'Field "x" doesn\'t exist'))) as GitHubError;
    assert.equal(other.kind, 'validation');
  });

  it('a REST-style failure (401 before GraphQL ran) maps as REST errors do; a bug passes through', async () => {
    const unauthorized = (await kindOf(Object.assign(new Error('Bad credentials'), { status: 401, request: { method: 'POST', url: 'https://ghe.example/api/graphql' }, response: { headers: {}, data: { message: 'Bad credentials' } } }))) as GitHubError;
    assert.equal(unauthorized.kind, 'auth');
    const bug = new TypeError('oops');
    assert.equal(await kindOf(bug), bug);
  });
});

// ---------------------------------------------------------------- the tools' handlers

/*
 * Each review tool's real handler on a fake Octokit (a fetch that answers every exchange the
 * handler makes); its result must validate against the JSON Schema the tool advertises and
 * against the strict form (the tool described as a read, nothing relaxed), and mirror the answer.
 * REST answers are the OpenAPI examples of the operations (in full, stripped to the fields the
 * response schema requires at every depth, every nullable field null, and both), as in
 * shape.issues2.test.ts. GraphQL answers are made by executing the document the handler sends
 * against GitHub's published schema (@octokit/graphql-schema, as the simulator builds it) with a
 * field resolver that makes up a value of each field's type: the document must validate, and the
 * answer has exactly the selection's shape and the schema's types and nullability.
 */

// fixtures' best-fit branches, without keeping a map's entries (as shape.issues2.test.ts).
const REST_VARIANTS = variantsBy(BEST_FIT_NO_MAPS);
type RestVariant = keyof typeof REST_VARIANTS;

const config = testConfig({ readOnlyToolsets: [], exposeTokens: false });
const uri = (n: number) => `https://github.com/octocat/hello-world/pull/1#discussion_r${n}`;

interface Sent {
  method: string;
  path: string;
  body?: Json;
}

interface Answered {
  sent: Sent[];
  /** The GraphQL answers made, in order. */
  graphql: Json[];
}

async function runTool(toolName: string, args: Json, exchanges: Exchange[], graphql?: { mode: GraphqlMode; keep: string[] }): Promise<{ out: Json } & Answered> {
  const answered: Answered = { sent: [], graphql: [] };
  const rest = answerFrom(exchanges);
  const fetch: Fetch = async (url, init = {}) => {
    const { pathname } = new URL(String(url));
    const method = (init.method ?? 'GET').toUpperCase();
    const body = init.body ? (JSON.parse(String(init.body)) as Json) : undefined;
    answered.sent.push({ method, path: decodeURIComponent(pathname), body });
    if (method === 'POST' && pathname === '/graphql' && graphql && body) {
      const data = await madeUpData(body, graphql.mode, graphql.keep, uri);
      answered.graphql.push(data);
      return new Response(JSON.stringify({ data }), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
    }
    return rest(url, init);
  };
  const { out } = await runHandler(toolName, args, fetch, { config });
  const { advertised, strict } = validators(toolName);
  assert.ok(advertised(out), `advertised schema: ${problems(advertised)}`);
  assert.ok(strict(out), `strict schema: ${problems(strict)}`);
  return { out, ...answered };
}

interface RestCase {
  tool: string;
  /** Where the answers come from, when not the operations' own examples. */
  label?: string;
  args: Json;
  /** Every exchange the handler makes, with the OpenAPI example answering it; each is varied against its own response schema. */
  exchanges: Exchange[];
  check: (out: any, answers: any[], sent: Sent[], variant: RestVariant) => void;
}

function restCases(list: RestCase[]) {
  for (const c of list) {
    for (const variant of Object.keys(REST_VARIANTS) as RestVariant[]) {
      it(`${c.tool} · ${c.label ?? c.exchanges.map((e) => `${e.op} ${e.status ?? 200}`).join(' + ')} · ${variant}`, async () => {
        const exchanges = c.exchanges.map((e) => ({ ...e, data: REST_VARIANTS[variant](structuredClone(e.data), content(e.op, e.status ?? 200).schema) }));
        const { out, sent } = await runTool(c.tool, c.args, exchanges);
        c.check(out, exchanges.map((e) => e.data), sent, variant);
      });
    }
  }
}

const target = { owner: 'octocat', repo: 'Hello-World', pullNumber: 12 };
function first(op: string, status = 200): Json {
  const examples = Object.values(content(op, status).examples);
  assert.ok(examples.length > 0 && examples.every(Boolean), `${op} ${status}: no examples`);
  return structuredClone(examples[0]) as Json;
}

function sameReview(out: any, raw: any) {
  assert.equal(out.id, raw.id);
  assert.equal(out.state, raw.state);
  assert.equal(out.author, raw.user?.login ?? null, 'author login; a deleted account is null');
  assert.equal(out.commitId, raw.commit_id);
  assert.equal(out.submittedAt, raw.submitted_at, 'absent when GitHub sent none, never made up');
  assert.equal(out.htmlUrl, raw.html_url);
  assert.equal(out.body, raw.body);
}

function sameComment(out: any, raw: any) {
  assert.equal(out.id, raw.id);
  assert.equal(out.reviewId, raw.pull_request_review_id);
  assert.equal(out.inReplyToId, raw.in_reply_to_id);
  assert.equal(out.author, raw.user?.login ?? null);
  assert.equal(out.path, raw.path);
  assert.equal(out.line, raw.line);
  assert.equal(out.startLine, raw.start_line);
  assert.equal(out.commitId, raw.commit_id);
  assert.equal(out.htmlUrl, raw.html_url);
}

/** The caller's reviews: someone's submitted one and the caller's pending one (a pending review lists only for its author). */
const pendingList = (() => {
  const [submitted] = first('pulls/list-reviews') as unknown as Json[];
  return [submitted, { ...submitted, id: 4242, state: 'PENDING', body: 'Pending summary', submitted_at: undefined }];
})();

const sentTo = (sent: Sent[], method: string, path: RegExp) => {
  const found = sent.filter((s) => s.method === method && path.test(s.path));
  assert.equal(found.length, 1, `one ${method} ${path}: ${JSON.stringify(sent.map((s) => `${s.method} ${s.path}`))}`);
  return found[0];
};

describe('review tools: handlers on the OpenAPI examples (REST)', () => {
  restCases([
    {
      tool: 'get_pull_request_reviews',
      args: target,
      exchanges: [{ op: 'pulls/list-reviews', data: first('pulls/list-reviews') }],
      check: (out, [raw], sent) => {
        assert.equal(out.items.length, raw.length, 'one shaped review per review');
        out.items.forEach((item: any, i: number) => sameReview(item, raw[i]));
        assert.equal(out.hasNextPage, false);
        assert.equal(sentTo(sent, 'GET', /\/pulls\/12\/reviews$/).path, '/repos/octocat/Hello-World/pulls/12/reviews');
      },
    },
    {
      tool: 'create_pull_request_review',
      args: { ...target, body: 'Looks good', event: 'COMMENT', comments: [{ path: 'file.md', line: 6, startLine: 2, side: 'RIGHT', body: 'Nice' }] },
      exchanges: [{ op: 'pulls/create-review', data: first('pulls/create-review') }],
      check: (out, [raw], sent) => {
        sameReview(out, raw);
        assert.deepEqual(sentTo(sent, 'POST', /\/pulls\/12\/reviews$/).body, { body: 'Looks good', event: 'COMMENT', comments: [{ path: 'file.md', line: 6, side: 'RIGHT', start_line: 2, body: 'Nice' }] });
      },
    },
    {
      tool: 'submit_pending_pull_request_review',
      args: { ...target, event: 'APPROVE' },
      exchanges: [
        { op: 'pulls/list-reviews', data: pendingList },
        { op: 'pulls/submit-review', data: first('pulls/submit-review') },
      ],
      check: (out, [listed, raw], sent) => {
        sameReview(out, raw);
        const pending = listed.find((r: any) => r.state === 'PENDING');
        assert.deepEqual(sentTo(sent, 'POST', /\/reviews\/\d+\/events$/), { method: 'POST', path: `/repos/octocat/Hello-World/pulls/12/reviews/${pending.id}/events`, body: { event: 'APPROVE', body: pending.body } }, 'the pending review, its own summary kept');
      },
    },
    {
      tool: 'delete_pending_pull_request_review',
      args: target,
      exchanges: [
        { op: 'pulls/list-reviews', data: pendingList },
        { op: 'pulls/delete-pending-review', data: first('pulls/delete-pending-review') },
      ],
      check: (out, [listed, raw], sent) => {
        sameReview(out, raw);
        const pending = listed.find((r: any) => r.state === 'PENDING');
        assert.equal(sentTo(sent, 'DELETE', /\/reviews\/\d+$/).path, `/repos/octocat/Hello-World/pulls/12/reviews/${pending.id}`);
      },
    },
    {
      tool: 'add_reply_to_pull_request_comment',
      args: { ...target, commentId: 10, body: 'Great stuff!' },
      exchanges: [{ op: 'pulls/create-review-comment', status: 201, data: first('pulls/create-review-comment', 201) }],
      check: (out, [raw], sent) => {
        sameComment(out, raw);
        assert.deepEqual(sentTo(sent, 'POST', /\/pulls\/12\/comments$/).body, { body: 'Great stuff!', in_reply_to: 10 });
      },
    },
    {
      // The reply example GitHub gives for .../comments/{id}/replies: the same schema, a single-line comment.
      tool: 'add_reply_to_pull_request_comment',
      label: 'pulls/create-review-comment 201 answered with the pulls/create-reply-for-review-comment example',
      args: { ...target, commentId: 10, body: 'Great stuff!' },
      exchanges: [{ op: 'pulls/create-review-comment', status: 201, data: first('pulls/create-reply-for-review-comment', 201) }],
      check: (out, [raw]) => sameComment(out, raw),
    },
  ]);

  it('no pending review: a not_found error that says how to start one (a submit call would get no answer here)', async () => {
    await assert.rejects(
      runTool('submit_pending_pull_request_review', { ...target, event: 'APPROVE' }, [{ op: 'pulls/list-reviews', data: first('pulls/list-reviews') }]),
      (error: GitHubError) => error.kind === 'not_found' && /create_pull_request_review without an event/.test(error.message),
    );
  });
});

const GRAPHQL_MODES: Record<string, GraphqlMode> = {
  'every field filled': { nulls: false, listLength: 2 },
  'every nullable field null': { nulls: true, listLength: 2 },
  'empty lists': { nulls: false, listLength: 0 },
  'empty lists, nullable fields null': { nulls: true, listLength: 0 },
};

interface GraphqlCase {
  tool: string;
  args: Json;
  /** Fields on the way to the payload: null only with a NOT_FOUND (or other) error, which the handler sees as an error. */
  keep: string[];
  check: (out: any, answer: any, sent: Sent[]) => void;
}

function graphqlCases(list: GraphqlCase[]) {
  for (const c of list) {
    for (const [name, mode] of Object.entries(GRAPHQL_MODES)) {
      it(`${c.tool} · its document executed on GitHub's GraphQL schema · ${name}`, async () => {
        const { out, graphql, sent } = await runTool(c.tool, c.args, [], { mode, keep: c.keep });
        assert.equal(graphql.length, 1, 'one GraphQL call');
        c.check(out, graphql[0], sent);
      });
    }
  }
}

function sameThread(out: any, raw: any) {
  assert.equal(out.id, raw.id);
  assert.equal(out.isResolved, raw.isResolved);
  assert.equal(out.isOutdated, raw.isOutdated);
  assert.equal(out.path, raw.path);
  assert.equal(out.line, raw.line);
  assert.equal(out.startLine, raw.startLine);
  assert.equal(out.resolvedBy, raw.resolvedBy?.login ?? null);
  assert.equal(out.comments.length, raw.comments.nodes.length);
  out.comments.forEach((comment: any, i: number) => {
    const theirs = raw.comments.nodes[i];
    assert.deepEqual([comment.id, comment.databaseId, comment.author, comment.createdAt, comment.url, comment.body], [theirs.id, theirs.databaseId, theirs.author?.login ?? null, theirs.createdAt, theirs.url, theirs.body]);
  });
  assert.equal(out.totalComments, raw.comments.totalCount > raw.comments.nodes.length ? raw.comments.totalCount : undefined, 'the count only when more than listed');
}

function threadCase(resolve: boolean): Omit<GraphqlCase, 'tool'> {
  const field = resolve ? 'resolveReviewThread' : 'unresolveReviewThread';
  return {
    args: { owner: 'octocat', repo: 'Hello-World', threadId: 'PRRT_kwDOA' },
    keep: [`Mutation.${field}`, `${resolve ? 'Resolve' : 'Unresolve'}ReviewThreadPayload.thread`],
    check: (out, answer, sent) => {
      const { thread } = answer[field];
      assert.deepEqual(out, { threadId: thread.id, isResolved: thread.isResolved, resolvedBy: thread.resolvedBy?.login ?? null });
      assert.deepEqual(sent[0].body?.variables, { threadId: 'PRRT_kwDOA' });
    },
  };
}

describe('review tools: handlers on answers executed against GitHub\'s GraphQL schema', () => {
  graphqlCases([
    {
      tool: 'get_pull_request_review_comments',
      args: { ...target, after: 'Y3Vyc29yOjE=' },
      keep: ['Query.repository', 'Repository.pullRequest'],
      check: (out, answer, sent) => {
        const threads = answer.repository.pullRequest.reviewThreads;
        assert.equal(out.items.length, threads.nodes.length);
        out.items.forEach((item: any, i: number) => sameThread(item, threads.nodes[i]));
        assert.equal(out.totalCount, threads.totalCount);
        assert.equal(out.hasNextPage, threads.pageInfo.hasNextPage);
        assert.equal(out.endCursor, threads.pageInfo.endCursor);
        assert.deepEqual(sent[0].body?.variables, { owner: 'octocat', repo: 'Hello-World', number: 12, first: 30, after: 'Y3Vyc29yOjE=' });
      },
    },
    { tool: 'resolve_review_thread', ...threadCase(true) },
    { tool: 'unresolve_review_thread', ...threadCase(false) },
  ]);

  it('a pull request GitHub answers as null without an error: a server error, nothing made up', async () => {
    await assert.rejects(runTool('get_pull_request_review_comments', target, [], { mode: GRAPHQL_MODES['every nullable field null'], keep: ['Query.repository'] }), (error: GitHubError) => error.kind === 'server');
  });
});

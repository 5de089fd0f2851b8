import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

// The review shapers against GitHub's OpenAPI examples (as sent, stripped to the required
// fields, with nullable fields null) and the thread shaper against GraphQL answers.

type Json = Record<string, any>;
const spec = JSON.parse(readFileSync(join(__dirname, '../../../node_modules/@octokit/openapi/generated/api.github.com.json'), 'utf8')) as { components: Record<string, Record<string, Json>> };

function deref(node: Json | undefined): Json | undefined {
  let current = node;
  for (let i = 0; current && typeof current.$ref === 'string' && i < 10; i++) {
    const [, , kind, name] = (current.$ref as string).split('/');
    current = spec.components[kind]?.[name];
  }
  return current;
}

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

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Octokit } from '@octokit/rest';
import { z } from 'zod';
import { createTokenAuth } from '../../../src/core/auth/token';
import type { GitHub } from '../../../src/core/github';
import { Secret } from '../../../src/core/secret';
import type { ServerConfig } from '../../../src/server/config';
import type { ToolDefinition } from '../../../src/server/tools/defineTool';
import { pullSearchQuery } from '../../../src/server/tools/pullRequestUpdates';
import { ALL_TOOLS } from '../../../src/server/tools/all';
import {
  branchUpdateSchema,
  pullCommitSchema,
  pullSearchItemSchema,
  pullStatusSchema,
  reviewRequestSchema,
  shapeBranchUpdate,
  shapePullCommit,
  shapePullSearchItem,
  shapePullStatus,
  shapeReviewRequest,
} from '../../../src/server/tools/shape';

/*
 * The pull request status/update shapers against the response examples in GitHub's OpenAPI
 * description, as sent and stripped to the fields each response schema requires; and two
 * handlers (get_pull_request_status, update_pull_request) run on those examples through a
 * fetch that answers from them, so the summary and the request sequence are checked too.
 */

type Json = Record<string, any>;
const spec = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'node_modules/@octokit/openapi/generated/api.github.com.json'), 'utf8')) as Json;

function deref(node: Json | undefined): Json | undefined {
  let current = node;
  for (let i = 0; current && typeof current.$ref === 'string' && i < 20; i++) {
    const [, , kind, name] = (current.$ref as string).split('/');
    current = spec.components[kind]?.[name];
  }
  return current;
}

function operation(id: string): Json {
  for (const item of Object.values(spec.paths as Json)) for (const op of Object.values(item as Json)) if ((op as Json)?.operationId === id) return op as Json;
  throw new Error(`no operation ${id}`);
}

function response(id: string, status: number): { schema: Json; example: unknown } {
  const json = deref(operation(id).responses[String(status)])?.content?.['application/json'];
  assert.ok(json?.schema, `${id} ${status}: no JSON schema`);
  const example = deref(Object.values(json.examples ?? {})[0] as Json)?.value;
  assert.ok(example !== undefined, `${id} ${status}: no example`);
  return { schema: json.schema, example: structuredClone(example) };
}

/** allOf merged; for oneOf/anyOf the branch whose required keys the value has. */
function objectSchema(schema: Json | undefined, value: unknown): Json | undefined {
  const s = deref(schema);
  if (!s) return undefined;
  if (s.allOf) {
    const parts = (s.allOf as Json[]).map((p) => objectSchema(p, value)).filter(Boolean) as Json[];
    return { properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})), required: parts.flatMap((p) => p.required ?? []) };
  }
  const branches = (s.oneOf ?? s.anyOf) as Json[] | undefined;
  if (branches) {
    const keys = value && typeof value === 'object' ? Object.keys(value) : [];
    return branches.map((b) => objectSchema(b, value)).find((b) => (b?.required ?? []).every((k: string) => keys.includes(k))) ?? objectSchema(branches[0], value);
  }
  return s;
}

/** Only what the schema requires, all the way down. */
function requiredOnly(value: unknown, schema: Json | undefined): unknown {
  if (value === null || typeof value !== 'object') return value;
  const s = objectSchema(schema, value);
  if (Array.isArray(value)) return value.map((item) => requiredOnly(item, s?.items));
  if (!s?.properties) return value;
  const required = new Set<string>(s.required ?? []);
  return Object.fromEntries(Object.entries(value).filter(([k]) => required.has(k) && s.properties[k]).map(([k, v]) => [k, requiredOnly(v, s.properties[k])]));
}

const VARIANTS = { full: (v: unknown) => v, 'required-only': requiredOnly } as const;

function strict(schema: z.ZodObject): z.ZodType {
  return schema.strict();
}

describe('shapers for pull request status, updates and searches, on OpenAPI examples', () => {
  for (const [variant, make] of Object.entries(VARIANTS)) {
    it(`search items (${variant})`, () => {
      const { schema, example } = response('search/issues-and-pull-requests', 200);
      const raw = make(example, schema) as Json;
      for (const item of raw.items) {
        const out = shapePullSearchItem(item);
        assert.ok(strict(pullSearchItemSchema).safeParse(out).success, JSON.stringify(strict(pullSearchItemSchema).safeParse(out).error?.issues));
        assert.equal(out.number, item.number);
        assert.equal(out.repository, item.repository_url.split('/').slice(-2).join('/'));
        assert.equal(out.draft, item.draft);
        assert.equal(out.mergedAt, item.pull_request?.merged_at ?? undefined);
        assert.ok(!('isPullRequest' in out));
      }
    });

    it(`pull request commits (${variant})`, () => {
      const { schema, example } = response('pulls/list-commits', 200);
      const raw = make(example, schema) as Json[];
      assert.ok(raw.length > 0);
      for (const commit of raw) {
        const out = shapePullCommit(commit as never);
        assert.ok(pullCommitSchema.strict().safeParse(out).success, JSON.stringify(out));
        assert.equal(out.sha, commit.sha);
        assert.equal(out.message, commit.commit.message.split('\n')[0]);
        assert.equal(out.author, commit.author?.login ?? null);
        assert.equal(out.authorName, commit.commit.author?.name ?? null);
        assert.equal(out.date, commit.commit.author?.date ?? null);
      }
    });

    it(`combined status and check runs summarised (${variant})`, () => {
      const combined = response('repos/get-combined-status-for-ref', 200);
      const runs = response('checks/list-for-ref', 200);
      const c = make(combined.example, combined.schema) as Json;
      const r = make(runs.example, runs.schema) as Json;
      const out = shapePullStatus(7, 'abc', c, r);
      assert.ok(pullStatusSchema.strict().safeParse(out).success, JSON.stringify(pullStatusSchema.strict().safeParse(out).error?.issues));
      assert.equal(out.total, c.statuses.length + r.check_runs.length);
      assert.deepEqual(new Set(out.checks!.map((x) => x!.name)), new Set([...c.statuses.map((s: Json) => s.context), ...r.check_runs.map((x: Json) => x.name)]));
      assert.equal(Object.values(out.counts!).reduce<number>((n, k) => n + (k ?? 0), 0), out.total);
      assert.equal(out.combinedStatus, c.state);
    });

    it(`branch update and review request (${variant})`, () => {
      const update = response('pulls/update-branch', 202);
      const u = make(update.example, update.schema) as Json;
      const shaped = shapeBranchUpdate(u);
      assert.ok(branchUpdateSchema.strict().safeParse(shaped).success);
      assert.equal(shaped.message, u.message);
      const request = response('pulls/request-reviewers', 201);
      const q = make(request.example, request.schema) as Json;
      const out = shapeReviewRequest(q as never);
      assert.ok(reviewRequestSchema.strict().safeParse(out).success, JSON.stringify(out));
      assert.equal(out.htmlUrl, q.html_url);
      assert.deepEqual(out.requestedReviewers, q.requested_reviewers?.map((x: Json) => x.login));
      assert.deepEqual(out.requestedTeams, q.requested_teams?.map((x: Json) => x.slug));
    });
  }

  it('the summary puts failures first, then what is not done, and counts by conclusion', () => {
    const out = shapePullStatus(
      1,
      'f00',
      { state: 'pending', statuses: [{ context: 'ci/a', state: 'success', target_url: null }, { context: 'ci/b', state: 'pending', target_url: 'https://ci/b' }, { context: 'ci/c', state: 'error', target_url: null }] },
      { total_count: 150, check_runs: [{ name: 'ok', status: 'completed', conclusion: 'success', html_url: 'h', details_url: 'd' }, { name: 'late', status: 'completed', conclusion: 'timed_out', html_url: null, details_url: 'd' }, { name: 'skip', status: 'completed', conclusion: 'skipped', html_url: null, details_url: null }] },
    );
    assert.equal(out.state, 'failure');
    assert.deepEqual(out.checks!.map((c) => c!.name), ['late', 'ci/c', 'ci/b', 'ok', 'skip', 'ci/a']);
    assert.deepEqual(out.counts, { timed_out: 1, error: 1, pending: 1, success: 2, skipped: 1 });
    assert.equal(out.checks![0]!.url, 'd', 'details_url when there is no html_url');
    assert.equal(out.checkRunsTotal, 150);
    const pending = shapePullStatus(1, 'f00', { state: 'success', statuses: [] }, { total_count: 1, check_runs: [{ name: 'q', status: 'queued', conclusion: null, html_url: null, details_url: null }] });
    assert.deepEqual([pending.state, pending.checkRunsTotal], ['pending', undefined]);
    const none = shapePullStatus(1, 'f00', { state: 'pending', statuses: [] }, { total_count: 0, check_runs: [] });
    assert.equal(none.state, 'none');
    // A broken answer (no list) is not summarised as "nothing reported".
    const broken = shapePullStatus(1, 'f00', { state: 'pending' }, { total_count: 0, check_runs: [] });
    assert.equal(broken.state, undefined);
    assert.equal(pullStatusSchema.safeParse(broken).success, false);
  });

  it('a commit message keeps its first line and says when it dropped the rest', () => {
    const base = { sha: 's', author: null, commit: { author: { name: 'N', date: 'D' } } };
    assert.deepEqual(shapePullCommit({ ...base, commit: { ...base.commit, message: 'One line\n' } } as never).messageTruncated, undefined);
    assert.equal(shapePullCommit({ ...base, commit: { ...base.commit, message: 'Title\n\nBody' } } as never).messageTruncated, true);
    const long = shapePullCommit({ ...base, commit: { ...base.commit, message: 'x'.repeat(500) } } as never);
    assert.equal(long.messageTruncated, true);
    assert.match(long.message!, /…\[truncated 300 characters\]$/);
  });

  it('search queries get is:pr once and the owner/repo qualifiers first', () => {
    assert.equal(pullSearchQuery('fix', 'octocat', 'hello-world'), 'repo:octocat/hello-world is:pr fix');
    assert.equal(pullSearchQuery('is:pr fix', 'octocat'), 'user:octocat is:pr fix');
    assert.equal(pullSearchQuery('type:pr org:sim-org', 'sim-org'), 'type:pr org:sim-org');
    assert.equal(pullSearchQuery('repo:a/b is:issue', 'a', 'b'), 'is:pr repo:a/b is:issue');
    assert.equal(pullSearchQuery('is:pull-request'), 'is:pull-request');
    assert.throws(() => pullSearchQuery('x', undefined, 'b'), /repo needs owner/);
  });
});

// ---------------------------------------------------------------- handlers on the examples

interface Exchange {
  method: string;
  path: RegExp;
  status?: number;
  /** The answer, or a function giving the answer for each request in turn. */
  data: unknown;
}

async function runTool(name: string, args: Json, exchanges: Exchange[]): Promise<{ data: Json; requests: string[] }> {
  const tool = ALL_TOOLS.find((t) => t.name === name) as ToolDefinition;
  const requests: string[] = [];
  const fetch = async (url: string | URL, init?: { method?: string; body?: string }) => {
    const { pathname } = new URL(String(url));
    const method = (init?.method ?? 'GET').toUpperCase();
    requests.push(`${method} ${pathname}${init?.body && method !== 'GET' ? ` ${init.body}` : ''}`);
    const hit = exchanges.find((e) => e.method === method && e.path.test(pathname));
    return new Response(JSON.stringify(hit ? (typeof hit.data === 'function' ? (hit.data as () => unknown)() : hit.data) : { message: 'no payload' }), { status: hit ? (hit.status ?? 200) : 599, headers: { 'content-type': 'application/json' } });
  };
  const octokit = new Octokit({ baseUrl: 'https://api.github.com', request: { fetch, retries: 0 } });
  const client = async () => octokit;
  const github = { isApp: false, auth: createTokenAuth(new Secret('test-token-not-real')), client, forRepo: client, forOwner: client, forSearch: client, forAnyone: client } as unknown as GitHub;
  const config = { core: { perPage: 30, apiUrl: 'https://api.github.com' }, readOnly: false } as unknown as ServerConfig;
  const output = await tool.handler(z.object(tool.input).parse(args) as never, { github, config, log: { debug() {}, info() {}, warn() {}, error() {} } as never });
  const parsed = z.object(tool.output!).strict().safeParse(output.data);
  assert.ok(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues)}`);
  return { data: output.data as Json, requests };
}

describe('pull request handlers on OpenAPI examples', () => {
  it('get_pull_request_status reads the head sha, then the statuses and check runs of that sha', async () => {
    const pull = response('pulls/get', 200).example as Json;
    const { data, requests } = await runTool('get_pull_request_status', { owner: 'octocat', repo: 'Hello-World', pullNumber: 1347 }, [
      { method: 'GET', path: /\/pulls\/1347$/, data: pull },
      { method: 'GET', path: /\/commits\/[^/]+\/status$/, data: response('repos/get-combined-status-for-ref', 200).example },
      { method: 'GET', path: /\/commits\/[^/]+\/check-runs$/, data: response('checks/list-for-ref', 200).example },
    ]);
    assert.equal(data.headSha, pull.head.sha);
    assert.ok(requests.includes(`GET /repos/octocat/Hello-World/commits/${pull.head.sha}/status`), requests.join('\n'));
    assert.ok(requests.includes(`GET /repos/octocat/Hello-World/commits/${pull.head.sha}/check-runs`), requests.join('\n'));
  });

  it('update_pull_request patches the REST fields and skips GraphQL when draft already matches', async () => {
    const pull = response('pulls/update', 200).example as Json;
    const { data, requests } = await runTool('update_pull_request', { owner: 'octocat', repo: 'Hello-World', pullNumber: 1347, title: 'new title', draft: pull.draft }, [
      { method: 'PATCH', path: /\/pulls\/1347$/, data: pull },
    ]);
    assert.deepEqual(requests, ['PATCH /repos/octocat/Hello-World/pulls/1347 {"title":"new title"}']);
    assert.equal(data.number, pull.number);
  });

  it('update_pull_request toggles draft through GraphQL with the node id, then reads the final state', async () => {
    const pull = response('pulls/get', 200).example as Json;
    const answers = [pull, { ...pull, draft: true }];
    const { data, requests } = await runTool('update_pull_request', { owner: 'octocat', repo: 'Hello-World', pullNumber: 1347, draft: true }, [
      { method: 'POST', path: /^\/graphql$/, data: { data: { convertPullRequestToDraft: { pullRequest: { isDraft: true } } } } },
      { method: 'GET', path: /\/pulls\/1347$/, data: () => answers.shift() },
    ]);
    assert.equal(requests.length, 3, requests.join('\n'));
    assert.equal(requests[0], 'GET /repos/octocat/Hello-World/pulls/1347');
    const body = JSON.parse(requests[1].replace(/^POST \/graphql /, '')) as { query: string; variables: { id: string } };
    assert.match(body.query, /convertPullRequestToDraft\(input: \{ pullRequestId: \$id \}\)/);
    assert.equal(body.variables.id, pull.node_id);
    assert.equal(requests[2], 'GET /repos/octocat/Hello-World/pulls/1347');
    assert.equal(data.draft, true);
  });

  it('a GraphQL refusal becomes a clear error, not a network failure', async () => {
    // That the transport then reports no applied write is test/unit/core/appliedGraphql.test.ts.
    const pull = { ...(response('pulls/get', 200).example as Json), draft: true };
    await assert.rejects(
      runTool('update_pull_request', { owner: 'octocat', repo: 'Hello-World', pullNumber: 1347, draft: false }, [
        { method: 'GET', path: /\/pulls\/1347$/, data: pull },
        { method: 'POST', path: /^\/graphql$/, data: { data: null, errors: [{ type: 'UNPROCESSABLE', message: 'Pull request is closed' }] } },
      ]),
      (error: Error & { kind?: string }) => error.kind === 'validation' && /GraphQL request for marking pull request octocat\/Hello-World#1347 ready for review: Pull request is closed/.test(error.message),
    );
  });
});

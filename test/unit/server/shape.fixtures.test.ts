import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { request as octokitRequest } from '@octokit/request';
import type { ValidateFunction } from 'ajv/dist/2020';
import { createAppAuthStrategy } from '../../../src/core/auth/app';
import { createAppTokenAuth } from '../../../src/core/auth/appToken';
import { createAppUserAuthStrategy } from '../../../src/core/auth/appUser';
import { createBasicAuth } from '../../../src/core/auth/login';
import { createAnonymousAuth, createTokenAuth } from '../../../src/core/auth/token';
import type { AuthStrategy } from '../../../src/core/auth/types';
import { GitHubClock } from '../../../src/core/clock';
import { Secret } from '../../../src/core/secret';
import { loadServerConfig } from '../../../src/server/config';
import { ALL_TOOLS } from '../../../src/server/tools/all';
import { generateAppKey } from '../../support/keys';
import { answerFrom, BEST_FIT, content, deref, nulledBy, operation, quietLog, requiredOnlyBy, runTool as runHandler, slashedRouteOf, validators, variantsBy, type Exchange } from '../../support/openapiExamples';

/*
 * The shapers against what GitHub really sends, not only the simulator's idea of it:
 * - recorded api.github.com responses from @octokit/fixtures, and
 * - every response example in GitHub's OpenAPI description (@octokit/openapi),
 * each also stripped to the fields its OpenAPI response schema requires (recursively), and
 * with every nullable field set to null. Each payload goes through the tool's real handler
 * (with a fetch that answers from the payload), and the result must validate against the
 * JSON Schema the tool advertises, compiled by ajv in strict mode, and against the strict
 * schema (every field the shape requires, required) that the shapers are meant to meet
 * without run.ts's backstop for writes. Field checks tie the results to the payloads.
 */

const root = join(__dirname, '..', '..', '..');
type Json = Record<string, unknown>;
type Schema = Json & { $ref?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; allOf?: Schema[]; oneOf?: Schema[]; anyOf?: Schema[]; nullable?: boolean; type?: string; additionalProperties?: boolean | Schema };

// ---------------------------------------------------------------- GitHub's OpenAPI description (test/support/openapiExamples.ts)

/** content(), but search/issues' "lexical-fallback" example lists its items as ["..."], "the same shape as the default example": use those. */
function responseContent(id: string, status: number): { schema: Schema; examples: Record<string, unknown> } {
  const { schema, examples } = content(id, status);
  const first = Object.values(examples)[0] as Json | undefined;
  for (const [name, value] of Object.entries(examples)) {
    const items = (value as Json | undefined)?.items;
    if (Array.isArray(items) && items.every((item) => item === '...') && Array.isArray(first?.items)) examples[name] = { ...(value as Json), items: first.items };
  }
  return { schema, examples };
}

/** The 2xx statuses an operation answers with JSON. */
function successStatuses(id: string): number[] {
  return Object.keys(operation(id).responses)
    .filter((code) => /^2\d\d$/.test(code) && (deref(operation(id).responses[code])?.content as Json | undefined)?.['application/json'])
    .map(Number);
}

// ---------------------------------------------------------------- variants: required-only, nulled (BEST_FIT)

/** Every property the schema does not list as required, removed, all the way down (a map's entries kept, each stripped). */
const requiredOnly = requiredOnlyBy(BEST_FIT);

/** Every nullable property set to null, all the way down; `addAbsent` also adds the nullable ones the value lacks. */
const nulled = (value: unknown, schema: Schema | undefined, addAbsent: boolean) => nulledBy({ ...BEST_FIT, addAbsent })(value, schema);

const VARIANTS = variantsBy(BEST_FIT);
type Variant = keyof typeof VARIANTS;

describe('shape fixtures: the variant builders', () => {
  const schema: Schema = {
    type: 'object',
    required: ['a', 'n', 'o'],
    properties: {
      a: { type: 'string' },
      b: { type: 'string' },
      n: { type: 'string', nullable: true },
      o: { type: 'object', required: ['x'], properties: { x: { type: 'integer' }, y: { type: 'integer', nullable: true } } },
      m: { type: 'string', nullable: true },
    },
  };
  const value = { a: 'a', b: 'b', n: 'n', o: { x: 1, y: 2 } };
  it('required-only drops what the schema does not require, recursively', () => {
    assert.deepEqual(requiredOnly(value, schema), { a: 'a', n: 'n', o: { x: 1 } });
  });
  it('nulled sets every nullable property to null, recursively', () => {
    assert.deepEqual(nulled(value, schema, true), { a: 'a', b: 'b', n: null, o: { x: 1, y: null }, m: null });
    assert.deepEqual(nulled(requiredOnly(value, schema), schema, false), { a: 'a', n: null, o: { x: 1 } });
  });
});

// ---------------------------------------------------------------- recorded responses (@octokit/fixtures)

interface Recorded {
  method: string;
  path: string;
  status: number;
  response: unknown;
}

const fixturesDir = join(root, 'node_modules/@octokit/fixtures/scenarios/api.github.com');
const scenarios = new Set(readdirSync(fixturesDir));

function recorded(scenario: string, method: string, path: RegExp): Recorded[] {
  assert.ok(scenarios.has(scenario), `no @octokit/fixtures scenario ${scenario}`);
  const all = JSON.parse(readFileSync(join(fixturesDir, scenario, 'normalized-fixture.json'), 'utf8')) as Recorded[];
  const found = all.filter((r) => r.method.toUpperCase() === method && path.test(r.path) && r.status < 300 && typeof r.response === 'object');
  assert.ok(found.length > 0, `${scenario}: no recorded ${method} ${path}`);
  return found;
}

// ---------------------------------------------------------------- running a tool on a payload

interface Case {
  tool: string;
  args: Json;
  /** Where the payload comes from, for the report and for failure messages. */
  source: string;
  exchanges: Exchange[];
  /** The shaper the case exercises (for the counts); defaults to the tool. */
  shaper?: string;
  app?: boolean;
  auth?: AuthStrategy;
  /** Field checks against the payload the handler saw (run for every variant). */
  check?: (out: any, raw: any[], variant: Variant) => void;
  variants?: readonly Variant[];
}

const config = loadServerConfig({});
const log = quietLog;

/** The tool's handler on `exchanges` (a last {path} or {ref} may hold slashes), as the case's GitHub (an App with its integration, or not). */
async function runCase(c: Case, exchanges: Exchange[]): Promise<Json> {
  return (await runHandler(c.tool, c.args, answerFrom(exchanges, { route: slashedRouteOf }), { app: c.app, auth: c.auth, installations: true, config })).out;
}

const counts = new Map<string, { fixture: Set<string>; OpenAPI: Set<string>; handmade: Set<string>; validations: number }>();

function tally(c: Case) {
  const key = c.shaper ?? c.tool;
  let entry = counts.get(key);
  if (!entry) counts.set(key, (entry = { fixture: new Set(), OpenAPI: new Set(), handmade: new Set(), validations: 0 }));
  const kind = /^(fixture|OpenAPI|handmade)\b/.exec(c.source)?.[1] as 'fixture' | 'OpenAPI' | 'handmade' | undefined;
  assert.ok(kind, `source "${c.source}" names no kind`);
  entry[kind].add(c.source);
  return entry;
}

function problems(validate: ValidateFunction): string {
  return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`).join('; ');
}

function defineCases(title: string, cases: Case[]) {
  describe(title, () => {
    for (const c of cases) {
      for (const variant of c.variants ?? (Object.keys(VARIANTS) as Variant[])) {
        it(`${c.tool} · ${c.source} · ${variant}`, async () => {
          const exchanges = c.exchanges.map((e) => ({ ...e, data: VARIANTS[variant](structuredClone(e.data), responseContent(e.op, e.status ?? 200).schema) }));
          const out = await runCase(c, exchanges);
          const { advertised, strict } = validators(c.tool);
          assert.ok(advertised(out), `${c.tool} (${c.source}, ${variant}) does not match its advertised schema: ${problems(advertised)}`);
          assert.ok(strict(out), `${c.tool} (${c.source}, ${variant}) does not match its strict schema: ${problems(strict)}`);
          c.check?.(out, exchanges.map((e) => e.data), variant);
          tally(c).validations++;
        });
      }
    }
  });
}

// ---------------------------------------------------------------- field checks

const owner = { owner: 'octocat', repo: 'hello-world' };

/** `out` is exactly `raw`: GitHub's value when it sent one, null when it said null, absent (never made up) when it sent nothing. */
function mirrors(out: unknown, raw: unknown, what: string) {
  assert.deepEqual(out, raw, what);
}

function checkRepository(out: any, raw: any) {
  mirrors(out.fullName, raw.full_name, 'fullName');
  mirrors(out.private, raw.private, 'private');
  mirrors(out.htmlUrl, raw.html_url, 'htmlUrl');
  mirrors(out.stars, raw.stargazers_count, 'stars');
  mirrors(out.defaultBranch, raw.default_branch, 'defaultBranch');
  assert.equal(out.language, raw.language ?? null, 'language');
}

function checkIssue(out: any, raw: any) {
  mirrors(out.number, raw.number, 'number');
  mirrors(out.title, raw.title, 'title');
  mirrors(out.state, raw.state, 'state');
  mirrors(out.htmlUrl, raw.html_url, 'htmlUrl');
  mirrors(out.comments, raw.comments, 'comments');
  assert.equal(out.author, raw.user?.login ?? null, 'author');
  assert.deepEqual(out.labels, raw.labels.map((l: any) => (typeof l === 'string' ? l : l?.name)).filter(Boolean), 'labels');
  assert.equal(out.isPullRequest, raw.pull_request !== undefined && raw.pull_request !== null, 'isPullRequest');
  if (raw.assignees === undefined && raw.assignee !== null) assert.equal(out.assignees, undefined, 'assignees not made up');
  if (Array.isArray(raw.assignees)) assert.deepEqual(out.assignees, raw.assignees.map((u: any) => u.login));
  if (raw.body === undefined || raw.body === null) assert.equal(out.body, null, 'body');
  else assert.ok(out.body.startsWith(raw.body.slice(0, 50)), 'body');
}

function checkPull(out: any, raw: any) {
  mirrors(out.number, raw.number, 'number');
  mirrors(out.head, raw.head.ref, 'head');
  mirrors(out.base, raw.base.ref, 'base');
  mirrors(out.draft, raw.draft, 'draft');
  assert.equal(out.merged, raw.merged ?? raw.merged_at !== null, 'merged');
  assert.equal(out.author, raw.user?.login ?? null, 'author');
  mirrors(out.mergedAt, raw.merged_at ?? undefined, 'mergedAt (absent unless merged)');
}

function checkFullPull(out: any, raw: any) {
  checkPull(out, raw);
  mirrors(out.headSha, raw.head.sha, 'headSha');
  mirrors(out.baseSha, raw.base.sha, 'baseSha');
  assert.equal(out.headRepo, raw.head.repo?.full_name ?? null, 'headRepo');
  mirrors(out.mergeable, raw.mergeable, 'mergeable');
  mirrors(out.changedFiles, raw.changed_files, 'changedFiles');
  if (raw.requested_reviewers === undefined) assert.equal(out.requestedReviewers, undefined, 'requestedReviewers not made up');
  else assert.deepEqual(out.requestedReviewers, (raw.requested_reviewers ?? []).map((u: any) => u.login));
}

function checkCommit(out: any, raw: any) {
  mirrors(out.sha, raw.sha, 'sha');
  mirrors(out.htmlUrl, raw.html_url, 'htmlUrl');
  assert.ok(raw.commit.message.startsWith(out.message.replace(/…\[truncated \d+ characters\]$/, '')), 'message');
  assert.equal(out.author, raw.author?.login ?? raw.commit.author?.name ?? null, 'author');
  assert.equal(out.date, raw.commit.author?.date ?? null, 'date');
}

function checkFileChange(out: any, raw: any) {
  mirrors(out.filename, raw.filename, 'filename');
  mirrors(out.status, raw.status, 'status');
  mirrors(out.additions, raw.additions, 'additions');
  mirrors(out.previousFilename, raw.previous_filename, 'previousFilename');
  if (raw.patch === undefined) assert.equal(out.patch, undefined, 'patch not made up');
}

function checkInstallation(out: any, raw: any) {
  mirrors(out.id, raw.id, 'id');
  assert.equal(out.account, raw.account === null ? null : (raw.account.login ?? raw.account.slug), 'account');
  mirrors(out.repositorySelection, raw.repository_selection, 'repositorySelection');
  assert.deepEqual(out.permissions, raw.permissions, 'permissions');
  assert.equal(out.suspended, raw.suspended_at !== null, 'suspended');
  assert.equal(out.suspendedAt, raw.suspended_at, 'suspendedAt');
}

function checkUser(out: any, raw: any) {
  mirrors(out.login, raw.login, 'login');
  mirrors(out.id, raw.id, 'id');
  mirrors(out.type, raw.type, 'type');
  mirrors(out.htmlUrl, raw.html_url, 'htmlUrl');
}

function eachItem(check: (out: any, raw: any) => void, itemsOf: (raw: any) => any[] = (raw) => raw) {
  return (out: any, raws: any[]) => {
    const items = itemsOf(raws[0]);
    assert.equal(out.items.length, items.length, 'one shaped item per item');
    out.items.forEach((item: any, i: number) => check(item, items[i]));
  };
}

// ---------------------------------------------------------------- the cases

/** One case per response example of the operation (every 2xx status), run through `tool`. */
function examples(op: string, tool: string, args: Json, extra: Partial<Case> = {}): Case[] {
  return successStatuses(op).flatMap((status) =>
    Object.entries(responseContent(op, status).examples).map(([name, data]) => ({
      ...extra,
      tool,
      args,
      source: `OpenAPI ${op} ${status} "${name}"`,
      exchanges: [{ op, status, data }, ...(extra.exchanges ?? [])],
    })),
  );
}

function firstExample(op: string, status = 200): unknown {
  const found = Object.values(responseContent(op, status).examples)[0];
  assert.ok(found !== undefined, `${op} has no example`);
  return found;
}

const searchOf = (items: unknown[]) => ({ total_count: items.length, incomplete_results: false, items });

const openApiCases: Case[] = [
  // context
  ...examples('users/get-authenticated', 'get_me', {}, { check: (out, [raw]) => (checkUser(out, raw), mirrors(out.name, raw.name, 'name')) }),
  ...examples('apps/get-authenticated', 'get_me', {}, {
    app: true,
    shaper: 'get_me (App)',
    check: (out, [raw]) => {
      assert.equal(out.login, raw.slug ? `${raw.slug}[bot]` : undefined, 'login is <slug>[bot], or absent');
      assert.equal(out.type, 'Bot');
    },
  }),
  ...examples('rate-limit/get', 'get_rate_limit', {}, {
    check: (out, [raw]) => {
      assert.deepEqual(Object.keys(out.resources), Object.keys(raw.resources));
      assert.equal(out.resources.core.remaining, raw.resources.core.remaining);
      assert.equal(out.resources.core.reset, new Date(raw.resources.core.reset * 1000).toISOString());
    },
  }),
  // apps
  ...examples('apps/get-authenticated', 'get_app', {}, {
    app: true,
    check: (out, [raw]) => {
      mirrors(out.id, raw.id, 'id');
      mirrors(out.slug, raw.slug, 'slug');
      assert.equal(out.owner, raw.owner.login ?? raw.owner.slug, 'owner');
      assert.deepEqual(out.events, raw.events);
      assert.equal(out.description, raw.description, 'description');
    },
  }),
  ...examples('apps/list-installations', 'list_installations', {}, { app: true, shaper: 'installation', check: eachItem(checkInstallation) }),
  ...examples('apps/get-installation', 'get_installation', { installation_id: 1 }, { app: true, shaper: 'installation', check: (out, [raw]) => checkInstallation(out, raw) }),
  ...examples('apps/get-repo-installation', 'get_installation', { ...owner }, { app: true, shaper: 'installation', check: (out, [raw]) => checkInstallation(out, raw) }),
  ...examples('apps/get-org-installation', 'get_installation', { org: 'github' }, { app: true, shaper: 'installation', check: (out, [raw]) => checkInstallation(out, raw) }),
  ...examples('apps/get-user-installation', 'get_installation', { username: 'octocat' }, { app: true, shaper: 'installation', check: (out, [raw]) => checkInstallation(out, raw) }),
  ...examples('apps/list-repos-accessible-to-installation', 'list_installation_repositories', { installation_id: 1 }, {
    app: true,
    check: (out, [raw]) => {
      mirrors(out.totalCount, raw.total_count, 'totalCount');
      out.items.forEach((item: any, i: number) => {
        mirrors(item.fullName, raw.repositories[i].full_name, 'fullName');
        mirrors(item.private, raw.repositories[i].private, 'private');
      });
    },
  }),
  ...examples('apps/create-installation-access-token', 'create_installation_token', { installation_id: 1 }, {
    app: true,
    check: (out, [raw]) => {
      assert.equal(out.installationId, 1);
      mirrors(out.expiresAt, raw.expires_at, 'expiresAt');
      assert.deepEqual(out.permissions, raw.permissions ?? undefined, 'permissions not made up');
      mirrors(out.repositorySelection, raw.repository_selection, 'repositorySelection');
      assert.equal(out.token, undefined, 'the token is withheld without GITHUB_EXPOSE_TOKENS');
      assert.ok(!JSON.stringify(out).includes(raw.token), 'the token never appears');
    },
  }),
  // repos
  ...examples('repos/get', 'get_repository', owner, {
    check: (out, [raw]) => {
      checkRepository(out, raw);
      assert.equal(out.license, raw.license?.spdx_id ?? null, 'license');
      assert.deepEqual(out.topics, raw.topics, 'topics, or absent');
      mirrors(out.openIssues, raw.open_issues_count, 'openIssues');
    },
  }),
  ...examples('search/repos', 'search_repositories', { query: 'tetris language:assembly' }, {
    check: (out, [raw]) => (eachItem(checkRepository, (r) => r.items)(out, [raw]), mirrors(out.totalCount, raw.total_count, 'totalCount'), mirrors(out.incompleteResults, raw.incomplete_results, 'incompleteResults')),
  }),
  ...examples('repos/get-content', 'get_file_contents', { ...owner, path: 'lib' }, {
    check: (out, [raw]) => {
      if (Array.isArray(raw)) {
        assert.equal(out.type, 'dir');
        assert.deepEqual(out.entries.map((e: any) => e.name), raw.map((e: any) => e.name));
        return;
      }
      assert.equal(out.type, raw.type);
      mirrors(out.sha, raw.sha, 'sha');
      mirrors(out.size, raw.size, 'size');
      if (raw.type === 'symlink') mirrors(out.target, raw.target, 'target');
      if (raw.type === 'submodule') mirrors(out.submoduleUrl, raw.submodule_git_url, 'submoduleUrl');
    },
  }),
  ...examples('repos/list-branches', 'list_branches', owner, {
    check: eachItem((out, raw) => (mirrors(out.name, raw.name, 'name'), mirrors(out.sha, raw.commit.sha, 'sha'), mirrors(out.protected, raw.protected, 'protected'))),
  }),
  ...examples('repos/list-commits', 'list_commits', owner, { shaper: 'commit', check: eachItem(checkCommit) }),
  ...examples('repos/get-commit', 'get_commit', { ...owner, sha: 'main' }, {
    shaper: 'commit',
    check: (out, [raw]) => {
      checkCommit(out, raw);
      assert.deepEqual(out.parents, raw.parents.map((p: any) => p.sha));
      assert.equal(out.committer, raw.committer?.login ?? raw.commit.committer?.name ?? null, 'committer');
      if (raw.files === undefined) assert.equal(out.files, undefined, 'files not made up');
      else out.files.forEach((f: any, i: number) => checkFileChange(f, raw.files[i]));
      if (raw.stats) mirrors(out.stats.total, raw.stats.total, 'stats.total');
    },
  }),
  ...examples('repos/create-or-update-file-contents', 'create_or_update_file', { ...owner, path: 'notes/hello.txt', content: 'hello', message: 'my commit message', sha: '95b966ae1c166bd92f8ae7d1c313e738c731dfc3' }, {
    check: (out, [raw], variant) => {
      assert.equal(out.path, raw.content?.path ?? 'notes/hello.txt');
      mirrors(out.sha, raw.content?.sha, 'sha: GitHub\'s, or absent');
      mirrors(out.commit.sha, raw.commit.sha, 'commit.sha');
      if (variant === 'full') assert.equal(out.commit.message, 'my commit message');
    },
  }),
  {
    tool: 'create_branch',
    args: { ...owner, branch: 'feature' },
    source: 'OpenAPI repos/get + git/get-ref + git/create-ref 201 "default"',
    exchanges: [
      { op: 'repos/get', data: firstExample('repos/get') },
      { op: 'git/get-ref', data: firstExample('git/get-ref') },
      { op: 'git/create-ref', status: 201, data: firstExample('git/create-ref', 201) },
    ],
    check: (out, [repo, , created]) => {
      assert.equal(out.branch, 'feature');
      assert.equal(out.fromBranch, repo.default_branch);
      mirrors(out.ref, created.ref, 'ref');
      mirrors(out.sha, created.object.sha, 'sha');
    },
  },
  // issues
  ...examples('issues/list-for-repo', 'list_issues', owner, { shaper: 'issue', check: eachItem(checkIssue) }),
  ...examples('issues/get', 'get_issue', { ...owner, issue_number: 1347 }, {
    shaper: 'issue',
    check: (out, [raw]) => (checkIssue(out, raw), assert.deepEqual(out.milestone, raw.milestone ? { number: raw.milestone.number, title: raw.milestone.title } : undefined)),
  }),
  ...examples('search/issues-and-pull-requests', 'search_issues', { query: 'repo:octocat/hello-world is:issue' }, {
    shaper: 'issue',
    check: (out, [raw]) => (eachItem(checkIssue, (r) => r.items)(out, [raw]), assert.equal(out.items[0].repository, raw.items[0].repository_url.split('/').slice(-2).join('/'))),
  }),
  ...examples('issues/create', 'create_issue', { ...owner, title: 'Found a bug' }, { shaper: 'issue', check: (out, [raw]) => checkIssue(out, raw) }),
  ...examples('issues/update', 'update_issue', { ...owner, issue_number: 1347, title: 'Found a bug' }, { shaper: 'issue', check: (out, [raw]) => checkIssue(out, raw) }),
  ...examples('issues/create-comment', 'add_issue_comment', { ...owner, issue_number: 1347, body: 'Me too' }, {
    shaper: 'comment',
    check: (out, [raw]) => (mirrors(out.id, raw.id, 'id'), mirrors(out.updatedAt, raw.updated_at, 'updatedAt'), assert.equal(out.author, raw.user?.login ?? null)),
  }),
  ...examples('issues/list-comments', 'list_issue_comments', { ...owner, issue_number: 1347 }, {
    shaper: 'comment',
    check: eachItem((out, raw) => (mirrors(out.id, raw.id, 'id'), assert.equal(out.body, raw.body ?? null))),
  }),
  // pull requests
  ...examples('pulls/list', 'list_pull_requests', owner, { shaper: 'pull request', check: eachItem(checkPull) }),
  ...examples('pulls/get', 'get_pull_request', { ...owner, pullNumber: 1347 }, { shaper: 'pull request', check: (out, [raw]) => checkFullPull(out, raw) }),
  ...examples('pulls/create', 'create_pull_request', { ...owner, title: 'Amazing new feature', head: 'octocat:new-feature', base: 'master' }, {
    shaper: 'pull request',
    check: (out, [raw]) => checkFullPull(out, raw),
  }),
  ...examples('pulls/list-files', 'get_pull_request_files', { ...owner, pullNumber: 1347 }, { shaper: 'file change', check: eachItem(checkFileChange) }),
  ...examples('pulls/merge', 'merge_pull_request', { ...owner, pullNumber: 1347 }, {
    check: (out, [raw]) => (mirrors(out.merged, raw.merged, 'merged'), mirrors(out.sha, raw.sha, 'sha'), mirrors(out.message, raw.message, 'message')),
  }),
  // ---- pull request status, updates and searches
  ...examples('search/issues-and-pull-requests', 'search_pull_requests', { query: 'is:open', owner: 'octocat', repo: 'hello-world' }, {
    shaper: 'pull request search item',
    check: eachItem((out, raw) => {
      mirrors(out.number, raw.number, 'number');
      mirrors(out.draft, raw.draft, 'draft');
      assert.equal(out.mergedAt, raw.pull_request?.merged_at ?? undefined, 'mergedAt');
      assert.equal(out.isPullRequest, undefined, 'isPullRequest left out');
    }, (r) => r.items),
  }),
  ...examples('pulls/update', 'update_pull_request', { ...owner, pullNumber: 1347, title: 'new title' }, { shaper: 'pull request', check: (out, [raw]) => checkFullPull(out, raw) }),
  ...examples('pulls/update-branch', 'update_pull_request_branch', { ...owner, pullNumber: 1347 }, { check: (out, [raw]) => (mirrors(out.message, raw.message, 'message'), mirrors(out.url, raw.url, 'url')) }),
  ...examples('pulls/list-commits', 'get_pull_request_commits', { ...owner, pullNumber: 1347 }, {
    check: eachItem((out, raw) => {
      mirrors(out.sha, raw.sha, 'sha');
      assert.equal(out.message, raw.commit.message.split('\n')[0], 'first line');
      assert.equal(out.author, raw.author?.login ?? null, 'author');
      assert.equal(out.authorName, raw.commit.author?.name ?? null, 'authorName');
    }),
  }),
  ...examples('pulls/request-reviewers', 'request_pull_request_reviewers', { ...owner, pullNumber: 1347, reviewers: ['octocat'] }, {
    check: (out, [raw]) => {
      mirrors(out.number, raw.number, 'number');
      assert.deepEqual(out.requestedReviewers, raw.requested_reviewers?.map((u: any) => u.login), 'requestedReviewers, or absent');
      assert.deepEqual(out.requestedTeams, raw.requested_teams?.map((t: any) => t.slug), 'requestedTeams, or absent');
    },
  }),
  {
    tool: 'get_pull_request_status',
    args: { ...owner, pullNumber: 1347 },
    source: 'OpenAPI pulls/get + repos/get-combined-status-for-ref + checks/list-for-ref 200 "default"',
    exchanges: [
      { op: 'pulls/get', data: firstExample('pulls/get') },
      { op: 'repos/get-combined-status-for-ref', data: firstExample('repos/get-combined-status-for-ref') },
      { op: 'checks/list-for-ref', data: firstExample('checks/list-for-ref') },
    ],
    check: (out, [pull, combined, runs]) => {
      mirrors(out.headSha, pull.head.sha, 'headSha');
      assert.equal(out.total, combined.statuses.length + runs.check_runs.length, 'every status and check run');
      mirrors(out.combinedStatus, combined.state, 'combinedStatus');
    },
  },
  {
    tool: 'create_pull_request',
    args: { ...owner, title: 'Amazing new feature', head: 'octocat:new-feature', base: 'master', reviewers: ['octocat'] },
    source: 'OpenAPI pulls/create + pulls/request-reviewers 201 "default"',
    shaper: 'pull request',
    exchanges: [
      { op: 'pulls/create', status: 201, data: firstExample('pulls/create', 201) },
      { op: 'pulls/request-reviewers', status: 201, data: firstExample('pulls/request-reviewers', 201) },
    ],
    check: (out, [created, requested]) => {
      checkPull(out, created);
      assert.deepEqual(out.requestedReviewers, requested.requested_reviewers?.map((u: any) => u.login), 'requestedReviewers from the review request');
      assert.equal(out.reviewerRequestError, undefined);
    },
  },
  // ---- end of pull request status, updates and searches
  // users
  ...examples('search/users', 'search_users', { query: 'tom repos:>42' }, { shaper: 'user', check: (out, [raw]) => eachItem(checkUser, (r) => r.items)(out, [raw]) }),
];

const fixtureCases: Case[] = [
  ...recorded('get-repository', 'GET', /^\/repos\/[^/]+\/hello-world$/).map((r) => ({
    tool: 'get_repository',
    args: { owner: 'octokit-fixture-org', repo: 'hello-world' },
    source: 'fixture get-repository',
    exchanges: [{ op: 'repos/get', data: r.response }],
    check: (out: any, [raw]: any[], variant: Variant) => {
      checkRepository(out, raw);
      if (variant === 'full') assert.equal(out.fullName, 'octokit-fixture-org/hello-world');
    },
  })),
  ...[...recorded('rename-repository', 'PATCH', /rename-repository$|repositories\/1000$/), ...recorded('rename-repository', 'GET', /^\/repositories\/1000$/)].map((r, i) => ({
    tool: 'get_repository',
    args: { owner: 'octokit-fixture-org', repo: 'rename-repository-newname' },
    source: `fixture rename-repository #${i + 1} (${r.method.toUpperCase()} ${r.path})`,
    exchanges: [{ op: 'repos/get', data: r.response }],
    check: (out: any, [raw]: any[]) => checkRepository(out, raw),
  })),
  ...recorded('get-content', 'GET', /\/contents\/$/).map((r) => ({
    tool: 'get_file_contents',
    args: { owner: 'octokit-fixture-org', repo: 'hello-world', path: '' },
    source: 'fixture get-content (directory)',
    exchanges: [{ op: 'repos/get-content', data: r.response }],
    check: (out: any, [raw]: any[], variant: Variant) => {
      assert.equal(out.type, 'dir');
      assert.deepEqual(out.entries.map((e: any) => e.path), raw.map((e: any) => e.path));
      if (variant === 'full') assert.deepEqual(out.entries[0], { name: 'README.md', path: 'README.md', type: 'file', size: 13 });
    },
  })),
  ...recorded('create-file', 'PUT', /\/contents\/test\.txt$/).map((r) => ({
    tool: 'create_or_update_file',
    args: { owner: 'octokit-fixture-org', repo: 'create-file', path: 'test.txt', content: 'Test content', message: 'create test.txt', sha: 'ignored-by-the-stub' },
    source: 'fixture create-file',
    exchanges: [{ op: 'repos/create-or-update-file-contents', status: r.status, data: r.response }],
    check: (out: any, [raw]: any[]) => {
      assert.equal(out.created, true);
      assert.equal(out.path, 'test.txt');
      mirrors(out.sha, raw.content?.sha, 'sha');
      mirrors(out.commit.sha, raw.commit.sha, 'commit.sha');
    },
  })),
  ...recorded('git-refs', 'POST', /\/git\/refs$/).map((r) => ({
    tool: 'create_branch',
    args: { owner: 'octokit-fixture-org', repo: 'git-refs', branch: 'test', from_branch: 'main' },
    source: 'fixture git-refs (GET refs, POST ref)',
    exchanges: [
      { op: 'git/get-ref', data: (recorded('git-refs', 'GET', /\/git\/refs\/$/)[0].response as unknown[])[0] },
      { op: 'git/create-ref', status: r.status, data: r.response },
    ],
    check: (out: any, [, created]: any[], variant: Variant) => {
      mirrors(out.ref, created.ref, 'ref');
      mirrors(out.sha, created.object.sha, 'sha');
      if (variant === 'full') assert.equal(out.ref, 'refs/heads/test');
    },
  })),
  ...recorded('add-labels-to-issue', 'POST', /\/issues$/).map((r) => ({
    tool: 'create_issue',
    args: { owner: 'octokit-fixture-org', repo: 'add-labels-to-issue', title: 'Issue without a label' },
    source: 'fixture add-labels-to-issue',
    shaper: 'issue',
    exchanges: [{ op: 'issues/create', status: r.status, data: r.response }],
    check: (out: any, [raw]: any[], variant: Variant) => {
      checkIssue(out, raw);
      if (variant === 'full') assert.equal(out.title, 'Issue without a label');
    },
  })),
  ...recorded('paginate-issues', 'GET', /issues\?/).map((r, i) => ({
    tool: 'list_issues',
    args: { owner: 'octokit-fixture-org', repo: 'paginate-issues' },
    source: `fixture paginate-issues page ${i + 1}`,
    shaper: 'issue',
    exchanges: [{ op: 'issues/list-for-repo', data: r.response }],
    check: eachItem(checkIssue),
  })),
  ...recorded('search-issues', 'GET', /^\/search\/issues/).map((r) => ({
    tool: 'search_issues',
    args: { query: 'sesame repo:octokit-fixture-org/search-issues' },
    source: 'fixture search-issues',
    shaper: 'issue',
    exchanges: [{ op: 'search/issues-and-pull-requests', data: r.response }],
    check: (out: any, [raw]: any[], variant: Variant) => {
      eachItem(checkIssue, (x) => x.items)(out, [raw]);
      if (variant === 'full') assert.equal(out.items[0].repository, 'octokit-fixture-org/search-issues');
    },
  })),
  // Users and repositories as GitHub records them in other answers (collaborators, invitations,
  // statuses, release assets), through the search shapers: the same lean entries.
  ...[
    ...recorded('add-and-remove-repository-collaborator', 'GET', /\/collaborators$/).flatMap((r) => r.response as unknown[]),
    ...recorded('add-and-remove-repository-collaborator', 'GET', /\/invitations$/).flatMap((r) => (r.response as Json[]).flatMap((inv) => [inv.invitee, inv.inviter])),
    ...recorded('create-status', 'POST', /\/statuses\//).map((r) => (r.response as Json).creator),
    ...recorded('release-assets', 'GET', /\/assets\/1000$/).map((r) => (r.response as Json).uploader),
  ].map((user, i) => ({
    tool: 'search_users',
    args: { query: 'octokit-fixture' },
    source: `fixture user #${i + 1} (collaborators, invitations, statuses, release assets)`,
    shaper: 'user',
    exchanges: [{ op: 'search/users', data: searchOf([user]) }],
    check: (out: any, [raw]: any[]) => eachItem(checkUser, (x) => x.items)(out, [raw]),
  })),
  ...[
    ...recorded('add-and-remove-repository-collaborator', 'GET', /\/invitations$/).flatMap((r) => (r.response as Json[]).map((inv) => inv.repository)),
    ...recorded('create-status', 'GET', /\/status$/).map((r) => (r.response as Json).repository),
  ].map((repository, i) => ({
    tool: 'search_repositories',
    args: { query: 'org:octokit-fixture-org' },
    source: `fixture minimal repository #${i + 1} (invitations, combined status)`,
    exchanges: [{ op: 'search/repos', data: searchOf([repository]) }],
    check: (out: any, [raw]: any[]) => eachItem(checkRepository, (x) => x.items)(out, [raw]),
  })),
];

defineCases('shape fixtures: OpenAPI response examples', openApiCases);
defineCases('shape fixtures: recorded api.github.com responses', fixtureCases);

// ---------------------------------------------------------------- what GitHub sends that its description does not say

const pullExample = firstExample('pulls/get') as Json;
const commitExample = firstExample('repos/get-commit') as Json;
const commentExample = firstExample('issues/create-comment', 201) as Json;
const installationExample = firstExample('apps/get-installation') as Json;
const contentFile = responseContent('repos/get-content', 200).examples['response-if-content-is-a-file'] as Json;
const onlyFull = ['full'] as const;

defineCases('shape fixtures: real-world deviations', [
  {
    tool: 'get_pull_request',
    args: { ...owner, pullNumber: 1347 },
    source: 'handmade, head repository deleted (head.repo null)',
    shaper: 'pull request',
    variants: onlyFull,
    exchanges: [{ op: 'pulls/get', data: { ...pullExample, head: { ...(pullExample.head as Json), repo: null } } }],
    check: (out) => assert.equal(out.headRepo, null),
  },
  {
    tool: 'get_commit',
    args: { ...owner, sha: 'main' },
    source: 'handmade, author email maps to no account (author {})',
    shaper: 'commit',
    variants: onlyFull,
    exchanges: [{ op: 'repos/get-commit', data: { ...commitExample, author: {}, committer: null } }],
    check: (out, [raw]) => (assert.equal(out.author, raw.commit.author.name), assert.equal(out.committer, raw.commit.committer.name)),
  },
  {
    tool: 'add_issue_comment',
    args: { ...owner, issue_number: 1347, body: 'Me too' },
    source: 'handmade, created comment without updated_at',
    shaper: 'comment',
    variants: onlyFull,
    exchanges: [{ op: 'issues/create-comment', status: 201, data: Object.fromEntries(Object.entries(commentExample).filter(([k]) => k !== 'updated_at')) }],
    check: (out) => (assert.equal(out.updatedAt, undefined), assert.equal(out.id, commentExample.id)),
  },
  {
    tool: 'get_installation',
    args: { installation_id: 1 },
    source: 'handmade, enterprise installation (account has a slug, no login)',
    shaper: 'installation',
    app: true,
    variants: onlyFull,
    exchanges: [{ op: 'apps/get-installation', data: { ...installationExample, account: { id: 1, slug: 'octo-business', name: 'Octo Business', node_id: 'E_1', html_url: 'https://github.com/enterprises/octo-business', created_at: '2019-01-26T19:01:12Z', updated_at: '2019-01-26T19:14:43Z', avatar_url: 'https://github.com/images/error/octocat_happy.gif' }, target_type: 'Enterprise' } }],
    check: (out) => (assert.equal(out.account, 'octo-business'), assert.equal(out.accountType, 'Enterprise')),
  },
  {
    tool: 'get_rate_limit',
    args: {},
    source: 'handmade, older GHES (no `used`)',
    variants: onlyFull,
    exchanges: [{ op: 'rate-limit/get', data: { resources: { core: { limit: 5000, remaining: 4990, reset: 1691591363 }, search: { limit: 30, remaining: 30, reset: 1691591091 } }, rate: { limit: 5000, remaining: 4990, reset: 1691591363 } } }],
    check: (out) => assert.equal(out.resources.core.used, 10),
  },
  {
    tool: 'get_file_contents',
    args: { ...owner, path: 'big.bin' },
    source: 'handmade, file over 1 MB (content "", encoding none)',
    variants: onlyFull,
    exchanges: [{ op: 'repos/get-content', data: { ...contentFile, size: 5_000_000, content: '', encoding: 'none' } }],
    check: (out) => (assert.equal(out.encoding, 'none'), assert.equal(out.content, undefined), assert.match(out.note, /over 1 MB/)),
  },
  {
    tool: 'get_file_contents',
    args: { ...owner, path: 'README.md' },
    source: 'handmade, text file',
    variants: onlyFull,
    exchanges: [{ op: 'repos/get-content', data: { ...contentFile, size: 11, content: Buffer.from('hello world').toString('base64') } }],
    check: (out) => (assert.equal(out.encoding, 'utf-8'), assert.equal(out.content, 'hello world')),
  },
]);

// ---------------------------------------------------------------- answers that are not what was due

describe('shape fixtures: an answer that is no object at all is a clear error, never a TypeError', () => {
  const seen = new Set<string>();
  const oneCasePerTool = openApiCases.filter((c) => !seen.has(c.tool) && seen.add(c.tool));
  for (const c of oneCasePerTool) {
    it(c.tool, async () => {
      for (const odd of [null, '', 'not json', 42, [], {}]) {
        const exchanges = c.exchanges.map((e) => ({ ...e, data: odd }));
        try {
          const out = await runCase(c, exchanges);
          // Shaped without throwing: then the strict schema must catch what is missing (or there was nothing to miss).
          const { strict } = validators(c.tool);
          if (odd !== null && typeof odd === 'object') continue;
          assert.ok(!strict(out) || Object.keys(out).length > 0, `${c.tool} shaped ${JSON.stringify(odd)} into a valid result`);
        } catch (error) {
          assert.equal((error as Error).name, 'GitHubError', `${c.tool} on ${JSON.stringify(odd)}: ${(error as Error).stack}`);
          assert.match((error as Error).message, /could not be read|named no|lacked|not a JSON object/, `${c.tool} on ${JSON.stringify(odd)}`);
        }
      }
    });
  }
});

// ---------------------------------------------------------------- auth_status under every auth method

describe('shape fixtures: auth_status under every auth method', () => {
  const clock = new GitHubClock();
  const key = generateAppKey();
  const jwtConfig = { expirySeconds: 300, issuedAtSeconds: -60, algorithm: 'RS256' as const };
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const fixedJwt = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iat: 1700000000, exp: 1700000600, iss: '4242' })}.c2lnbmF0dXJl`;
  const user = firstExample('users/get-authenticated') as Json;
  const app = firstExample('apps/get-authenticated') as Json;
  const userHeaders = { 'x-oauth-scopes': 'repo, read:org', 'github-authentication-token-expiration': '2030-01-01 00:00:00 UTC' };
  const methods: { name: string; auth: AuthStrategy; app?: boolean; expect: Json }[] = [
    { name: 'token', auth: createTokenAuth(new Secret('ghp_notARealTokenJustForTheTest00000000')), expect: { pygithubClass: 'Auth.Token', scopes: ['repo', 'read:org'] } },
    { name: 'login (Basic)', auth: createBasicAuth('login', 'octocat', new Secret('not-a-real-password')), expect: { pygithubClass: 'Auth.Login', login: 'octocat' } },
    { name: 'netrc', auth: createBasicAuth('netrc', 'octocat', new Secret('not-a-real-password-2')), expect: { pygithubClass: 'Auth.NetrcAuth', login: 'octocat' } },
    {
      name: 'app_user',
      auth: createAppUserAuthStrategy({ clientId: 'Iv1.test', token: new Secret('not-a-real-user-token'), expiresAt: '2030-01-01T00:00:00.000Z', refreshTokenExpiresAt: '2030-06-01T00:00:00.000Z', clock, request: octokitRequest }),
      expect: { pygithubClass: 'Auth.AppUserAuth', refreshTokenExpiresAt: '2030-06-01T00:00:00.000Z' },
    },
    { name: 'app', app: true, auth: createAppAuthStrategy({ appId: 4242, privateKey: new Secret(key.pkcs1), jwt: jwtConfig, clock, request: octokitRequest, log }), expect: { pygithubClass: 'Auth.AppAuth', appId: 4242 } },
    {
      name: 'app_installation',
      app: true,
      auth: createAppAuthStrategy({ appId: 4242, installationId: 7, permissions: { issues: 'write' }, privateKey: new Secret(key.pkcs1), jwt: jwtConfig, clock, request: octokitRequest, log }),
      expect: { pygithubClass: 'Auth.AppInstallationAuth', installationId: 7, permissions: { issues: 'write' } },
    },
    { name: 'app_token', app: true, auth: createAppTokenAuth(new Secret(fixedJwt)), expect: { pygithubClass: 'Auth.AppAuthToken', appId: 4242, expiresAt: new Date(1700000600 * 1000).toISOString() } },
    { name: 'none', auth: createAnonymousAuth(), expect: { pygithubClass: 'none', authenticated: false } },
  ];
  for (const m of methods) {
    for (const [variant, shapeOf] of Object.entries(VARIANTS) as [Variant, (v: unknown, s: Schema) => unknown][]) {
      it(`${m.name} · ${variant}`, async () => {
        const op = m.app ? 'apps/get-authenticated' : 'users/get-authenticated';
        const data = shapeOf(structuredClone(m.app ? app : user), responseContent(op, 200).schema) as Json;
        const c: Case = { tool: 'auth_status', args: {}, source: `OpenAPI ${op} "${m.name}"`, shaper: 'auth_status', app: m.app, auth: m.auth, exchanges: [{ op, data, headers: m.app ? {} : userHeaders }] };
        const out = await runCase(c, c.exchanges);
        const { advertised, strict } = validators('auth_status');
        assert.ok(advertised(out), `${m.name}: ${problems(advertised)}`);
        assert.ok(strict(out), `${m.name}: ${problems(strict)}`);
        assert.equal(out.method, m.auth.method);
        for (const [field, value] of Object.entries(m.expect)) assert.deepEqual(out[field], value, field);
        if (m.auth.method !== 'none') {
          assert.equal(out.authenticated, true, String(out.problem));
          assert.equal(out.identity, m.app ? (data.slug ? `${data.slug}[bot]` : undefined) : data.login);
        }
        // Every fact the method reports is in the result: none was dropped to fit the schema.
        for (const [field, value] of Object.entries(m.auth.facts())) if (value !== undefined && field !== 'expiresAt') assert.deepEqual(out[field], value, field);
        tally(c).validations++;
      });
    }
  }
});

// ---------------------------------------------------------------- coverage and the report

describe('shape fixtures: coverage', () => {
  it('every tool with an output schema that shapes a GitHub answer has cases from the OpenAPI examples', () => {
    // Areas may keep their cases in a file of their own (shape.<area>.test.ts, run as its own process): a case names its tool as `tool: '<name>'`.
    const elsewhere = readdirSync(__dirname)
      .filter((file) => /^shape\..+\.test\.ts$/.test(file) && file !== 'shape.fixtures.test.ts')
      .flatMap((file) => [...readFileSync(join(__dirname, file), 'utf8').matchAll(/\btool: '([a-z_]+)'/g)].map((match) => match[1]));
    const covered = new Set(openApiCases.map((c) => c.tool).concat('auth_status', elsewhere));
    // create_jwt signs locally; github_request passes GitHub's JSON through (requests.ts is tested with it).
    const exempt = new Set(['create_jwt', 'github_request']);
    // Checked against their OpenAPI examples in test/unit/server/shape.git.test.ts.
    for (const name of ['get_repository_tree', 'push_files', 'delete_file', 'delete_branch', 'compare_commits', 'list_tags', 'get_tag']) exempt.add(name);
    const missing = ALL_TOOLS.filter((t) => t.output && !exempt.has(t.name) && !covered.has(t.name)).map((t) => t.name);
    assert.deepEqual(missing, []);
  });

  it('the recorded fixtures cover repositories, contents, refs, issues, search and users', () => {
    const tools = new Set(fixtureCases.map((c) => c.tool));
    for (const name of ['get_repository', 'get_file_contents', 'create_or_update_file', 'create_branch', 'create_issue', 'list_issues', 'search_issues', 'search_users', 'search_repositories']) {
      assert.ok(tools.has(name), `no recorded fixture for ${name}`);
    }
    assert.ok(fixtureCases.length >= 15, `only ${fixtureCases.length} recorded payloads`);
  });
});

after(() => {
  if (counts.size === 0) return;
  const rows = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
  const lines = rows.map(
    ([name, c]) =>
      `${name.padEnd(32)} ${String(c.fixture.size + c.OpenAPI.size + c.handmade.size).padStart(3)} payloads (${c.OpenAPI.size} OpenAPI examples, ${c.fixture.size} recorded, ${c.handmade.size} handmade), ${c.validations} validated results`,
  );
  const total = rows.reduce((sum, [, c]) => sum + c.validations, 0);
  process.stdout.write(`# shape fixtures: payloads per shaper\n${lines.map((l) => `# ${l}`).join('\n')}\n# total validated results: ${total}\n`);
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { routeTable, startSimulator, type Simulator } from '../../simulator/index';
import { Router } from '../../simulator/http/router';
import { descriptions as openApiDescriptions, documentedResponse, metaSchemaErrors, shapeOf, type Description, type Json } from '../../simulator/openapi/describe';
import { checkAnswer } from '../../simulator/openapi/check';
import { appJwt, call, mintToken, type CallResult } from './helpers';

// Holds the simulator to GitHub's own description of the REST API
// (@octokit/openapi, i.e. github/rest-api-description). Every route the
// simulator implements is driven here, and each JSON answer is validated
// against the response schema of the matching operation (path template +
// method + status) in api.github.com and the newest GHES description; an
// answer must satisfy both. Loading, the OpenAPI 3.0 -> JSON Schema
// conversion and the documented patches of the description live in
// test/simulator/openapi/describe.ts, the check of one answer in
// test/simulator/openapi/check.ts (shared with the simulator's own check of
// every answer it sends during the suite, SIM_OPENAPI=1). Here a status the
// operation does not list is a failure; the suite-wide check only requires
// GitHub's error body for unlisted error statuses.

describe('GitHub\'s OpenAPI description, converted', () => {
  it('is valid JSON Schema 2020-12 (the shared loader skips this check for speed)', () => {
    for (const d of openApiDescriptions()) assert.deepEqual(metaSchemaErrors(d), [], d.name);
  });
});

// ---- the simulator's routes -> operations

const routes = routeTable();
const routeRouter = new Router();
for (const r of routes.api) routeRouter.add(r.method, r.pattern, () => ({ status: 200 }));

function routeOf(method: string, path: string): string | undefined {
  const m = routeRouter.match(method, path.split('?')[0]);
  return m && 'route' in m ? `${m.route.method} /${m.route.segments.join('/')}` : undefined;
}

// ---- cases

type Who = 'none' | 'pat' | 'installation' | 'selected-installation' | 'revocable' | 'u2s' | 'jwt';

interface Case {
  method?: string;
  path: string | (() => string);
  as: Who;
  body?: unknown | (() => unknown);
  status: number;
  note?: string;
  then?: (res: CallResult) => void;
}

describe('simulator: answers match GitHub\'s OpenAPI description', () => {
  let sim: Simulator;
  const auth: Partial<Record<Who, string>> = {};
  let descriptions: Description[] = [];
  /** route -> statuses validated */
  const covered = new Map<string, Set<number>>();
  const state: { mainSha?: string; newFileSha?: string; issueNumber?: number; pullNumber?: number } = {};

  before(async () => {
    descriptions = openApiDescriptions();
    sim = await startSimulator();
    auth.pat = `token ${sim.createPersonalToken('octocat')}`;
    auth.jwt = `Bearer ${appJwt(sim)}`;
    auth.installation = `token ${(await mintToken(sim, sim.fixtures.installations.simOrg)).json.token}`;
    auth['selected-installation'] = `token ${(await mintToken(sim, sim.fixtures.installations.octocat)).json.token}`;
    auth.u2s = `token ${sim.createAppUserToken('octocat').token}`;
    auth.revocable = `token ${(await mintToken(sim, sim.fixtures.installations.simOrg)).json.token}`;
    state.mainSha = (await call(sim, '/repos/octocat/hello-world/git/ref/heads/main', { auth: auth.pat })).json.object.sha;
  });
  after(() => sim?.close());

  async function run(c: Case): Promise<void> {
    const method = c.method ?? 'GET';
    const path = typeof c.path === 'function' ? c.path() : c.path;
    const body = typeof c.body === 'function' ? (c.body as () => unknown)() : c.body;
    const res = await call(sim, path, { method, auth: c.as === 'none' ? undefined : auth[c.as], body });
    assert.equal(res.status, c.status, `${method} ${path}: ${res.text.slice(0, 300)}`);
    const route = routeOf(method, path);
    assert.ok(route, `no simulator route for ${method} ${path}`);
    const verdict = checkAnswer(
      descriptions,
      { method, pattern: route.replace(/^\w+ /, ''), status: res.status, contentType: (res.headers.get('content-type') ?? '').split(';')[0].trim(), text: res.text, json: res.json, target: path },
      { undocumentedErrors: 'fail' },
    );
    const problems = verdict.problems;
    const documented = verdict.operations.length > 0;
    if (documented) {
      const set = covered.get(route) ?? new Set<number>();
      set.add(res.status);
      covered.set(route, set);
    }
    if (problems.length > 0) assert.fail(problems.join('\n'));
    c.then?.(res);
  }

  const org = 'sim-org';
  const cases: Case[] = [
    // Apps (App JWT)
    { path: '/app', as: 'jwt', status: 200 },
    { path: '/app/installations?per_page=100', as: 'jwt', status: 200 },
    { path: '/app/installations/5001', as: 'jwt', status: 200 },
    { path: '/app/installations/5003', as: 'jwt', status: 200, note: 'suspended' },
    { path: '/app/installations/999999', as: 'jwt', status: 404 },
    { method: 'POST', path: '/app/installations/5002/access_tokens', as: 'jwt', body: {}, status: 201, note: 'all repositories' },
    { method: 'POST', path: '/app/installations/5001/access_tokens', as: 'jwt', body: {}, status: 201, note: 'selected repositories' },
    { method: 'POST', path: '/app/installations/5002/access_tokens', as: 'jwt', body: { repositories: ['api'], permissions: { issues: 'read' } }, status: 201, note: 'narrowed' },
    { method: 'POST', path: '/app/installations/5003/access_tokens', as: 'jwt', body: {}, status: 403, note: 'suspended' },
    { method: 'POST', path: '/app/installations/5002/access_tokens', as: 'jwt', body: { repositories: ['nope'] }, status: 422 },
    { method: 'POST', path: '/app/installations/999999/access_tokens', as: 'jwt', body: {}, status: 404 },
    { path: '/repos/octocat/hello-world/installation', as: 'jwt', status: 200 },
    { path: '/repos/octocat/nothing-here/installation', as: 'jwt', status: 404 },
    { path: `/orgs/${org}/installation`, as: 'jwt', status: 200 },
    { path: '/users/octocat/installation', as: 'jwt', status: 200 },
    // Installation tokens
    { path: '/installation/repositories', as: 'installation', status: 200 },
    { path: '/installation/repositories', as: 'selected-installation', status: 200 },
    { path: '/installation/repositories', as: 'pat', status: 403 },
    { method: 'DELETE', path: '/installation/token', as: 'revocable', status: 204, note: 'a spare token' },
    { path: '/installation/repositories', as: 'revocable', status: 401, note: 'revoked' },
    // User-to-server tokens
    { path: '/user/installations', as: 'u2s', status: 200 },
    { path: '/user/installations/5001/repositories', as: 'u2s', status: 200 },
    { path: '/user/installations', as: 'pat', status: 403 },
    { path: '/user/installations/999999/repositories', as: 'u2s', status: 404 },
    // Users and orgs
    { path: '/user', as: 'pat', status: 200 },
    { path: '/user', as: 'u2s', status: 200 },
    { path: '/user', as: 'none', status: 401 },
    { path: '/user', as: 'installation', status: 403 },
    { path: '/users/octocat', as: 'none', status: 200 },
    { path: '/users/octocat', as: 'pat', status: 200 },
    { path: `/users/${org}`, as: 'pat', status: 200, note: 'an organization through /users' },
    { path: '/users/sim-app[bot]', as: 'pat', status: 200, note: 'a bot' },
    { path: '/users/nobody-here', as: 'pat', status: 404 },
    { path: `/orgs/${org}`, as: 'pat', status: 200 },
    { path: '/orgs/nobody-here', as: 'pat', status: 404 },
    { path: '/user/repos?per_page=100', as: 'pat', status: 200 },
    { path: '/user/repos', as: 'none', status: 401 },
    { path: '/users/octocat/repos', as: 'none', status: 200 },
    { path: `/orgs/${org}/repos?per_page=100`, as: 'pat', status: 200 },
    { path: '/rate_limit', as: 'pat', status: 200 },
    { path: '/rate_limit', as: 'none', status: 200 },
    { path: '/meta', as: 'none', status: 200 },
    { path: '/', as: 'none', status: 200 },
    { path: '/zen', as: 'none', status: 200 },
    // Repositories
    { path: '/repos/octocat/hello-world', as: 'pat', status: 200 },
    { path: '/repos/octocat/hello-world', as: 'none', status: 200 },
    { path: '/repos/octocat/hello-world', as: 'selected-installation', status: 200 },
    { path: `/repos/${org}/infra`, as: 'installation', status: 200, note: 'private' },
    { path: '/repos/octocat/private-repo', as: 'none', status: 404 },
    { path: '/repositories/1296269', as: 'pat', status: 200, note: 'undocumented by GitHub' },
    { path: '/repos/octocat/hello-world/branches', as: 'pat', status: 200 },
    { path: '/repos/octocat/hello-world/branches/main', as: 'pat', status: 200 },
    { path: '/repos/octocat/hello-world/branches/no-such-branch', as: 'pat', status: 404 },
    { path: '/repos/octocat/hello-world/git/ref/heads/main', as: 'pat', status: 200 },
    { path: '/repos/octocat/hello-world/git/ref/heads/no-such-branch', as: 'pat', status: 404 },
    { method: 'POST', path: '/repos/octocat/hello-world/git/refs', as: 'pat', body: () => ({ ref: 'refs/heads/openapi-feature', sha: state.mainSha }), status: 201 },
    { method: 'POST', path: '/repos/octocat/hello-world/git/refs', as: 'pat', body: () => ({ ref: 'refs/heads/openapi-feature', sha: state.mainSha }), status: 422, note: 'exists' },
    { method: 'POST', path: '/repos/octocat/hello-world/git/refs', as: 'pat', body: () => ({ ref: 'refs/heads/openapi-doomed', sha: state.mainSha }), status: 201 },
    { method: 'DELETE', path: '/repos/octocat/hello-world/git/refs/heads/openapi-doomed', as: 'pat', status: 204 },
    { method: 'DELETE', path: '/repos/octocat/hello-world/git/refs/heads/openapi-doomed', as: 'pat', status: 422, note: 'gone' },
    { path: '/repos/octocat/hello-world/commits', as: 'pat', status: 200 },
    { path: '/repos/octocat/hello-world/commits?path=src/hello.js&per_page=1', as: 'selected-installation', status: 200 },
    { path: '/repos/octocat/hello-world/commits/main', as: 'pat', status: 200 },
    { path: () => `/repos/octocat/hello-world/commits/${state.mainSha}`, as: 'pat', status: 200 },
    { path: '/repos/octocat/hello-world/commits/not-a-ref', as: 'pat', status: 422 },
    // Contents
    { path: '/repos/octocat/hello-world/contents/README.md', as: 'pat', status: 200 },
    { path: '/repos/octocat/hello-world/contents/docs', as: 'pat', status: 200, note: 'a directory' },
    { path: '/repos/octocat/hello-world/contents/', as: 'pat', status: 200, note: 'the root' },
    { path: '/repos/octocat/hello-world/contents/nope.md', as: 'pat', status: 404 },
    { path: '/repos/octocat/hello-world/readme', as: 'pat', status: 200 },
    {
      method: 'PUT',
      path: '/repos/octocat/hello-world/contents/openapi/new.md',
      as: 'pat',
      body: { message: 'Add a file', content: Buffer.from('# new\n').toString('base64'), branch: 'openapi-feature' },
      status: 201,
      then: (res) => {
        state.newFileSha = res.json.content.sha;
      },
    },
    {
      method: 'PUT',
      path: '/repos/octocat/hello-world/contents/openapi/new.md',
      as: 'pat',
      body: () => ({ message: 'Update a file', content: Buffer.from('# newer\n').toString('base64'), branch: 'openapi-feature', sha: state.newFileSha }),
      status: 200,
      then: (res) => {
        state.newFileSha = res.json.content.sha;
      },
    },
    { method: 'PUT', path: '/repos/octocat/hello-world/contents/README.md', as: 'pat', body: { message: 'Stale', content: 'eA==', sha: 'f'.repeat(40) }, status: 409 },
    { method: 'PUT', path: '/repos/octocat/hello-world/contents/README.md', as: 'pat', body: { message: 'No sha', content: 'eA==' }, status: 422 },
    // Issues and comments
    { path: '/repos/octocat/hello-world/issues?state=all&per_page=100', as: 'pat', status: 200 },
    { path: '/repos/octocat/hello-world/issues/1', as: 'pat', status: 200 },
    { path: '/repos/octocat/hello-world/issues/3', as: 'pat', status: 200, note: 'a pull request' },
    { path: '/repos/octocat/hello-world/issues/99999', as: 'pat', status: 404 },
    {
      method: 'POST',
      path: '/repos/octocat/hello-world/issues',
      as: 'pat',
      body: { title: 'From the OpenAPI test', body: 'Body', labels: ['bug'], assignees: ['octocat'] },
      status: 201,
      then: (res) => {
        state.issueNumber = res.json.number;
      },
    },
    { method: 'POST', path: '/repos/octocat/hello-world/issues', as: 'selected-installation', body: { title: 'By an App' }, status: 201, note: 'app-authored' },
    { method: 'POST', path: '/repos/octocat/hello-world/issues', as: 'installation', body: { title: 'Not covered' }, status: 404, note: 'not in the installation' },
    { method: 'POST', path: '/repos/octocat/hello-world/issues', as: 'pat', body: { body: 'no title' }, status: 422 },
    { method: 'PATCH', path: () => `/repos/octocat/hello-world/issues/${state.issueNumber}`, as: 'pat', body: { state: 'closed', state_reason: 'not_planned' }, status: 200 },
    { method: 'PATCH', path: '/repos/octocat/hello-world/issues/99999', as: 'pat', body: { title: 'Nobody' }, status: 404 },
    { path: '/repos/octocat/hello-world/issues/1/comments', as: 'pat', status: 200 },
    { method: 'POST', path: () => `/repos/octocat/hello-world/issues/${state.issueNumber}/comments`, as: 'pat', body: { body: 'A comment' }, status: 201 },
    { method: 'POST', path: () => `/repos/octocat/hello-world/issues/${state.issueNumber}/comments`, as: 'pat', body: {}, status: 422 },
    { path: () => `/repos/octocat/hello-world/issues/${state.issueNumber}/comments`, as: 'pat', status: 200 },
    { path: '/repos/octocat/hello-world/labels', as: 'pat', status: 200 },
    // Pull requests
    { path: '/repos/octocat/hello-world/pulls?state=all&per_page=100', as: 'pat', status: 200 },
    { path: `/repos/${org}/api/pulls?state=all`, as: 'pat', status: 200 },
    { path: `/repos/${org}/api/pulls/1`, as: 'pat', status: 200, note: 'mergeable' },
    { path: `/repos/${org}/api/pulls/2`, as: 'pat', status: 200, note: 'conflicting' },
    { path: `/repos/${org}/api/pulls/3`, as: 'pat', status: 200, note: 'draft' },
    { path: `/repos/${org}/api/pulls/4`, as: 'pat', status: 200, note: 'merged' },
    { path: '/repos/octocat/hello-world/pulls/1', as: 'pat', status: 404, note: 'an issue, not a pull' },
    {
      method: 'POST',
      path: '/repos/octocat/hello-world/pulls',
      as: 'pat',
      body: { title: 'OpenAPI feature', head: 'openapi-feature', base: 'main', body: 'Adds a file' },
      status: 201,
      then: (res) => {
        state.pullNumber = res.json.number;
      },
    },
    { method: 'POST', path: '/repos/octocat/hello-world/pulls', as: 'pat', body: { title: 'Again', head: 'openapi-feature', base: 'main' }, status: 422, note: 'exists' },
    { method: 'PATCH', path: () => `/repos/octocat/hello-world/pulls/${state.pullNumber}`, as: 'pat', body: { title: 'OpenAPI feature, renamed' }, status: 200 },
    { path: `/repos/${org}/api/pulls/1/files`, as: 'pat', status: 200 },
    { path: `/repos/${org}/api/pulls/1/commits`, as: 'pat', status: 200 },
    { path: `/repos/${org}/api/pulls/4/merge`, as: 'pat', status: 204 },
    { path: `/repos/${org}/api/pulls/1/merge`, as: 'pat', status: 404 },
    { method: 'PUT', path: `/repos/${org}/api/pulls/3/merge`, as: 'pat', body: {}, status: 405, note: 'draft' },
    { method: 'PUT', path: `/repos/${org}/api/pulls/1/merge`, as: 'pat', body: { sha: 'f'.repeat(40) }, status: 409, note: 'stale head' },
    { method: 'PUT', path: `/repos/${org}/api/pulls/1/merge`, as: 'pat', body: { merge_method: 'squash' }, status: 200 },
    { method: 'PATCH', path: () => `/repos/octocat/hello-world/pulls/${state.pullNumber}`, as: 'pat', body: { state: 'closed' }, status: 200 },
    // Contents deletion (after the pull request used the branch)
    { method: 'DELETE', path: '/repos/octocat/hello-world/contents/openapi/new.md', as: 'pat', body: () => ({ message: 'Remove a file', sha: state.newFileSha, branch: 'openapi-feature' }), status: 200 },
    { method: 'DELETE', path: '/repos/octocat/hello-world/contents/openapi/new.md', as: 'pat', body: () => ({ message: 'Remove it again', sha: state.newFileSha, branch: 'openapi-feature' }), status: 404 },
    // Search
    { path: '/search/issues?q=repo:octocat/hello-world+is:issue+is:open&per_page=50', as: 'pat', status: 200 },
    { path: '/search/issues?q=is:pr+org:sim-org', as: 'pat', status: 200 },
    { path: '/search/issues', as: 'pat', status: 422 },
    { path: '/search/repositories?q=org:sim-org&per_page=100', as: 'pat', status: 200 },
    { path: '/search/repositories?q=hello', as: 'none', status: 200 },
    { path: '/search/users?q=octo', as: 'pat', status: 200 },
    { path: '/search/users?q=type:org', as: 'pat', status: 200 },
  ];

  for (const c of cases) {
    const name = `${c.method ?? 'GET'} ${typeof c.path === 'function' ? c.path.toString().replace(/^\(\)\s*=>\s*`|`$/g, '') : c.path} as ${c.as} -> ${c.status}${c.note ? ` (${c.note})` : ''}`;
    it(name, () => run(c));
  }

  it('the check itself rejects wrong answers (so a pass means something)', async () => {
    const good = (await call(sim, '/repos/octocat/hello-world/issues/1', { auth: auth.pat })).json;
    for (const d of descriptions) {
      const op = d.byShape.get('GET /repos/{}/{}/issues/{}');
      assert.ok(op, `${d.name}: issues/get`);
      const validate = documentedResponse(d, op, 200)?.validate;
      assert.ok(validate);
      assert.ok(validate(good), JSON.stringify(validate.errors));
      const bad = (change: (x: Json) => void) => {
        const copy = structuredClone(good);
        change(copy);
        return validate(copy);
      };
      assert.equal(bad((x) => delete x.number), false, 'missing required field');
      assert.equal(bad((x) => (x.number = '1')), false, 'wrong type');
      assert.equal(bad((x) => (x.title = null)), false, 'null where not nullable');
      assert.equal(bad((x) => (x.user.login = 7)), false, 'wrong type in a $ref-ed schema');
      assert.equal(bad((x) => (x.created_at = 'yesterday')), false, 'format date-time');
      assert.equal(bad((x) => (x.state_reason = 'bored')), false, 'enum');
      assert.equal(bad((x) => (x.closed_at = null)), true, 'nullable');
      assert.equal(bad((x) => (x.state_reason = null)), true, 'nullable enum');
      assert.equal(bad((x) => (x.milestone = null)), true, 'nullable $ref');
    }
  });

  it('covers every documented route the simulator implements', () => {
    const documented: string[] = [];
    const undocumented: string[] = [];
    for (const r of routes.api) {
      const key = `${r.method} ${r.pattern}`;
      const inAny = descriptions.some((d) => d.byShape.has(`${r.method} ${shapeOf(r.pattern)}`));
      (inAny ? documented : undocumented).push(key);
    }
    const missing = documented.filter((k) => !covered.has(k));
    const okStatuses = [...covered.values()].reduce((n, s) => n + s.size, 0);
    console.log(
      `OpenAPI coverage: ${routes.api.length} API routes implemented, ${documented.length} documented by GitHub, ` +
        `${documented.length - missing.length} validated (${okStatuses} operation/status pairs, ${cases.length} requests); ` +
        `undocumented: ${undocumented.join(', ') || 'none'}; OAuth web routes (not in the REST description): ${routes.web.length}; ` +
        `descriptions: ${descriptions.map((d) => `${d.name} (patched: ${d.patched.join(', ') || 'nothing'})`).join('; ')}`,
    );
    assert.deepEqual(missing, [], `routes never validated: ${missing.join(', ')}`);
    assert.deepEqual(undocumented, ['GET /repositories/:id']);
  });
});

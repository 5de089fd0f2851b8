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
    // Not followed: the check is of the simulator's own answer (a 302 to a download URL, say).
    const res = await call(sim, path, { method, auth: c.as === 'none' ? undefined : auth[c.as], body, redirect: 'manual' });
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
    // ---- Git data, compare and tags (git area): one flow on sim-org/api, then the empty repository
    ...((): Case[] => {
      const g: Record<string, string> = {};
      const api = `/repos/${org}/api`;
      const zero = '0'.repeat(40);
      return [
        { path: `${api}/git/ref/heads/main`, as: 'installation', status: 200, then: (res) => void (g.main = res.json.object.sha) },
        { path: `${api}/git/ref/tags/v1.0.0`, as: 'pat', status: 200, note: 'annotated tag', then: (res) => void (g.tagObject = res.json.object.sha) },
        { path: `${api}/git/ref/tags/v1.0.1`, as: 'pat', status: 200, note: 'lightweight tag' },
        { path: `${api}/git/matching-refs/tags/v1`, as: 'pat', status: 200 },
        { path: `${api}/git/matching-refs/heads/nothing-like-this`, as: 'pat', status: 200, note: 'none' },
        { path: () => `${api}/git/tags/${g.tagObject}`, as: 'pat', status: 200 },
        { path: `${api}/git/tags/${zero}`, as: 'pat', status: 404 },
        { method: 'POST', path: `${api}/git/tags`, as: 'installation', body: () => ({ tag: 'v2.0.0', message: 'Two\n', object: g.main, type: 'commit' }), status: 201 },
        { method: 'POST', path: `${api}/git/tags`, as: 'installation', body: { tag: 'v9', message: 'x', object: 'f'.repeat(40), type: 'commit' }, status: 422 },
        { path: `${api}/tags`, as: 'pat', status: 200 },
        { path: () => `${api}/git/commits/${g.main}`, as: 'pat', status: 200, then: (res) => void (g.mainTree = res.json.tree.sha) },
        { path: `${api}/git/commits/${zero}`, as: 'pat', status: 404 },
        {
          path: `${api}/git/trees/main?recursive=1`,
          as: 'pat',
          status: 200,
          then: (res) => {
            g.blob = res.json.tree.find((e: Json) => e.type === 'blob').sha;
            g.subtree = res.json.tree.find((e: Json) => e.type === 'tree').sha;
          },
        },
        { path: () => `${api}/git/trees/${g.subtree}`, as: 'installation', status: 200, note: 'a subtree by sha' },
        { path: `${api}/git/trees/no-such-ref`, as: 'pat', status: 404 },
        { path: () => `${api}/git/blobs/${g.blob}`, as: 'pat', status: 200 },
        { path: `${api}/git/blobs/${zero}`, as: 'pat', status: 404 },
        { method: 'POST', path: `${api}/git/blobs`, as: 'installation', body: { content: 'blob text\n', encoding: 'utf-8' }, status: 201, then: (res) => void (g.newBlob = res.json.sha) },
        { method: 'POST', path: `${api}/git/blobs`, as: 'installation', body: {}, status: 422 },
        {
          method: 'POST',
          path: `${api}/git/trees`,
          as: 'installation',
          body: () => ({
            base_tree: g.mainTree,
            tree: [
              { path: 'openapi/a.txt', mode: '100644', type: 'blob', content: 'a\n' },
              { path: 'openapi/b.txt', mode: '100644', type: 'blob', sha: g.newBlob },
              { path: 'package.json', mode: '100644', type: 'blob', sha: null },
            ],
          }),
          status: 201,
          then: (res) => void (g.newTree = res.json.sha),
        },
        { method: 'POST', path: `${api}/git/trees`, as: 'installation', body: { base_tree: zero, tree: [] }, status: 422 },
        { method: 'POST', path: `${api}/git/commits`, as: 'installation', body: () => ({ message: 'From the Git data API', tree: g.newTree, parents: [g.main] }), status: 201, then: (res) => void (g.newCommit = res.json.sha) },
        { method: 'POST', path: `${api}/git/commits`, as: 'installation', body: { message: 'No tree', tree: zero, parents: [] }, status: 422 },
        { method: 'POST', path: `${api}/git/refs`, as: 'installation', body: () => ({ ref: 'refs/heads/openapi-git', sha: g.main }), status: 201 },
        { method: 'PATCH', path: `${api}/git/refs/heads/openapi-git`, as: 'installation', body: () => ({ sha: g.newCommit }), status: 200 },
        { method: 'PATCH', path: `${api}/git/refs/heads/openapi-git`, as: 'installation', body: () => ({ sha: g.main }), status: 422, note: 'not a fast forward' },
        { path: `${api}/compare/main...openapi-git`, as: 'pat', status: 200 },
        { path: `${api}/compare/v1.0.0...feature-auth?per_page=1`, as: 'installation', status: 200, note: 'from a tag, paged' },
        { path: `${api}/compare/main...no-such-branch`, as: 'pat', status: 404 },
        { method: 'PATCH', path: `${api}/git/refs/heads/openapi-git`, as: 'installation', body: () => ({ sha: g.main, force: true }), status: 200, note: 'forced' },
        { method: 'PATCH', path: `${api}/git/refs/heads/main`, as: 'pat', body: () => ({ sha: g.tagObject, force: true }), status: 422, note: 'a tag object on a branch' },
        { method: 'POST', path: `${api}/git/refs`, as: 'pat', body: () => ({ ref: 'refs/tags/openapi-light', sha: g.main }), status: 201, note: 'a lightweight tag' },
        { method: 'DELETE', path: `${api}/git/refs/tags/openapi-light`, as: 'pat', status: 204 },
        { method: 'DELETE', path: `${api}/git/refs/heads/main`, as: 'pat', status: 422, note: 'the default branch' },
        { method: 'DELETE', path: `/repos/${org}/web/git/refs/heads/release`, as: 'pat', status: 422, note: 'a protected branch' },
        { method: 'DELETE', path: `${api}/git/refs/heads/openapi-git`, as: 'installation', status: 204 },
        { path: `/repos/${org}/web/branches/release`, as: 'pat', status: 200, note: 'protected' },
        { path: `/repos/${org}/web/branches?protected=true`, as: 'pat', status: 200 },
        // sim-org/empty has no commit: GitHub's Git data API refuses until the contents API makes one.
        { path: `/repos/${org}/empty/git/ref/heads/main`, as: 'pat', status: 409 },
        { path: `/repos/${org}/empty/git/matching-refs/heads`, as: 'pat', status: 409 },
        { path: `/repos/${org}/empty/git/trees/main`, as: 'pat', status: 409 },
        { method: 'POST', path: `/repos/${org}/empty/git/blobs`, as: 'installation', body: { content: 'x' }, status: 409 },
        { method: 'POST', path: `/repos/${org}/empty/git/trees`, as: 'installation', body: { tree: [{ path: 'a', mode: '100644', type: 'blob', content: 'a' }] }, status: 409 },
        { method: 'POST', path: `/repos/${org}/empty/git/commits`, as: 'installation', body: { message: 'x', tree: zero }, status: 409 },
        { path: `/repos/${org}/empty/commits`, as: 'pat', status: 409 },
        { path: `/repos/${org}/empty/contents/`, as: 'pat', status: 404, note: 'This repository is empty.' },
        { path: `/repos/${org}/empty/tags`, as: 'pat', status: 200, note: 'none' },
        { path: `/repos/${org}/empty/branches`, as: 'pat', status: 200, note: 'none' },
        { method: 'PUT', path: `/repos/${org}/empty/contents/README.md`, as: 'installation', body: { message: 'First commit', content: Buffer.from('# empty\n').toString('base64') }, status: 201, note: 'the first commit' },
        { path: `/repos/${org}/empty/git/ref/heads/main`, as: 'pat', status: 200, note: 'after the first commit' },
      ];
    })(),
    // Search
    { path: '/search/issues?q=repo:octocat/hello-world+is:issue+is:open&per_page=50', as: 'pat', status: 200 },
    { path: '/search/issues?q=is:pr+org:sim-org', as: 'pat', status: 200 },
    { path: '/search/issues', as: 'pat', status: 422 },
    { path: '/search/repositories?q=org:sim-org&per_page=100', as: 'pat', status: 200 },
    { path: '/search/repositories?q=hello', as: 'none', status: 200 },
    { path: '/search/users?q=octo', as: 'pat', status: 200 },
    { path: '/search/users?q=type:org', as: 'pat', status: 200 },
    // ---- pull request status, updates and searches (statuses, check runs, update-branch, review requests)
    ...((): Case[] => {
      const pullCi: { headSha?: string } = {};
      const onHead = (suffix: string) => () => `/repos/${org}/api/commits/${pullCi.headSha}${suffix}`;
      return [
        { path: `/repos/${org}/api/pulls/2`, as: 'pat', status: 200, note: 'its head carries seeded statuses and check runs', then: (res) => (pullCi.headSha = res.json.head.sha) },
        { path: onHead('/status'), as: 'pat', status: 200, note: 'combined status of a PR head' },
        { path: `/repos/${org}/api/commits/main/status`, as: 'installation', status: 200, note: 'no statuses: pending, none listed' },
        { path: `/repos/${org}/api/commits/no-such-ref/status`, as: 'pat', status: 404 },
        { path: onHead('/statuses'), as: 'pat', status: 200, note: 'statuses of a PR head' },
        { method: 'POST', path: () => `/repos/${org}/api/statuses/${pullCi.headSha}`, as: 'pat', body: { state: 'success', context: 'openapi/ci', description: 'Passed', target_url: 'https://ci.example.com/1' }, status: 201 },
        { method: 'POST', path: () => `/repos/${org}/api/statuses/${pullCi.headSha}`, as: 'installation', body: { state: 'pending' }, status: 201, note: 'by an App, default context' },
        { path: onHead('/check-runs'), as: 'pat', status: 200, note: 'check runs of a PR head' },
        { path: onHead('/check-runs?filter=all&per_page=1'), as: 'installation', status: 200, note: 'all check runs, paged' },
        {
          method: 'POST',
          path: `/repos/${org}/api/check-runs`,
          as: 'installation',
          body: () => ({ name: 'openapi', head_sha: pullCi.headSha, status: 'completed', conclusion: 'neutral', output: { title: 'Nothing to say', summary: 'Neutral.' } }),
          status: 201,
        },
        { method: 'POST', path: `/repos/${org}/api/check-runs`, as: 'installation', body: () => ({ name: 'queued', head_sha: pullCi.headSha }), status: 201, note: 'queued, no output' },
        { method: 'PUT', path: `/repos/${org}/api/pulls/3/update-branch`, as: 'installation', body: {}, status: 202, note: 'behind main' },
        { method: 'PUT', path: `/repos/${org}/api/pulls/3/update-branch`, as: 'pat', body: {}, status: 422, note: 'up to date' },
        { method: 'PUT', path: `/repos/${org}/api/pulls/2/update-branch`, as: 'pat', body: { expected_head_sha: 'f'.repeat(40) }, status: 422, note: 'head moved' },
        { method: 'PUT', path: `/repos/${org}/api/pulls/2/update-branch`, as: 'pat', body: {}, status: 422, note: 'conflict' },
        { method: 'POST', path: `/repos/${org}/api/pulls/2/requested_reviewers`, as: 'pat', body: { reviewers: ['octocat'] }, status: 201 },
        { method: 'POST', path: `/repos/${org}/api/pulls/2/requested_reviewers`, as: 'pat', body: { reviewers: ['monalisa'] }, status: 422, note: 'the author' },
        { path: '/search/issues?q=is:pr+review-requested:octocat+draft:false', as: 'pat', status: 200 },
        { method: 'DELETE', path: `/repos/${org}/api/pulls/2/requested_reviewers`, as: 'pat', body: { reviewers: ['octocat'] }, status: 200 },
        { method: 'DELETE', path: `/repos/${org}/api/pulls/2/requested_reviewers`, as: 'pat', body: {}, status: 422, note: 'no reviewers' },
        { method: 'PATCH', path: `/repos/${org}/api/pulls/2`, as: 'pat', body: { maintainer_can_modify: true }, status: 200 },
        { method: 'PATCH', path: `/repos/${org}/api/pulls/2`, as: 'pat', body: { state: 'merged' }, status: 422, note: 'not a state' },
      ];
    })(),
    // ---- end of pull request status, updates and searches
    // ---- Repositories, releases and teams (repos area): one block
    { path: '/user/repos?visibility=private&affiliation=owner', as: 'pat', status: 200 },
    { path: '/user/repos?type=owner&visibility=all', as: 'pat', status: 422, note: 'type with visibility' },
    { path: '/user/repos', as: 'installation', status: 403, note: 'not for installations' },
    { method: 'POST', path: '/user/repos', as: 'pat', body: { name: 'openapi-created', description: 'Made by the OpenAPI test', private: true, auto_init: true }, status: 201 },
    { method: 'POST', path: '/user/repos', as: 'pat', body: { name: 'openapi-created' }, status: 422, note: 'name exists' },
    { method: 'POST', path: '/user/repos', as: 'installation', body: { name: 'by-an-app' }, status: 403, note: 'no user' },
    { method: 'POST', path: `/orgs/${org}/repos`, as: 'pat', body: { name: 'openapi-org-repo' }, status: 201 },
    { method: 'POST', path: `/orgs/${org}/repos`, as: 'installation', body: { name: 'openapi-app-repo', auto_init: true }, status: 201, note: 'an installation with administration:write' },
    { method: 'POST', path: `/orgs/${org}/repos`, as: 'pat', body: { name: 'api' }, status: 422, note: 'name exists' },
    { method: 'POST', path: `/orgs/${org}/repos`, as: 'selected-installation', body: { name: 'elsewhere' }, status: 403, note: 'installation on another account' },
    { method: 'POST', path: '/repos/hubot/scripts/forks', as: 'pat', body: {}, status: 202 },
    { method: 'POST', path: `/repos/${org}/api/forks`, as: 'installation', body: { organization: org, name: 'api-openapi-fork', default_branch_only: true }, status: 202 },
    { method: 'POST', path: '/repos/octocat/nothing-here/forks', as: 'pat', body: {}, status: 404 },
    { method: 'POST', path: `/repos/${org}/api/forks`, as: 'installation', body: {}, status: 403, note: 'no user to fork to' },
    { path: '/repos/hubot/scripts', as: 'pat', status: 200, note: 'a fork names its parent' },
    { path: '/repos/octocat/scripts', as: 'pat', status: 200, note: 'the fork', then: (res) => assert.equal(res.json.parent?.full_name, 'hubot/scripts') },
    { path: `/repos/${org}/api/collaborators?per_page=100`, as: 'pat', status: 200 },
    { path: `/repos/${org}/api/collaborators?affiliation=direct`, as: 'installation', status: 200 },
    { path: '/repos/octocat/nothing-here/collaborators', as: 'pat', status: 404 },
    { path: `/repos/${org}/api/releases`, as: 'pat', status: 200, note: 'drafts included for push access' },
    { path: '/repos/octocat/hello-world/releases?per_page=2', as: 'selected-installation', status: 200 },
    { path: '/repos/octocat/hello-world/releases/latest', as: 'none', status: 200 },
    { path: '/repos/octocat/private-repo/releases/latest', as: 'pat', status: 404, note: 'no releases' },
    { path: `/repos/${org}/api/releases/tags/v2.0.0-rc.1`, as: 'installation', status: 200, note: 'a prerelease' },
    { path: `/repos/${org}/api/releases/tags/v9.9.9`, as: 'pat', status: 404 },
    { path: `/repos/${org}/api/releases/tags/v2.0.0`, as: 'pat', status: 404, note: 'a draft has no tag yet' },
    { path: '/repos/octocat/nothing-here/releases', as: 'pat', status: 404 },
    { path: '/user/teams', as: 'pat', status: 200 },
    { path: '/user/teams', as: 'installation', status: 403 },
    { path: `/orgs/${org}/teams`, as: 'pat', status: 200 },
    { path: `/orgs/${org}/teams`, as: 'installation', status: 200, note: 'members:read' },
    { path: `/orgs/${org}/teams`, as: 'selected-installation', status: 403, note: 'installation on another account' },
    { path: `/orgs/${org}/teams/core/members`, as: 'pat', status: 200 },
    { path: `/orgs/${org}/teams/core/members?role=maintainer`, as: 'installation', status: 200 },
    { path: '/search/code?q=authenticate+repo:sim-org/api', as: 'pat', status: 200 },
    { path: '/search/code?q=hello+language:javascript', as: 'selected-installation', status: 200 },
    { path: '/search/code?q=repo:sim-org/api', as: 'pat', status: 422, note: 'no search term' },
    { path: '/search/commits?q=repo:sim-org/api+docs', as: 'pat', status: 200 },
    { path: '/search/commits?q=author:octocat&sort=author-date&order=asc', as: 'installation', status: 200 },
    // ---- end of repositories, releases and teams
    // ---- Issue details and sub-issues (issues helper): timelines, milestones, labels by name, issue types, comments by id, sub-issues
    ...((): Case[] => {
      const ids: { comment?: number; sub?: number; two?: number; four?: number } = {};
      const idOf = (key: 'sub' | 'two' | 'four') => (res: CallResult) => {
        ids[key] = res.json.id;
      };
      return [
        { path: '/repos/octocat/hello-world/issues/1/timeline?per_page=100', as: 'pat', status: 200, note: 'events, comments, cross-references' },
        { path: '/repos/octocat/hello-world/issues/3/timeline', as: 'selected-installation', status: 200, note: 'a pull request: commits' },
        { path: `/repos/${org}/api/issues/4/timeline`, as: 'installation', status: 200, note: 'merged' },
        { path: '/repos/octocat/hello-world/issues/99999/timeline', as: 'pat', status: 404 },
        { path: '/repos/octocat/hello-world/milestones?state=all', as: 'pat', status: 200 },
        { path: '/repos/octocat/hello-world/milestones?sort=completeness&direction=desc', as: 'selected-installation', status: 200 },
        { path: '/repos/octocat/nothing-here/milestones', as: 'pat', status: 404 },
        { path: '/repos/octocat/hello-world/labels/BUG', as: 'pat', status: 200, note: 'case-insensitive' },
        { path: '/repos/octocat/hello-world/labels/no-such-label', as: 'pat', status: 404 },
        { path: `/orgs/${org}/issue-types`, as: 'pat', status: 200 },
        { path: `/orgs/${org}/issue-types`, as: 'installation', status: 200 },
        { path: '/orgs/nobody-here/issue-types', as: 'pat', status: 404 },
        { path: '/repos/octocat/hello-world/issues/2/comments', as: 'pat', status: 200, then: (res) => { ids.comment = res.json[0].id; } },
        { path: () => `/repos/octocat/hello-world/issues/comments/${ids.comment}`, as: 'pat', status: 200 },
        { method: 'PATCH', path: () => `/repos/octocat/hello-world/issues/comments/${ids.comment}`, as: 'pat', body: { body: 'Edited, see #1' }, status: 200 },
        { method: 'PATCH', path: () => `/repos/octocat/hello-world/issues/comments/${ids.comment}`, as: 'pat', body: {}, status: 422 },
        { path: '/repos/octocat/hello-world/issues/comments/1', as: 'pat', status: 404 },
        { method: 'PATCH', path: '/repos/octocat/hello-world/issues/2', as: 'pat', body: { milestone: 3 }, status: 200, note: 'milestone set' },
        { method: 'PATCH', path: '/repos/octocat/hello-world/issues/2', as: 'pat', body: { milestone: 999 }, status: 422, note: 'no such milestone' },
        { path: '/repos/octocat/hello-world/issues/1/sub_issues', as: 'pat', status: 200 },
        { path: '/repos/octocat/hello-world/issues/12', as: 'pat', status: 200, then: idOf('sub') },
        { path: '/repos/octocat/hello-world/issues/2', as: 'pat', status: 200, then: idOf('two') },
        { path: '/repos/octocat/hello-world/issues/4', as: 'pat', status: 200, then: idOf('four') },
        { method: 'POST', path: '/repos/octocat/hello-world/issues/10/sub_issues', as: 'pat', body: () => ({ sub_issue_id: ids.sub }), status: 201 },
        { method: 'POST', path: '/repos/octocat/hello-world/issues/11/sub_issues', as: 'pat', body: () => ({ sub_issue_id: ids.sub }), status: 422, note: 'already has a parent' },
        { method: 'POST', path: '/repos/octocat/hello-world/issues/11/sub_issues', as: 'selected-installation', body: () => ({ sub_issue_id: ids.sub, replace_parent: true }), status: 201, note: 'moved' },
        { method: 'POST', path: '/repos/octocat/hello-world/issues/12/sub_issues', as: 'pat', body: () => ({ sub_issue_id: ids.sub }), status: 422, note: 'itself' },
        { method: 'POST', path: '/repos/octocat/hello-world/issues/11/sub_issues', as: 'pat', body: { sub_issue_id: 1 }, status: 404, note: 'no such issue' },
        { method: 'PATCH', path: '/repos/octocat/hello-world/issues/1/sub_issues/priority', as: 'pat', body: () => ({ sub_issue_id: ids.four, before_id: ids.two }), status: 200 },
        { method: 'PATCH', path: '/repos/octocat/hello-world/issues/1/sub_issues/priority', as: 'pat', body: () => ({ sub_issue_id: ids.four, before_id: ids.two, after_id: ids.two }), status: 422, note: 'both anchors' },
        { method: 'PATCH', path: '/repos/octocat/hello-world/issues/1/sub_issues/priority', as: 'pat', body: () => ({ sub_issue_id: ids.sub, after_id: ids.two }), status: 404, note: 'not a sub-issue here' },
        { method: 'DELETE', path: '/repos/octocat/hello-world/issues/11/sub_issue', as: 'pat', body: () => ({ sub_issue_id: ids.sub }), status: 200 },
        { method: 'DELETE', path: '/repos/octocat/hello-world/issues/11/sub_issue', as: 'pat', body: () => ({ sub_issue_id: ids.sub }), status: 404, note: 'gone' },
        { method: 'DELETE', path: '/repos/octocat/hello-world/issues/11/sub_issue', as: 'pat', body: {}, status: 400, note: 'no sub_issue_id' },
        {
          path: '/repos/octocat/hello-world/issues/12/timeline',
          as: 'pat',
          status: 200,
          note: 'parent_issue_added/removed',
          then: (res) => assert.deepEqual(res.json.filter((e: Json) => /parent_issue/.test(e.event)).map((e: Json) => `${e.event} #${e.parent_issue.number}`), ['parent_issue_added #10', 'parent_issue_removed #10', 'parent_issue_added #11', 'parent_issue_removed #11']),
        },
      ];
    })(),
    // ---- end of issue details and sub-issues
    // ---- GitHub Actions (actions area): workflows, runs, jobs, logs, artifacts, dispatch, re-runs, cancel on sim-org/api.
    // Only statuses the operations document (their 403/404/422 are not; the server tests drive those).
    ...((): Case[] => {
      const a: { runId?: number } = {};
      const actions = `/repos/${org}/api/actions`;
      return [
        { path: `${actions}/workflows`, as: 'pat', status: 200, then: (res) => assert.equal(res.json.total_count, 2) },
        { path: `${actions}/workflows/ci.yml/runs?per_page=2`, as: 'installation', status: 200, note: 'by file name' },
        { path: `${actions}/runs?status=failure`, as: 'pat', status: 200, then: (res) => assert.deepEqual(res.json.workflow_runs.map((r: Json) => r.id), [30433644]) },
        { path: `${actions}/runs?branch=feature-auth&event=pull_request&actor=monalisa`, as: 'installation', status: 200 },
        { path: `${actions}/runs/30433644`, as: 'pat', status: 200 },
        { path: `${actions}/runs/30433644/jobs`, as: 'installation', status: 200 },
        { path: `${actions}/runs/30433644/jobs?filter=all`, as: 'pat', status: 200 },
        { path: `${actions}/runs/30433644/artifacts`, as: 'pat', status: 200 },
        { path: `${actions}/artifacts/12/zip`, as: 'pat', status: 302, then: (res) => assert.match(res.headers.get('location') ?? '', /sig=/) },
        { path: `${actions}/artifacts/13/zip`, as: 'pat', status: 410, note: 'expired' },
        { path: `${actions}/jobs/399444495/logs`, as: 'installation', status: 302, then: (res) => assert.match(res.headers.get('location') ?? '', /\/actions-results\/logs\/399444495\.txt\?/) },
        { method: 'POST', path: `${actions}/workflows/ci.yml/dispatches`, as: 'pat', body: { ref: 'main', inputs: { level: 'debug' } }, status: 204 },
        { path: `${actions}/runs?event=workflow_dispatch`, as: 'pat', status: 200, then: (res) => (a.runId = res.json.workflow_runs[0].id) },
        { method: 'POST', path: () => `${actions}/runs/${a.runId}/cancel`, as: 'installation', body: {}, status: 202 },
        { method: 'POST', path: () => `${actions}/runs/${a.runId}/cancel`, as: 'pat', body: {}, status: 409, note: 'completed' },
        { method: 'POST', path: `${actions}/runs/30433644/rerun-failed-jobs`, as: 'pat', body: {}, status: 201 },
        { method: 'POST', path: `${actions}/runs/30433642/rerun`, as: 'installation', body: {}, status: 201 },
      ];
    })(),
    // ---- end of GitHub Actions
    // Reviews (pull request reviews, review comments, replies): sim-org/api#2 is monalisa's and open; #4 is octocat's.
    ...((): Case[] => {
      const r: { commentId?: number; submittedId?: number; pendingId?: number } = {};
      const reviews = `/repos/${org}/api/pulls/2/reviews`;
      return [
        { method: 'POST', path: reviews, as: 'pat', body: { event: 'COMMENT', body: 'Notes', comments: [{ path: 'README.md', line: 3, body: 'Shorter?' }, { path: 'README.md', line: 1, start_line: 1, side: 'RIGHT', body: 'Title' }] }, status: 200, then: (res) => (r.submittedId = res.json.id) },
        { method: 'POST', path: reviews, as: 'pat', body: { event: 'COMMENT', body: 'x', comments: [{ path: 'README.md', line: 99, body: 'Past the end' }] }, status: 422, note: 'line not in the diff' },
        { method: 'POST', path: `/repos/${org}/api/pulls/4/reviews`, as: 'pat', body: { event: 'APPROVE' }, status: 422, note: 'own pull request' },
        { method: 'POST', path: reviews, as: 'pat', body: { body: 'Later', comments: [{ path: 'README.md', line: 3, body: 'Pending note' }] }, status: 200, note: 'pending', then: (res) => (r.pendingId = res.json.id) },
        { path: reviews, as: 'pat', status: 200 },
        { path: reviews, as: 'installation', status: 200, note: 'another\'s pending review is not listed' },
        { path: () => `${reviews}/${r.pendingId}`, as: 'pat', status: 200 },
        { path: `${reviews}/1`, as: 'pat', status: 404 },
        { method: 'POST', path: () => `${reviews}/${r.pendingId}/events`, as: 'pat', body: { event: 'REQUEST_CHANGES', body: 'Please shorten it' }, status: 200 },
        { method: 'POST', path: () => `${reviews}/${r.submittedId}/events`, as: 'pat', body: { event: 'APPROVE' }, status: 422, note: 'not pending' },
        { method: 'POST', path: `${reviews}/1/events`, as: 'pat', body: { event: 'APPROVE' }, status: 404 },
        { method: 'POST', path: reviews, as: 'pat', body: {}, status: 200, note: 'pending, to delete', then: (res) => (r.pendingId = res.json.id) },
        { method: 'DELETE', path: () => `${reviews}/${r.pendingId}`, as: 'pat', status: 200 },
        { method: 'DELETE', path: () => `${reviews}/${r.submittedId}`, as: 'pat', status: 422, note: 'not pending' },
        { method: 'DELETE', path: () => `${reviews}/${r.pendingId}`, as: 'pat', status: 404, note: 'already deleted' },
        { path: `/repos/${org}/api/pulls/2/comments`, as: 'pat', status: 200, then: (res) => (r.commentId = res.json[0].id) },
        { method: 'POST', path: () => `/repos/${org}/api/pulls/2/comments/${r.commentId}/replies`, as: 'pat', body: { body: 'Agreed' }, status: 201 },
        { method: 'POST', path: `/repos/${org}/api/pulls/2/comments/1/replies`, as: 'pat', body: { body: 'To nothing' }, status: 404 },
        { method: 'POST', path: `/repos/${org}/api/pulls/2/comments`, as: 'installation', body: () => ({ body: 'Threaded', in_reply_to: r.commentId }), status: 201, note: 'reply by in_reply_to' },
        { method: 'POST', path: `/repos/${org}/api/pulls/2/comments`, as: 'pat', body: { body: 'Single', path: 'README.md', line: 3 }, status: 201 },
        { method: 'POST', path: `/repos/${org}/api/pulls/2/comments`, as: 'pat', body: { body: 'Nowhere', path: 'nope.md', line: 1 }, status: 422 },
        { method: 'POST', path: '/repos/octocat/hello-world/pulls/3/reviews', as: 'selected-installation', body: { event: 'COMMENT', body: 'x' }, status: 403, note: 'pull_requests:read' },
      ];
    })(),
    // ---- Security (issue 8: code scanning, secret scanning, Dependabot, advisories); sim-org/web has them switched off
    { path: `/repos/${org}/api/code-scanning/alerts?per_page=2`, as: 'pat', status: 200, note: 'paged' },
    { path: `/repos/${org}/api/code-scanning/alerts?state=dismissed&tool_name=CodeQL`, as: 'installation', status: 200 },
    { path: `/repos/${org}/api/code-scanning/alerts/2`, as: 'pat', status: 200, note: 'dismissed' },
    { path: `/repos/${org}/api/code-scanning/alerts/99`, as: 'pat', status: 404 },
    { path: `/repos/${org}/web/code-scanning/alerts`, as: 'pat', status: 403, note: 'code scanning off' },
    { path: '/repos/octocat/hello-world/code-scanning/alerts', as: 'selected-installation', status: 403, note: 'no security_events' },
    { path: '/repos/octocat/hello-world/code-scanning/alerts/1', as: 'pat', status: 200 },
    { path: `/repos/${org}/api/secret-scanning/alerts`, as: 'pat', status: 200 },
    { path: `/repos/${org}/api/secret-scanning/alerts?state=resolved&hide_secret=true`, as: 'installation', status: 200, note: 'hidden secrets' },
    { path: `/repos/${org}/api/secret-scanning/alerts/2`, as: 'pat', status: 200, note: 'resolved' },
    { path: `/repos/${org}/api/secret-scanning/alerts/9`, as: 'pat', status: 404 },
    { path: `/repos/${org}/web/secret-scanning/alerts`, as: 'pat', status: 404, note: 'secret scanning off' },
    { path: `/repos/${org}/api/dependabot/alerts?per_page=2`, as: 'pat', status: 200, note: 'cursor paged' },
    { path: `/repos/${org}/api/dependabot/alerts?state=dismissed,fixed&severity=medium`, as: 'installation', status: 200 },
    { path: `/repos/${org}/api/dependabot/alerts/2`, as: 'pat', status: 200, note: 'dismissed' },
    { path: `/repos/${org}/api/dependabot/alerts/3`, as: 'installation', status: 200, note: 'fixed' },
    { path: `/repos/${org}/api/dependabot/alerts/99`, as: 'pat', status: 404 },
    { path: `/repos/${org}/web/dependabot/alerts`, as: 'pat', status: 403, note: 'Dependabot off' },
    { path: `/repos/${org}/web/dependabot/alerts/1`, as: 'pat', status: 403, note: 'Dependabot off' },
    { path: `/repos/${org}/api/dependabot/alerts?page=2`, as: 'pat', status: 400, note: 'no page parameter' },
    { path: '/advisories', as: 'none', status: 200 },
    { path: '/advisories?type=malware', as: 'pat', status: 200 },
    { path: '/advisories?ecosystem=npm&severity=critical&per_page=1', as: 'none', status: 200, note: 'cursor paged' },
    { path: '/advisories/GHSA-jf85-cpcp-j695', as: 'none', status: 200 },
    { path: '/advisories/GHSA-9c47-m6qq-7p4h', as: 'pat', status: 200, note: 'withdrawn' },
    { path: '/advisories/GHSA-xxxx-xxxx-xxxx', as: 'none', status: 404 },
    { path: `/repos/${org}/api/security-advisories`, as: 'pat', status: 200 },
    { path: `/repos/${org}/api/security-advisories?state=published`, as: 'installation', status: 200 },
    { path: `/repos/${org}/nope/security-advisories`, as: 'pat', status: 404 },
    { path: `/repos/${org}/api/security-advisories?state=bogus`, as: 'pat', status: 400 },
    { path: `/orgs/${org}/security-advisories`, as: 'pat', status: 200 },
    { path: `/orgs/${org}/security-advisories?sort=published&direction=asc`, as: 'installation', status: 200 },
    { path: '/orgs/nobody-here/security-advisories', as: 'pat', status: 404 },
    // ---- end of security
    // ---- Notifications, labels, milestones and release writes (issue 8: notify area): one block
    ...((): Case[] => {
      const n: { release?: number; draft?: number } = {};
      const rel = `/repos/${org}/api/releases`;
      return [
        { path: '/notifications?all=true', as: 'pat', status: 200, then: (res) => assert.deepEqual(res.json.map((t: Json) => t.id), ['700012', '700011']) },
        { path: '/notifications?participating=true&since=2023-12-01T00:00:00Z&before=2030-01-01T00:00:00Z', as: 'pat', status: 200 },
        { path: '/notifications', as: 'installation', status: 403, note: 'not for installations' },
        { path: '/notifications', as: 'none', status: 401 },
        { path: '/notifications?since=yesterday', as: 'pat', status: 422 },
        { path: '/repos/octocat/hello-world/notifications', as: 'pat', status: 200 },
        { path: '/notifications/threads/700011', as: 'pat', status: 200 },
        { path: '/notifications/threads/700011', as: 'selected-installation', status: 403 },
        { method: 'PATCH', path: '/notifications/threads/700011', as: 'pat', status: 205 },
        { path: '/notifications/threads/700011/subscription', as: 'pat', status: 200 },
        { method: 'PUT', path: '/notifications/threads/700011/subscription', as: 'pat', body: { ignored: true }, status: 200, then: (res) => assert.equal(res.json.ignored, true) },
        { method: 'DELETE', path: '/notifications/threads/700011/subscription', as: 'pat', status: 204 },
        { method: 'DELETE', path: '/notifications/threads/700011', as: 'pat', status: 204 },
        { method: 'PUT', path: '/repos/octocat/hello-world/notifications', as: 'pat', body: { last_read_at: '2030-01-01T00:00:00Z' }, status: 205 },
        { method: 'PUT', path: '/notifications', as: 'pat', body: {}, status: 205 },
        { method: 'PUT', path: '/notifications', as: 'installation', body: {}, status: 403 },
        { path: '/repos/octocat/hello-world/subscription', as: 'pat', status: 200, note: 'watching' },
        { path: `/repos/${org}/api/subscription`, as: 'installation', status: 403 },
        { method: 'PUT', path: `/repos/${org}/api/subscription`, as: 'pat', body: { ignored: true }, status: 200 },
        { method: 'DELETE', path: `/repos/${org}/api/subscription`, as: 'pat', status: 204 },
        { path: `/repos/${org}/api/subscription`, as: 'pat', status: 404, note: 'not watching' },
        { method: 'POST', path: '/repos/octocat/hello-world/labels', as: 'pat', body: { name: 'openapi-label', color: 'ff0000', description: 'Made by the OpenAPI test' }, status: 201 },
        { method: 'POST', path: '/repos/octocat/hello-world/labels', as: 'selected-installation', body: { name: 'OPENAPI-label' }, status: 422, note: 'name exists' },
        { method: 'PATCH', path: '/repos/octocat/hello-world/labels/openapi-label', as: 'selected-installation', body: { new_name: 'openapi-renamed', color: '00ff00' }, status: 200 },
        { method: 'DELETE', path: '/repos/octocat/hello-world/labels/openapi-renamed', as: 'pat', status: 204 },
        { method: 'POST', path: '/repos/octocat/hello-world/milestones', as: 'pat', body: { title: 'openapi-milestone', due_on: '2030-01-01T00:00:00Z' }, status: 201 },
        { method: 'POST', path: '/repos/octocat/hello-world/milestones', as: 'pat', body: { title: 'openapi-milestone' }, status: 422, note: 'title exists' },
        { method: 'PATCH', path: '/repos/octocat/hello-world/milestones/1', as: 'selected-installation', body: { state: 'closed', description: 'Closed by the OpenAPI test' }, status: 200 },
        { method: 'POST', path: rel, as: 'pat', body: { tag_name: 'v3.0.0', name: 'Third', body: 'Notes', prerelease: true }, status: 201, then: (res) => (n.release = res.json.id) },
        { method: 'POST', path: rel, as: 'installation', body: { tag_name: 'v3.0.1', draft: true }, status: 201, then: (res) => (n.draft = res.json.id) },
        { method: 'POST', path: rel, as: 'pat', body: { tag_name: 'v3.0.0' }, status: 422, note: 'tag has a release' },
        { method: 'POST', path: rel, as: 'pat', body: { tag_name: 'rel/ü#1%' }, status: 201, note: 'a tag that needs encoding in URLs' },
        { path: () => `${rel}/${n.release}`, as: 'pat', status: 200 },
        { method: 'PATCH', path: () => `${rel}/${n.draft}`, as: 'pat', body: { draft: false, name: 'Published' }, status: 200, then: (res) => assert.equal(res.json.draft, false) },
        { method: 'DELETE', path: () => `${rel}/${n.release}`, as: 'installation', status: 204 },
      ];
    })(),
    ...((): Case[] => [
      { path: `/orgs/${org}/members?role=admin`, as: 'pat', status: 200, then: (res) => assert.deepEqual(res.json.map((u: Json) => u.login), ['octocat']) },
      { path: `/orgs/${org}/members`, as: 'installation', status: 200 },
      { path: `/orgs/${org}/members?role=owner`, as: 'pat', status: 422, note: 'no such role' },
      { path: '/user/starred?sort=created&direction=asc', as: 'pat', status: 200, then: (res) => assert.deepEqual(res.json.map((r: Json) => r.full_name).sort(), ['hubot/scripts', 'sim-org/api']) },
      { path: '/users/octocat/starred', as: 'installation', status: 200 },
      { path: '/user/starred/sim-org/api', as: 'pat', status: 204 },
      { path: '/user/starred/sim-org/web', as: 'pat', status: 404, note: 'not starred' },
      { method: 'PUT', path: '/user/starred/sim-org/web', as: 'pat', status: 204 },
      { method: 'DELETE', path: '/user/starred/sim-org/web', as: 'pat', status: 204 },
      { method: 'PUT', path: '/user/starred/sim-org/web', as: 'installation', status: 403 },
      { method: 'PUT', path: '/user/starred/octocat/nothing-here', as: 'pat', status: 404 },
    ])(),
    // ---- end of notifications, labels, milestones and release writes
    // ---- Gists (issue 8: gists area): one block
    ...((): Case[] => {
      const g: { secret?: string; big?: string } = {};
      return [
        { path: '/gists', as: 'pat', status: 200, then: (res) => assert.deepEqual(res.json.map((x: Json) => x.owner.login), ['octocat']) },
        { path: '/gists', as: 'none', status: 200, note: 'public gists', then: (res) => assert.ok(res.json.every((x: Json) => x.public === true) && res.json.length === 3) },
        { path: '/gists?since=2000-01-01T00:00:00Z', as: 'u2s', status: 200 },
        { path: '/gists', as: 'installation', status: 403, note: 'not for installations' },
        {
          path: '/users/monalisa/gists?per_page=1',
          as: 'pat',
          status: 200,
          note: 'paged; secret ones hidden',
          then: (res) => {
            assert.equal(res.json.length, 1);
            assert.match(res.headers.get('link') ?? '', /page=2>; rel="next".*page=2>; rel="last"/);
            g.big = res.json[0].id;
            assert.equal(res.json[0].files['build.log'].content, undefined, 'no content in lists');
          },
        },
        { path: '/users/monalisa/gists?since=yesterday', as: 'pat', status: 422 },
        { path: () => `/gists/${g.big}`, as: 'none', status: 200, note: 'over 1 MB', then: (res) => assert.equal(res.json.files['build.log'].truncated, true) },
        { method: 'POST', path: '/gists', as: 'u2s', body: { description: 'From the OpenAPI test', public: false, files: { 'a.txt': { content: 'a\n' }, 'b.md': { content: '# b\n' } } }, status: 201, then: (res) => (g.secret = res.json.id) },
        { path: () => `/gists/${g.secret}`, as: 'none', status: 200, note: 'secret, by id' },
        { path: () => `/gists/${g.secret}`, as: 'selected-installation', status: 403 },
        { path: '/gists/0123456789abcdef0123456789abcdef', as: 'pat', status: 404 },
        { method: 'POST', path: '/gists', as: 'u2s', body: { files: {} }, status: 422, note: 'no files' },
        { method: 'POST', path: '/gists', as: 'pat', body: { files: { 'a.txt': { content: 'a' } } }, status: 404, note: 'no gist scope' },
        { method: 'POST', path: '/gists', as: 'installation', body: { files: { 'a.txt': { content: 'a' } } }, status: 403 },
        {
          method: 'PATCH',
          path: () => `/gists/${g.secret}`,
          as: 'u2s',
          body: () => ({ description: 'Changed', files: { 'a.txt': { filename: 'c.txt' }, 'b.md': null, 'd.txt': { content: 'd\n' } } }),
          status: 200,
          then: (res) => assert.deepEqual(Object.keys(res.json.files), ['c.txt', 'd.txt']),
        },
        { method: 'PATCH', path: () => `/gists/${g.secret}`, as: 'u2s', body: { files: { 'nope.txt': null } }, status: 422, note: 'no such file' },
        { method: 'PATCH', path: '/gists/0123456789abcdef0123456789abcdef', as: 'u2s', body: { description: 'x' }, status: 404 },
      ];
    })(),
    // ---- end of gists
    // ---- Projects v2 (issue 8: projects area): sim-org project #1 and octocat's project #1 (routes/projects.ts).
    // 'u2s' is octocat as a user (the 'pat' has no project scope: 403); 'installation' is sim-org's (organization_projects: write).
    ...((): Case[] => {
      const p: { next?: string; item?: number; userItem?: number; draft?: number } = {};
      const orgP = `/orgs/${org}/projectsV2`;
      const userP = '/users/octocat/projectsV2';
      const F = { status: 300002, notes: 300004, estimate: 300005, due: 300006, sprint: 300007, title: 300001 };
      return [
        { path: orgP, as: 'u2s', status: 200, then: (res) => assert.deepEqual(res.json.map((x: Json) => x.title), ['Roadmap']) },
        { path: orgP, as: 'installation', status: 200 },
        { path: orgP, as: 'pat', status: 403, note: 'no read:project scope' },
        { path: orgP, as: 'none', status: 401 },
        { path: userP, as: 'u2s', status: 200 },
        { path: userP, as: 'installation', status: 403, note: 'user projects refuse installations' },
        { path: `${orgP}/1`, as: 'u2s', status: 200 },
        { path: `${userP}/1`, as: 'u2s', status: 200 },
        { path: `${orgP}/1/fields?per_page=4`, as: 'installation', status: 200, then: (res) => (p.next = /after=([^&>]+)/.exec(res.headers.get('link') ?? '')?.[1]) },
        { path: () => `${orgP}/1/fields?per_page=4&after=${p.next}`, as: 'installation', status: 200, note: 'next page', then: (res) => assert.match(res.headers.get('link') ?? '', /rel="prev"/) },
        { path: `${userP}/1/fields`, as: 'u2s', status: 200 },
        { path: `${orgP}/1/items`, as: 'u2s', status: 200, note: 'title only', then: (res) => assert.deepEqual(res.json[0].fields.map((f: Json) => f.name), ['Title']) },
        { path: `${orgP}/1/items?fields=${F.status},${F.notes},${F.estimate},${F.due},${F.sprint},300003,300008,300009,300010`, as: 'installation', status: 200, note: 'every field type', then: (res) => (p.item = res.json[0].id) },
        { path: `${orgP}/1/items?per_page=2&fields[]=${F.status}&fields[]=${F.title}`, as: 'u2s', status: 200, note: 'fields[] and a cursor page' },
        { path: `${userP}/1/items`, as: 'u2s', status: 200, then: (res) => ((p.userItem = res.json[0].id), (p.draft = res.json[2].id)) },
        { path: `${orgP}/1/items?q=${encodeURIComponent('is:open -is:draft status:Todo')}`, as: 'u2s', status: 200, note: 'filtered', then: (res) => assert.deepEqual(res.json.map((x: Json) => x.content.number), [5]) },
        { path: () => `${orgP}/1/items/${p.item}?fields=${F.status}`, as: 'u2s', status: 200 },
        { path: () => `${userP}/1/items/${p.draft}`, as: 'u2s', status: 200, note: 'a draft' },
        { method: 'POST', path: `${orgP}/1/items`, as: 'u2s', body: { type: 'PullRequest', owner: org, repo: 'api', number: 2 }, status: 201 },
        { method: 'POST', path: `${userP}/1/items`, as: 'u2s', body: { type: 'Issue', owner: 'octocat', repo: 'hello-world', number: 2 }, status: 201 },
        { method: 'PATCH', path: () => `${orgP}/1/items/${p.item}`, as: 'installation', body: { fields: [{ id: F.notes, value: 'From the OpenAPI test' }, { id: F.estimate, value: 8 }] }, status: 200 },
        { method: 'PATCH', path: () => `${orgP}/1/items/${p.item}`, as: 'u2s', body: { fields: [{ id: F.status, value: 'st-done' }, { id: F.sprint, value: 'it-2' }, { id: F.due, value: null }] }, status: 200 },
        { method: 'PATCH', path: () => `${orgP}/1/items/${p.item}`, as: 'u2s', body: { fields: [{ id: F.estimate, value: 'many' }] }, status: 422, note: 'a string for a number field' },
        { method: 'PATCH', path: () => `${orgP}/1/items/${p.item}`, as: 'u2s', body: { fields: [{ id: F.status, value: 'nope' }] }, status: 422, note: 'no such option' },
        { method: 'PATCH', path: `${orgP}/1/items/1`, as: 'u2s', body: { fields: [{ id: F.notes, value: 'x' }] }, status: 404 },
        { method: 'PATCH', path: () => `${userP}/1/items/${p.userItem}`, as: 'u2s', body: { fields: [{ id: 300102, value: 'ust-later' }, { id: 300103, value: null }] }, status: 200, note: 'select and clear' },
        { method: 'DELETE', path: () => `${userP}/1/items/${p.userItem}`, as: 'u2s', status: 204 },
        { method: 'DELETE', path: () => `${orgP}/1/items/${p.item}`, as: 'pat', status: 403, note: 'no project scope' },
      ];
    })(),
    // ---- end of Projects v2
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

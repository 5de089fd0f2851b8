import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type Simulator } from '../../simulator';
import { githubSchema } from '../../simulator/graphql/schema';
import { mintToken } from './helpers';

// The simulator's GraphQL endpoint: GitHub's schema, executed; the same tokens, coverage and
// rate-limit metering as REST; mutations change what REST shows.

interface GqlAnswer {
  data?: any;
  errors?: Array<{ type?: string; message: string; path?: unknown[]; locations?: unknown[]; extensions?: Record<string, unknown> }>;
}

describe('simulator: POST /api/graphql', () => {
  let sim: Simulator;
  let octocat: string;

  before(async () => {
    sim = await startSimulator();
    octocat = sim.createPersonalToken('octocat', { scopes: ['repo'] });
  });
  after(() => sim.close());

  async function gql(query: string, variables: Record<string, unknown> = {}, token: string | null = octocat): Promise<{ status: number; headers: Headers; body: GqlAnswer }> {
    const res = await fetch(`${sim.origin}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as GqlAnswer };
  }

  async function rest(method: string, path: string, body?: unknown, token = octocat): Promise<{ status: number; json: any }> {
    const res = await fetch(`${sim.apiUrl}${path}`, { method, headers: { authorization: `token ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: res.status === 204 ? undefined : await res.json() };
  }

  const THREADS = `query($owner: String!, $name: String!, $number: Int!, $first: Int, $after: String) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        id number isDraft
        reviewThreads(first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { id isResolved isOutdated path line resolvedBy { login } comments(first: 10) { nodes { id databaseId body author { login } createdAt path line url } } }
        }
      }
    }
  }`;

  it('builds GitHub\'s schema once per process and says what it cost', () => {
    const first = githubSchema();
    assert.equal(githubSchema(), first, 'cached');
    assert.ok(first.schema.getMutationType()?.getFields().resolveReviewThread);
    assert.ok(first.buildCostMs > 0);
    console.log(`# GitHub GraphQL schema built in ${Math.round(first.buildCostMs)} ms`);
  });

  it('answers a valid query with review threads whose ids and database ids match REST', async () => {
    const created = await rest('POST', '/repos/sim-org/api/pulls/1/reviews', {
      event: 'COMMENT',
      body: 'Two notes',
      comments: [
        { path: 'src/auth.ts', line: 2, body: 'Trim first?' },
        { path: 'src/index.ts', line: 1, start_line: 1, body: 'Import.' },
      ],
    });
    assert.equal(created.status, 200);
    const pull = await rest('GET', '/repos/sim-org/api/pulls/1');
    const comments = (await rest('GET', '/repos/sim-org/api/pulls/1/comments')).json as Array<{ id: number; node_id: string }>;
    const { status, headers, body } = await gql(THREADS, { owner: 'sim-org', name: 'api', number: 1, first: 10 });
    assert.equal(status, 200);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    assert.equal(headers.get('x-ratelimit-resource'), 'graphql');
    assert.ok(Number(headers.get('x-ratelimit-remaining')) < 5000);
    const limits = await rest('GET', '/rate_limit');
    assert.equal(limits.json.resources.graphql.remaining, Number(headers.get('x-ratelimit-remaining')), '/rate_limit reports the same graphql window');
    const pr = body.data.repository.pullRequest;
    assert.equal(pr.id, pull.json.node_id, 'PullRequest.id is REST node_id');
    assert.equal(pr.isDraft, false);
    assert.equal(pr.reviewThreads.totalCount, 2);
    const [auth] = pr.reviewThreads.nodes;
    assert.deepEqual([auth.path, auth.line, auth.isResolved, auth.isOutdated, auth.resolvedBy], ['src/auth.ts', 2, false, false, null]);
    assert.equal(auth.comments.nodes[0].databaseId, comments[0].id);
    assert.equal(auth.comments.nodes[0].id, comments[0].node_id);
    assert.equal(auth.comments.nodes[0].author.login, 'octocat');
    assert.match(auth.comments.nodes[0].url, /\/sim-org\/api\/pull\/1#discussion_r\d+$/);

    const node = await gql('query($id: ID!) { node(id: $id) { __typename ... on PullRequestReviewThread { path } } }', { id: auth.id });
    assert.deepEqual(node.body.data, { node: { __typename: 'PullRequestReviewThread', path: 'src/auth.ts' } });

    const page = await gql(THREADS, { owner: 'sim-org', name: 'api', number: 1, first: 1 });
    assert.equal(page.body.data.repository.pullRequest.reviewThreads.pageInfo.hasNextPage, true);
    const next = await gql(THREADS, { owner: 'sim-org', name: 'api', number: 1, first: 1, after: page.body.data.repository.pullRequest.reviewThreads.pageInfo.endCursor });
    assert.equal(next.body.data.repository.pullRequest.reviewThreads.nodes[0].path, 'src/index.ts');
    assert.equal(next.body.data.repository.pullRequest.reviewThreads.pageInfo.hasNextPage, false);
  });

  it('rejects what GitHub would reject: unknown fields, bad arguments, syntax, missing pagination', async () => {
    const unknown = await gql('{ repository(owner: "sim-org", name: "api") { pullRequest(number: 1) { notAField } } }');
    assert.equal(unknown.status, 200);
    assert.equal(unknown.body.data, undefined, 'a document that fails validation runs nothing');
    assert.match(unknown.body.errors?.[0].message ?? '', /Cannot query field "notAField" on type "PullRequest"/);
    assert.ok(unknown.body.errors?.[0].locations);
    const wrongArg = await gql('{ repository(owner: "sim-org", name: "api") { pullRequest(number: "one") { id } } }');
    assert.match(wrongArg.body.errors?.[0].message ?? '', /Int cannot represent non-integer value/);
    const syntax = await gql('{ repository(owner: "sim-org" ');
    assert.match(syntax.body.errors?.[0].message ?? '', /Syntax Error/);
    const noFirst = await gql(THREADS, { owner: 'sim-org', name: 'api', number: 1 });
    assert.equal(noFirst.body.errors?.[0].type, 'MISSING_PAGINATION_BOUNDARIES');
    assert.match(noFirst.body.errors?.[0].message ?? '', /You must provide a `first` or `last` value to properly paginate the `reviewThreads` connection/);
    const tooMany = await gql(THREADS, { owner: 'sim-org', name: 'api', number: 1, first: 101 });
    assert.equal(tooMany.body.errors?.[0].type, 'EXCESSIVE_PAGINATION');
    const unimplemented = await gql('{ repository(owner: "sim-org", name: "api") { stargazerCount } }');
    assert.equal(unimplemented.body.errors?.[0].type, 'SIMULATOR_UNIMPLEMENTED', 'a valid field without a resolver says so, never a silent null');
  });

  it('authenticates like REST: no token is 401, an unknown one 401, invisible repositories are NOT_FOUND', async () => {
    const anonymous = await gql('{ viewer { login } }', {}, null);
    assert.equal(anonymous.status, 401);
    assert.match(JSON.stringify(anonymous.body), /This endpoint requires you to be authenticated/);
    // Built at run time, so no token-shaped string is committed; the simulator never issued it.
    const bogus = await gql('{ viewer { login } }', {}, `ghp_${'FAKE'.repeat(9)}`);
    assert.equal(bogus.status, 401);
    const viewer = await gql('{ viewer { login } }');
    assert.deepEqual(viewer.body.data, { viewer: { login: 'octocat' } });

    const monalisa = sim.createPersonalToken('monalisa', { scopes: ['repo'] });
    const hidden = await gql('{ repository(owner: "octocat", name: "private-repo") { id } }', {}, monalisa);
    assert.deepEqual(hidden.body.data, { repository: null });
    assert.equal(hidden.body.errors?.[0].type, 'NOT_FOUND');
    assert.equal(hidden.body.errors?.[0].message, "Could not resolve to a Repository with the name 'octocat/private-repo'.");
    assert.deepEqual(hidden.body.errors?.[0].path, ['repository']);
  });

  it('installation tokens see only their repositories and need pull_requests:write to mutate', async () => {
    const mint = async (id: number) => (await mintToken(sim, id)).json.token as string;
    const octocatInstallation = await mint(sim.fixtures.installations.octocat);
    const outside = await gql('{ repository(owner: "sim-org", name: "api") { id } }', {}, octocatInstallation);
    assert.equal(outside.body.errors?.[0].type, 'NOT_FOUND', 'installation 5001 does not cover sim-org/api');

    const threads = await gql(THREADS, { owner: 'sim-org', name: 'api', number: 1, first: 1 });
    const threadId = threads.body.data.repository.pullRequest.reviewThreads.nodes[0].id;
    const readOnlyPulls = await mint(sim.fixtures.installations.octocat);
    const pulls = (await rest('GET', '/repos/octocat/hello-world/pulls?state=all&per_page=1')).json as Array<{ node_id: string }>;
    const refused = await gql('mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { pullRequest { isDraft } } }', { id: pulls[0].node_id }, readOnlyPulls);
    assert.equal(refused.body.errors?.[0].type, 'FORBIDDEN');
    assert.equal(refused.body.errors?.[0].message, 'Resource not accessible by integration');
    assert.deepEqual(refused.body.data, { convertPullRequestToDraft: null });

    const orgInstallation = await mint(sim.fixtures.installations.simOrg);
    const resolved = await gql('mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { isResolved resolvedBy { login } } } }', { id: threadId }, orgInstallation);
    assert.equal(resolved.body.errors, undefined, JSON.stringify(resolved.body.errors));
    assert.deepEqual(resolved.body.data.resolveReviewThread.thread, { isResolved: true, resolvedBy: { login: 'sim-app' } });
    const back = await gql('mutation($id: ID!) { unresolveReviewThread(input: { threadId: $id }) { thread { isResolved resolvedBy { login } } } }', { id: threadId }, orgInstallation);
    assert.deepEqual(back.body.data.unresolveReviewThread.thread, { isResolved: false, resolvedBy: null });
  });

  it('resolving needs write access or authorship; hubot (read on the public sim-org/api) is FORBIDDEN', async () => {
    const threads = await gql(THREADS, { owner: 'sim-org', name: 'api', number: 1, first: 1 });
    const threadId = threads.body.data.repository.pullRequest.reviewThreads.nodes[0].id;
    const hubot = sim.createPersonalToken('hubot', { scopes: ['repo'] });
    const refused = await gql('mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { isResolved } } }', { id: threadId }, hubot);
    assert.equal(refused.body.errors?.[0].type, 'FORBIDDEN');
    assert.match(refused.body.errors?.[0].message ?? '', /hubot does not have the correct permissions to execute `ResolveReviewThread`/);
    const still = await gql('query($id: ID!) { node(id: $id) { ... on PullRequestReviewThread { isResolved } } }', { id: threadId });
    assert.equal(still.body.data.node.isResolved, false);
  });

  it('convertPullRequestToDraft and markPullRequestReadyForReview flip the draft flag REST shows', async () => {
    const pull = (await rest('GET', '/repos/sim-org/api/pulls/1')).json as { node_id: string; draft: boolean };
    assert.equal(pull.draft, false);
    const toDraft = await gql('mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id, clientMutationId: "m1" }) { clientMutationId pullRequest { id isDraft } } }', { id: pull.node_id });
    assert.deepEqual(toDraft.body.data, { convertPullRequestToDraft: { clientMutationId: 'm1', pullRequest: { id: pull.node_id, isDraft: true } } });
    assert.equal((await rest('GET', '/repos/sim-org/api/pulls/1')).json.draft, true);
    const ready = await gql('mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { id isDraft } } }', { id: pull.node_id });
    assert.deepEqual(ready.body.data, { markPullRequestReadyForReview: { pullRequest: { id: pull.node_id, isDraft: false } } });
    assert.equal((await rest('GET', '/repos/sim-org/api/pulls/1')).json.draft, false);

    const merged = (await rest('GET', '/repos/sim-org/api/pulls/4')).json as { node_id: string };
    const refused = await gql('mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { pullRequest { isDraft } } }', { id: merged.node_id });
    assert.equal(refused.body.errors?.[0].type, 'UNPROCESSABLE');
    const bogus = await gql('mutation { markPullRequestReadyForReview(input: { pullRequestId: "nope" }) { pullRequest { isDraft } } }');
    assert.equal(bogus.body.errors?.[0].type, 'NOT_FOUND');
    assert.match(bogus.body.errors?.[0].message ?? '', /Could not resolve to a node with the global id of 'nope'/);
  });

  it('node(id) resolves a discussion id read from Repository.discussions, and only for who may read it', async () => {
    const listed = await gql('{ repository(owner: "sim-org", name: "api") { discussions(first: 1, orderBy: { field: CREATED_AT, direction: ASC }) { nodes { id title } } } }');
    const [first] = listed.body.data.repository.discussions.nodes;
    assert.equal(first.title, 'Welcome to api');
    const node = await gql('query($id: ID!) { node(id: $id) { __typename ... on Discussion { title number } } }', { id: first.id });
    assert.deepEqual(node.body.errors, undefined);
    assert.equal(node.body.data.node.__typename, 'Discussion');
    assert.equal(node.body.data.node.title, 'Welcome to api');
    // The sim-org installation (discussions: write) sees it too; an id of no discussion is NOT_FOUND.
    const asApp = await gql('query($id: ID!) { node(id: $id) { ... on Discussion { number } } }', { id: first.id }, (await mintToken(sim, 5002)).json.token as string);
    assert.equal(asApp.body.data.node.number, node.body.data.node.number);
    const missing = Buffer.from('10:Discussion1').toString('base64');
    const none = await gql('query($id: ID!) { node(id: $id) { id } }', { id: missing });
    assert.equal(none.body.errors?.[0].type, 'NOT_FOUND');
  });

  it('is only POST; GET /api/graphql and /api/v3/graphql are not it', async () => {
    const get = await fetch(`${sim.origin}/api/graphql`, { headers: { authorization: `bearer ${octocat}` } });
    assert.equal(get.status, 404);
    const below = await fetch(`${sim.apiUrl}/graphql`, { method: 'POST', headers: { authorization: `bearer ${octocat}` }, body: '{"query":"{ viewer { login } }"}' });
    assert.equal(below.status, 404);
    assert.ok(sim.stats.requests.some((r) => r.origin === 'graphql' && r.path === '/api/graphql'));
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { githubGraphql } from '../../../src/server/tools/graphql';
import type { ToolContext } from '../../../src/server/tools/defineTool';
import { actsAs, identities } from '../../support/identities';
import { inProcessServer } from '../../support/inProcess';
import { textOf, type ServerHandle, type ToolClient } from '../../support/serverHarness';
import { serverFor, startSimulator, type Simulator } from '../../support/simServer';

// github_graphql under a PAT and an unpinned App: queries, variables, GraphQL errors returned
// beside partial data, mutations read back over REST, operationName choosing among several
// operations, and read-only mode refusing mutations before anything is sent.

interface GraphqlResult {
  data?: any;
  errors?: Array<{ type?: string; message: string; path?: unknown[] }>;
  text?: string;
  truncated?: boolean;
}

const PULL = 'query($owner: String!, $name: String!, $number: Int!) { repository(owner: $owner, name: $name) { pullRequest(number: $number) { id number isDraft } } }';
const TO_DRAFT = 'mutation ToDraft($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { pullRequest { isDraft } } }';
const TO_READY = 'mutation Ready($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }';
const MIXED = `query Who { viewer { login } }\n${TO_DRAFT}`;

async function restDraft(sim: Simulator, number: number): Promise<boolean> {
  const token = sim.createPersonalToken('octocat');
  const res = await fetch(`${sim.apiUrl}/repos/sim-org/api/pulls/${number}`, { headers: { authorization: `token ${token}`, accept: 'application/vnd.github+json' } });
  assert.equal(res.status, 200);
  return ((await res.json()) as { draft: boolean }).draft;
}

for (const identity of identities('monalisa')) {
  describe(`requests toolset: github_graphql (${identity.label})`, () => {
    let sim: Simulator;
    let server: ServerHandle | ToolClient;
    const owner = identity.isApp ? { owner: 'sim-org' } : {};

    before(async () => {
      sim = await startSimulator();
      const env = identity.env(sim, { GITHUB_TOOLSETS: 'requests' });
      // One identity over stdio (the seam), the other in process (fast).
      server = identity.isApp ? await inProcessServer(sim, `graphql ${identity.label}`, env) : await serverFor(sim, `graphql ${identity.label}`, env);
    });
    after(async () => {
      await server.close();
      await sim.close();
    });

    it('runs a query with its variables, as the right identity', async () => {
      const result = await actsAs(sim, identity, sim.fixtures.installations.simOrg, () =>
        server.data<GraphqlResult>('github_graphql', { query: PULL, variables: { owner: 'sim-org', name: 'api', number: 3 }, ...owner }),
      );
      assert.equal(result.errors, undefined);
      assert.equal(result.data.repository.pullRequest.number, 3);
      assert.equal(result.data.repository.pullRequest.isDraft, true);
      const viewer = await server.data<GraphqlResult>('github_graphql', { query: '{ viewer { login } }', ...owner });
      assert.equal(viewer.data.viewer.login, identity.isApp ? 'sim-app' : 'monalisa');
    });

    it('returns GraphQL errors beside the partial data', async () => {
      const result = await server.data<GraphqlResult>('github_graphql', { query: '{ viewer { login } repository(owner: "sim-org", name: "no-such-repo") { id } }', ...owner });
      assert.ok(result.data.viewer.login);
      assert.equal(result.data.repository, null);
      assert.equal(result.errors?.[0].type, 'NOT_FOUND');
      assert.deepEqual(result.errors?.[0].path, ['repository']);
      const invalid = await server.data<GraphqlResult>('github_graphql', { query: '{ viewer { noSuchField } }', ...owner });
      assert.equal(invalid.data, undefined);
      assert.match(invalid.errors?.[0].message ?? '', /noSuchField/);
    });

    it('runs a mutation, and the write reads back over REST', async () => {
      const { data } = await server.data<GraphqlResult>('github_graphql', { query: PULL, variables: { owner: 'sim-org', name: 'api', number: 1 }, ...owner });
      const id = data.repository.pullRequest.id as string;
      assert.equal(await restDraft(sim, 1), false);
      const drafted = await actsAs(sim, identity, sim.fixtures.installations.simOrg, () => server.data<GraphqlResult>('github_graphql', { query: TO_DRAFT, variables: { id }, ...owner }));
      assert.equal(drafted.data.convertPullRequestToDraft.pullRequest.isDraft, true);
      assert.equal(await restDraft(sim, 1), true);
      await server.data<GraphqlResult>('github_graphql', { query: TO_READY, variables: { id }, ...owner });
      assert.equal(await restDraft(sim, 1), false);
    });

    it('operationName picks the operation of a document holding several; none given is an error', async () => {
      const { data } = await server.data<GraphqlResult>('github_graphql', { query: PULL, variables: { owner: 'sim-org', name: 'api', number: 1 }, ...owner });
      const id = data.repository.pullRequest.id as string;
      const who = await server.data<GraphqlResult>('github_graphql', { query: MIXED, operationName: 'Who', variables: {}, ...owner });
      assert.ok(who.data.viewer.login);
      assert.equal(await restDraft(sim, 1), false, 'choosing the query ran no mutation');
      const drafted = await server.data<GraphqlResult>('github_graphql', { query: MIXED, operationName: 'ToDraft', variables: { id }, ...owner });
      assert.equal(drafted.data.convertPullRequestToDraft.pullRequest.isDraft, true);
      assert.equal(await restDraft(sim, 1), true);
      await server.data<GraphqlResult>('github_graphql', { query: TO_READY, variables: { id }, ...owner });
      const before = sim.stats.requests.length;
      const unnamed = await server.call('github_graphql', { query: MIXED, ...owner });
      assert.equal(unnamed.isError, true);
      assert.match(textOf(unnamed), /several operations; give operationName/);
      const unknown = await server.call('github_graphql', { query: MIXED, operationName: 'Nope', ...owner });
      assert.equal(unknown.isError, true);
      assert.match(textOf(unknown), /no operation named "Nope" \(it has Who, ToDraft\)/);
      const broken = await server.call('github_graphql', { query: '{ viewer { login }', ...owner });
      assert.equal(broken.isError, true);
      assert.match(textOf(broken), /could not parse the document: Syntax Error/);
      assert.equal(sim.stats.requests.length, before, 'nothing was sent');
    });

    if (identity.isApp) {
      it('without owner an unpinned App is told to name the installation', async () => {
        const result = await server.call('github_graphql', { query: '{ viewer { login } }' });
        assert.equal(result.isError, true);
        assert.match(textOf(result), /give owner/);
      });
    }
  });
}

describe('github_graphql in read-only mode', () => {
  let sim: Simulator;
  let server: ToolClient;

  before(async () => {
    sim = await startSimulator();
    server = await inProcessServer(sim, 'graphql read-only', { GITHUB_TOKEN: sim.createPersonalToken('monalisa', { scopes: ['repo'] }), GITHUB_READ_ONLY: '1', GITHUB_TOOLSETS: 'requests' });
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('stays, marked read-only, runs queries and refuses mutations before sending them', async () => {
    const tool = server.tools.find((t) => t.name === 'github_graphql');
    assert.ok(tool, 'github_graphql stays in read-only mode');
    assert.equal(tool.annotations?.readOnlyHint, true);
    const { data } = await server.data<GraphqlResult>('github_graphql', { query: PULL, variables: { owner: 'sim-org', name: 'api', number: 1 } });
    const id = data.repository.pullRequest.id as string;
    const before = sim.stats.requests.length;
    const mutation = await server.call('github_graphql', { query: TO_DRAFT, variables: { id } });
    assert.equal(mutation.isError, true);
    assert.match(textOf(mutation), /read-only.*runs queries only; the mutation was not sent/);
    // The operation chosen decides: a mutation picked out of a document that also holds a query.
    const chosen = await server.call('github_graphql', { query: MIXED, operationName: 'ToDraft', variables: { id } });
    assert.equal(chosen.isError, true);
    assert.match(textOf(chosen), /the mutation was not sent/);
    // A query picked out of a document that also holds a mutation: read-only sends queries-only documents.
    const mixed = await server.call('github_graphql', { query: MIXED, operationName: 'Who' });
    assert.equal(mixed.isError, true);
    assert.match(textOf(mixed), /only documents whose operations are all queries/);
    const subscription = await server.call('github_graphql', { query: 'subscription { viewer { login } }' });
    assert.equal(subscription.isError, true);
    assert.match(textOf(subscription), /the subscription was not sent/);
    assert.equal(sim.stats.requests.length, before, 'nothing reached GitHub');
    assert.equal(await restDraft(sim, 1), false);
  });

  it('the handler itself refuses mutations whenever the toolset is read-only, even when a mutation is spelled like a query', async () => {
    const ctx = { config: { readOnly: false, readOnlyToolsets: ['requests'] }, github: { client: () => assert.fail('must not build a client') } } as unknown as ToolContext;
    await assert.rejects(githubGraphql.handler({ query: '# query\nmutation { a }' }, ctx), /read-only.*the mutation was not sent/);
    await assert.rejects(githubGraphql.handler({ query: 'query mutation { a } mutation query { b }', operationName: 'query' }, ctx), /the mutation was not sent/);
    assert.equal(githubGraphql.annotations.readOnlyHint, false, 'it can write when the server is not read-only');
    assert.equal(githubGraphql.enforcesReadOnly, true);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runToExit } from '../support/runToExit';
import { textOf } from '../support/serverHarness';
import { startSimulator, withServer, type Simulator } from '../support/simServer';

/** GITHUB_TOOLS, GITHUB_EXCLUDE_TOOLS and GITHUB_READ_ONLY_TOOLSETS, as a client sees them in tools/list. */
describe('tool selection beyond toolsets', () => {
  let sim: Simulator;
  let token: string;

  before(async () => {
    sim = await startSimulator();
    token = sim.createPersonalToken('octocat', { scopes: ['repo'] });
  });
  after(() => sim.close());

  it('adds single tools, leaves out excluded ones, and makes chosen toolsets read-only', async () => {
    const env = { GITHUB_TOKEN: token, GITHUB_TOOLS: 'github_request', GITHUB_EXCLUDE_TOOLS: 'merge_pull_request', GITHUB_READ_ONLY_TOOLSETS: 'issues' };
    await withServer(sim, 'selection', env, async (server) => {
      const tools = new Map((await server.client.listTools()).tools.map((t) => [t.name, t]));
      assert.ok(tools.has('github_request'), 'added beside the default toolsets');
      assert.ok(!tools.has('merge_pull_request'));
      assert.ok(tools.has('list_issues') && !tools.has('create_issue') && !tools.has('add_issue_comment'), 'issues without its writes');
      assert.equal(tools.get('create_branch')?.annotations?.readOnlyHint, false, 'repos keeps its writes');
      // The instructions are composed from the enabled toolsets (requests is not one: github_request came alone).
      const instructions = server.client.getInstructions() ?? '';
      assert.match(instructions, /Call auth_status first/);
      assert.match(instructions, /get_file_contents/);
      assert.doesNotMatch(instructions, /Use github_request only/);
      sim.stats.reset();
      const merge = await server.call('merge_pull_request', { owner: 'sim-org', repo: 'api', pullNumber: 1 });
      assert.equal(merge.isError, true);
      assert.match(textOf(merge), /Unknown tool "merge_pull_request"/);
      assert.deepEqual(sim.stats.requests, []);
    });
  });

  it('refuses an unknown tool name at startup, naming the variable', async () => {
    const { code, stderr } = await runToExit({ GITHUB_API_URL: sim.apiUrl, GITHUB_TOOLS: 'get_isue' });
    assert.equal(code, 2);
    assert.match(stderr, /GITHUB_TOOLS: unknown tool "get_isue"/);
  });
});

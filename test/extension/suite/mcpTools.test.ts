// A server started through VS Code's own MCP client: its tools appear in vscode.lm.tools and
// answer with simulator data.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ensureAppAdded, EXTENSION_ID, fixtures, testingApi, waitFor } from './helpers';

function text(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : JSON.stringify(part))).join('\n');
}

describe('MCP tools through VS Code', function () {
  this.timeout(90_000);
  const serverId = () => `${EXTENSION_ID.toLowerCase()}/GitHub App (${fixtures().app.slug})`;

  before(ensureAppAdded);

  after(async () => {
    await vscode.commands.executeCommand('workbench.mcp.stopServer', serverId()).then(undefined, () => undefined);
    // Stopped: a later definition change (another suite's) must not start it again.
    (await testingApi()).forgetStartedServers();
  });

  it('starts the App server and its tools appear in vscode.lm.tools', async () => {
    const toolsOf = () => vscode.lm.tools.filter((tool) => /^mcp_.*_get_app$/.test(tool.name) || tool.name.endsWith('get_app'));
    // One trial on this host returned without starting anything: ask again while waiting.
    const tools = await waitFor(
      `the tools of ${serverId()} in vscode.lm.tools (they never appeared: check "MCP" output and the PyGithub MCP log)`,
      async () => {
        if (toolsOf().length === 0) await vscode.commands.executeCommand('workbench.mcp.startServer', serverId(), { waitForLiveTools: true });
        return toolsOf().length > 0 ? toolsOf() : undefined;
      },
      60_000,
    );
    assert.ok(tools.length >= 1);
    const names = vscode.lm.tools.map((tool) => tool.name).filter((name) => name.startsWith('mcp_'));
    for (const tool of ['auth_status', 'list_installations', 'get_repository']) {
      assert.ok(names.some((name) => name.endsWith(`_${tool}`)), `${tool} missing from ${names.join(', ')}`);
    }
  });

  it('invokes get_app and get_repository through vscode.lm.invokeTool', async () => {
    const { app, helloWorld } = fixtures();
    const find = (tool: string) => {
      const match = vscode.lm.tools.find((candidate) => candidate.name.startsWith('mcp_') && candidate.name.endsWith(`_${tool}`));
      assert.ok(match, `no ${tool} tool`);
      return match.name;
    };
    const appResult = text(await vscode.lm.invokeTool(find('get_app'), { input: {}, toolInvocationToken: undefined }));
    assert.match(appResult, new RegExp(app.slug));
    const [owner, repo] = helloWorld.split('/');
    const repoResult = text(await vscode.lm.invokeTool(find('get_repository'), { input: { owner, repo }, toolInvocationToken: undefined }));
    assert.match(repoResult, /hello-world/);
    assert.doesNotMatch(repoResult + appResult, /ghs_|BEGIN RSA/);
  });
});

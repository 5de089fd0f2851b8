// The status bar item: identities, servers running, read-only and the lowest rate limit,
// read from GitHub (the simulator) only when asked; clicking it opens the main actions.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RateLimit } from '../../../src/extension/github/rateLimits';
import { clockTime } from '../../../src/extension/ui/statusText';
import { ensureAppAdded, fixtures, octocatSession, testingApi, waitFor } from './helpers';

describe('status bar', function () {
  this.timeout(60_000);

  before(async () => {
    await ensureAppAdded();
    await (await testingApi()).useSessionLookup(octocatSession());
    const { octocatToken, apiUrl } = fixtures();
    assert.ok(await vscode.commands.executeCommand('pygithubMcp.pat.set', { token: octocatToken, apiUrl }));
  });

  after(async () => {
    await vscode.commands.executeCommand('pygithubMcp.credentials.clear', { kind: 'pat' });
  });

  it('counts the identities and opens the actions when clicked', async () => {
    const testing = await testingApi();
    const { mcpProvider } = testing;
    const servers = ((await mcpProvider.provideMcpServerDefinitions(new vscode.CancellationTokenSource().token)) ?? []).length;
    assert.ok(servers >= 3, `${servers} servers`);
    const status = await waitFor('the status bar to count the identities', () => {
      const current = testing.statusBar();
      return current.text.startsWith(`$(github) ${servers} accounts`) && current;
    });
    assert.equal(status.command, 'pygithubMcp.status.show');
    assert.match(status.tooltip, /\| GitHub PAT \(octocat\) \| stopped \|/);
    const actions = await vscode.commands.executeCommand<{ items: string[] }>('pygithubMcp.status.show', { pick: 'none' });
    for (const command of ['pygithubMcp.auth.check', 'pygithubMcp.servers.restart', 'pygithubMcp.readOnly.toggle', 'pygithubMcp.accounts.add', 'pygithubMcp.rateLimits.refresh']) {
      assert.ok(actions?.items.includes(command), `${command} missing from ${actions?.items.join(', ')}`);
    }
  });

  it('shows the lowest remaining rate limit and its reset time after a fetch', async () => {
    const testing = await testingApi();
    const lowest = await vscode.commands.executeCommand<RateLimit | undefined>('pygithubMcp.rateLimits.refresh');
    assert.ok(lowest, `no rate limit was read; log:\n${testing.logLines().slice(-8).join('\n')}`);
    assert.ok(lowest.limit > 0 && lowest.remaining <= lowest.limit && lowest.reset > Date.now() / 1000 - 60, JSON.stringify(lowest));
    const { text, tooltip } = testing.statusBar();
    assert.ok(text.endsWith(` · ${lowest.remaining}/${lowest.limit} until ${clockTime(lowest.reset)}`), text);
    assert.match(tooltip, /Rate limits as of /);
    assert.match(tooltip, new RegExp(`\\| GitHub PAT \\(octocat\\) \\| stopped \\| \\d+/\\d+, resets \\d\\d:\\d\\d \\|`));
  });

  it('shows read-only mode for as long as it is on', async () => {
    const testing = await testingApi();
    assert.doesNotMatch(testing.statusBar().text, /read-only/);
    assert.equal(await vscode.commands.executeCommand('pygithubMcp.readOnly.toggle'), true);
    try {
      await waitFor('the lock in the status bar', () => testing.statusBar().text.includes('$(lock) read-only'));
    } finally {
      await vscode.commands.executeCommand('pygithubMcp.readOnly.toggle');
    }
    await waitFor('the lock to go', () => !testing.statusBar().text.includes('read-only'));
  });
});

// Shared by the in-VS-Code suites: the extension's test API, the runner's fixtures, polling.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension/extension';
import type { TestingApi } from '../../../src/extension/testing';
import { readFixtures, type SuiteFixtures } from '../runner/fixtures';

export const EXTENSION_ID = 'pygithub-mcp.pygithub-mcp-server';

export async function testingApi(): Promise<TestingApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  assert.ok(api.testing, 'activate() returned no testing API: the extension runs in production mode');
  return api.testing;
}

export function fixtures(): SuiteFixtures {
  const value = readFixtures();
  assert.ok(value, 'PYGITHUB_TEST_FIXTURES is not set: run the suite with `npm run test:vscode`');
  return value;
}

/** Polls until `probe` returns a value other than undefined/false, or fails with `what`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

/** Points the extension at the simulator: user settings, as a user would. */
export async function useSimulator(): Promise<void> {
  const config = vscode.workspace.getConfiguration('pygithubMcp');
  if (config.get('apiUrl') !== fixtures().apiUrl) await config.update('apiUrl', fixtures().apiUrl, vscode.ConfigurationTarget.Global);
}

/** A session lookup standing in for VS Code's GitHub authentication provider (code-server has none). */
export function octocatSession(token = fixtures().octocatToken) {
  return async () => ({ id: 'test-session', accessToken: token, account: { id: '1', label: 'octocat' }, scopes: ['repo', 'read:org', 'read:user'] });
}

/**
 * The simulator's App, added with the add-App command if it is not configured yet, so that
 * each suite can run on its own and in any order.
 */
export async function ensureAppAdded(): Promise<void> {
  await useSimulator();
  const testing = await testingApi();
  const { app, apiUrl } = fixtures();
  if (testing.apps().some((candidate) => candidate.id === app.id) && (await testing.hasAppKey(app.id))) return;
  const added = await vscode.commands.executeCommand('pygithubMcp.apps.add', { appId: app.id, pem: app.privateKeyPem, apiUrl });
  assert.ok(added, `adding the App failed; log:\n${testing.logLines().slice(-10).join('\n')}`);
}

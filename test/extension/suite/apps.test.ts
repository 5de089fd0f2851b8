// Adding a GitHub App with the command (driven by arguments, no dialogs): the key goes to
// SecretStorage only, metadata to globalState, and the tree shows the simulator's data.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../src/extension/views/node';
import { ensureAppAdded, fixtures, testingApi, useSimulator } from './helpers';

/** Every file below `dir` (recursively), skipping unreadable ones. */
function filesBelow(dir: string | undefined): string[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    try {
      return statSync(path).isDirectory() ? filesBelow(path) : [path];
    } catch {
      return [];
    }
  });
}

async function labels(nodes: TreeNode[]): Promise<string[]> {
  return nodes.map((node) => String(node.treeItem().label));
}

describe('GitHub Apps', () => {
  let pemDir: string;
  let pemPath: string;

  before(async () => {
    await useSimulator();
    pemDir = mkdtempSync(join(tmpdir(), 'pygithub-pem-'));
    pemPath = join(pemDir, 'sim-app.private-key.pem');
    writeFileSync(pemPath, fixtures().app.privateKeyPem, { mode: 0o600 });
  });

  after(() => rmSync(pemDir, { recursive: true, force: true }));

  it('adds an App from its id and .pem path, learning name and slug from GET /app', async () => {
    const { app, apiUrl } = fixtures();
    const metadata = await vscode.commands.executeCommand<{ id: number; slug: string; name: string } | undefined>('pygithubMcp.apps.add', { appId: app.id, pemPath, apiUrl });
    const testing = await testingApi();
    assert.ok(metadata, `the command failed; log:\n${testing.logLines().join('\n')}`);
    assert.equal(metadata.slug, app.slug);
    assert.equal(metadata.name, app.name);
    const stored = testing.apps().find((candidate) => candidate.id === app.id);
    assert.ok(stored, 'no metadata in globalState');
    assert.equal(stored.baseUrl, apiUrl);
    assert.equal(JSON.stringify(stored).includes('PRIVATE KEY'), false, 'key material in the metadata');
    assert.equal(await testing.hasAppKey(app.id), true, 'the key is not in SecretStorage');
  });

  it('rejects a wrong App id for the key, and a non-numeric id, without storing anything', async () => {
    const testing = await testingApi();
    const before = testing.apps().length;
    assert.equal(await vscode.commands.executeCommand('pygithubMcp.apps.add', { appId: 'abc', pemPath, apiUrl: fixtures().apiUrl }), undefined);
    assert.equal(await vscode.commands.executeCommand('pygithubMcp.apps.add', { appId: 999999, pemPath, apiUrl: fixtures().apiUrl }), undefined);
    assert.equal(testing.apps().length, before);
    assert.ok(testing.logLines().some((line) => /is not an App ID/.test(line)));
  });

  it('writes the key nowhere on disk: not in global or workspace storage, not in settings.json', async () => {
    await ensureAppAdded();
    const testing = await testingApi();
    const { globalStorage, workspaceStorage, logs } = testing.storagePaths();
    const body = fixtures().app.privateKeyPem.split('\n').filter((line) => line && !line.startsWith('-----'))[3];
    assert.ok(body && body.length > 40);
    // User settings live next to globalStorage: <user-data>/User/settings.json.
    const settings = join(dirname(dirname(globalStorage)), 'settings.json');
    const scanned = [...filesBelow(globalStorage), ...filesBelow(workspaceStorage), ...filesBelow(logs), ...(existsSync(settings) ? [settings] : [])];
    assert.ok(existsSync(settings), `expected user settings at ${settings}`);
    for (const file of scanned) {
      assert.equal(readFileSync(file).includes(body), false, `the private key was found in ${file}`);
    }
  });

  it('shows App → installations → repositories of the simulator', async () => {
    await ensureAppAdded();
    const { tree } = await testingApi();
    const { app, installations, octocatInstallationRepos } = fixtures();
    const roots = await tree.getChildren!();
    const appNode = (roots as TreeNode[]).find((node) => node.treeItem().label === `GitHub App (${app.slug})`);
    assert.ok(appNode, `no App node; roots: ${(await labels(roots as TreeNode[])).join(', ')}`);

    const first = (await tree.getChildren!(appNode)) as TreeNode[];
    const firstLabels = await labels(first);
    assert.ok(firstLabels.includes('octocat') && firstLabels.includes('sim-org'), `installations: ${firstLabels.join(', ')}`);
    const octocat = first.find((node) => node.treeItem().label === 'octocat')!;
    const octocatItem = octocat.treeItem();
    assert.equal(octocatItem.contextValue, 'installation');
    assert.match(String(octocatItem.description), /User · selected repositories/);
    assert.match((octocatItem.tooltip as vscode.MarkdownString).value, /issues \| write/);
    const suspended = first.find((node) => node.treeItem().contextValue === 'installation.suspended');
    assert.ok(suspended, 'the suspended installation is not marked');

    const repos = await labels((await tree.getChildren!(octocat)) as TreeNode[]);
    assert.deepEqual(repos.sort(), [...octocatInstallationRepos].sort());

    // Hundreds of installations: pages load with "Load more…" until all are there.
    let children = first;
    for (let guard = 0; guard < 20; guard++) {
      const more = children.find((node) => node.treeItem().contextValue === 'loadMore');
      if (!more) break;
      await vscode.commands.executeCommand('pygithubMcp.installations.loadMore', more);
      children = (await tree.getChildren!(appNode)) as TreeNode[];
    }
    const installationRows = children.filter((node) => /^installation/.test(String(node.treeItem().contextValue)));
    assert.equal(installationRows.length, installations.total);
  });
});

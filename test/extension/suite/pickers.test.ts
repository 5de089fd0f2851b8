// Pickers that allow only valid choices (issue 9, item 7): toolsets, and narrowing an
// installation token (one level per permission, repositories from the installation's list).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Asked } from '../../../src/extension/ui/prompts';
import { ensureAppAdded, fixtures, testingApi } from './helpers';
import { kinds, scriptPrompts, stopScripting } from './prompting';

type Item = vscode.QuickPickItem & Record<string, unknown>;
const itemsOf = (asked: Asked): Item[] => (asked.kind === 'pick' ? (asked.items as Item[]) : []);
const choosable = (items: Item[]) => items.filter((item) => item.kind !== vscode.QuickPickItemKind.Separator);

describe('Pickers', () => {
  afterEach(stopScripting);

  describe('Configure Toolsets', () => {
    let saved: unknown;
    before(() => (saved = vscode.workspace.getConfiguration('pygithubMcp').inspect('toolsets')?.globalValue));
    after(() => vscode.workspace.getConfiguration('pygithubMcp').update('toolsets', saved, vscode.ConfigurationTarget.Global));

    it('offers no checkbox for context (always on) or apps (on with App auth), and says how they are on', async () => {
      const asked = await scriptPrompts([undefined]);
      assert.equal(await vscode.commands.executeCommand('pygithubMcp.toolsets.configure'), undefined);
      assert.deepEqual(kinds(asked), ['pick']);
      const items = itemsOf(asked[0]);
      const labels = choosable(items).map((item) => item.label);
      assert.ok(labels.includes('repos') && labels.includes('issues'), labels.join(', '));
      assert.ok(!labels.includes('context'), 'context can be unticked');
      assert.ok(!labels.includes('apps'), 'apps is offered as a checkbox');
      assert.ok(choosable(items).every((item) => !/always on|with App auth/.test(item.description ?? '')), 'a choosable item claims to be fixed');
      const separator = items.find((item) => item.kind === vscode.QuickPickItemKind.Separator);
      assert.match(separator?.label ?? '', /context always on/);
      assert.match(separator?.label ?? '', /apps on with App auth/);
      assert.ok(asked[0].kind === 'pick' && asked[0].options.canPickMany && /context always on.*apps on with App auth/.test(asked[0].options.title ?? ''));
      // The current selection is ticked: default has repos, not actions.
      assert.equal(choosable(items).find((item) => item.label === 'repos')?.picked, true);
      assert.equal(choosable(items).find((item) => item.label === 'actions')?.picked, false);
    });

    it('saves what was ticked, and never an always-on toolset', async () => {
      await scriptPrompts([(prompt: Asked) => choosable(itemsOf(prompt)).filter((item) => item.label === 'repos' || item.label === 'actions')]);
      assert.deepEqual(await vscode.commands.executeCommand('pygithubMcp.toolsets.configure'), ['repos', 'actions']);
      assert.deepEqual(vscode.workspace.getConfiguration('pygithubMcp').get('toolsets'), ['repos', 'actions']);
      assert.deepEqual(await vscode.commands.executeCommand('pygithubMcp.toolsets.configure', ['context', 'issues']), ['issues']);
    });
  });

  describe('narrowing an installation token', () => {
    before(ensureAppAdded);
    after(() => vscode.env.clipboard.writeText(''));

    it('asks one level per permission and picks repositories from the installation\'s own list', async () => {
      const { app, installations, octocatInstallationRepos } = fixtures();
      const asked = await scriptPrompts([
        (prompt: Asked) => itemsOf(prompt).find((item) => item.narrow === true),
        (prompt: Asked) => itemsOf(prompt).filter((item) => item.label === 'issues' || item.label === 'contents'),
        (prompt: Asked) => itemsOf(prompt).find((item) => item.label === 'read'),
        (prompt: Asked) => itemsOf(prompt).filter((item) => item.label === 'hello-world'),
      ]);
      const result = await vscode.commands.executeCommand<{ permissions: Record<string, string>; repositoryNames?: string[] } | undefined>('pygithubMcp.installations.createToken', {
        appId: app.id,
        installationId: installations.octocat,
      });
      assert.ok(result, `failed; log:\n${(await testingApi()).logLines().slice(-5).join('\n')}`);
      assert.deepEqual(kinds(asked).slice(0, 4), ['pick', 'pick', 'pick', 'pick']);

      // Step 1: one item per granted permission, never "issues: read" beside "issues: write".
      const permissions = itemsOf(asked[1]);
      const names = permissions.map((item) => item.label);
      assert.equal(new Set(names).size, names.length, `a permission is offered twice: ${names.join(', ')}`);
      assert.ok(names.includes('issues') && names.includes('contents'), names.join(', '));
      assert.ok(!names.some((name) => name.includes(':')), names.join(', '));
      assert.equal(permissions.find((item) => item.label === 'issues')?.description, 'granted: write');
      assert.ok(asked[1].kind === 'pick' && asked[1].options.canPickMany);

      // Step 2: only issues (granted write) gets a level pick, single choice, up to what is granted; contents (read) needs none.
      assert.ok(asked[2].kind === 'pick' && !asked[2].options.canPickMany && /issues/.test(asked[2].options.title ?? ''));
      assert.deepEqual(itemsOf(asked[2]).map((item) => item.label), ['write', 'read']);

      // Repositories: the installation's own, to tick, not typed.
      assert.ok(asked[3].kind === 'pick' && asked[3].options.canPickMany);
      assert.deepEqual(itemsOf(asked[3]).map((item) => item.label).sort(), [...octocatInstallationRepos].sort());
      assert.ok(!kinds(asked).includes('input'), 'repositories were asked as free text');

      assert.equal(result.permissions.issues, 'read');
      assert.equal(result.permissions.contents, 'read');
      assert.deepEqual(Object.keys(result.permissions).filter((name) => !['issues', 'contents', 'metadata'].includes(name)), []);
      assert.deepEqual(result.repositoryNames, ['hello-world']);
    });
  });
});

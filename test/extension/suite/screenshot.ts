// Not a test: stages a scene for the README screenshots. Loaded by test/extension/index.ts instead
// of the suites only when PYGITHUB_SCREENSHOT=1, which scripts/screenshot.ts sets (with the scene
// and the two marker paths below) before it starts the runner.
//
// Scene "installations": adds the simulator's App with the add-App command, opens the PyGithub MCP
// container, expands the App and its first installation with the list commands (as the keyboard
// would). Scene "walkthrough": opens the getting-started walkthrough, completes the first two steps
// and the last one with their commands, and reopens it. Then it writes
// PYGITHUB_SCREENSHOT_READY and waits until the script writes PYGITHUB_SCREENSHOT_DONE.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AppNode } from '../../../src/extension/views/appNode';
import type { InstallationNode } from '../../../src/extension/views/installationNode';
import { EXTENSION_ID, fixtures, testingApi, useSimulator, waitFor } from './helpers';

// package.json: contributes.viewsContainers.activitybar[0].id and contributes.views.pygithubMcp[0].id
const CONTAINER_ID = 'pygithubMcp';
const VIEW_ID = 'pygithubMcp.installations';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const run = (command: string, ...args: unknown[]) => vscode.commands.executeCommand(command, ...args);
/** Workbench commands that may not exist in every VS Code: the screenshot only looks better with them. */
const tryRun = (command: string) => Promise.resolve(run(command)).catch(() => undefined);

const WALKTHROUGH = `${EXTENSION_ID}#gettingStarted`;

describe('screenshot of the extension', () => {
  let pemDir: string;

  before(() => {
    pemDir = mkdtempSync(join(tmpdir(), 'pygithub-pem-'));
  });
  after(() => rmSync(pemDir, { recursive: true, force: true }));

  it('stages the scene and waits for the screenshot', async function () {
    this.timeout(180_000);
    const readyPath = process.env.PYGITHUB_SCREENSHOT_READY;
    const donePath = process.env.PYGITHUB_SCREENSHOT_DONE;
    if (!readyPath || !donePath) throw new Error('PYGITHUB_SCREENSHOT_READY / PYGITHUB_SCREENSHOT_DONE are not set: run scripts/screenshot.ts');

    const walkthrough = process.env.PYGITHUB_SCREENSHOT_SCENE === 'walkthrough';
    // The walkthrough first: VS Code marks a step done only when its key changes after the
    // walkthrough's listeners exist (a key already true when they register is never counted).
    if (walkthrough) await run('workbench.action.openWalkthrough', WALKTHROUGH, false);
    await useSimulator();
    const { app, apiUrl } = fixtures();
    const pemPath = join(pemDir, `${app.slug}.private-key.pem`);
    writeFileSync(pemPath, app.privateKeyPem, { mode: 0o600 });
    const testing = await testingApi();
    const added = await run('pygithubMcp.apps.add', { appId: app.id, pemPath, apiUrl });
    if (!added) throw new Error(`adding the App failed; log:\n${testing.logLines().join('\n')}`);

    // A clean window: no notification toasts, no panel, no secondary side bar (Chat).
    await tryRun('workbench.action.closePanel');
    await tryRun('workbench.action.closeAuxiliaryBar');
    if (!walkthrough) await tryRun('workbench.action.closeAllEditors');

    if (walkthrough) {
      // Steps 1, 2 and 4 done by their commands, as a user would on the way.
      if (!(await run('pygithubMcp.toolsets.configure', ['default']))) throw new Error('configuring the toolsets failed');
      const checks = (await run('pygithubMcp.auth.check', { key: `app:${app.id}` })) as Array<{ ok: boolean }>;
      if (!checks?.every((check) => check.ok)) throw new Error(`the authentication check failed; log:\n${testing.logLines().join('\n')}`);
      // Reopened without the side bar: room for the step's markdown beside the steps.
      await tryRun('workbench.action.closeSidebar');
      await tryRun('workbench.action.closeAllEditors');
      await run('workbench.action.openWalkthrough', WALKTHROUGH, false);
      await sleep(2000);
      await tryRun('notifications.clearAll');
      writeFileSync(readyPath, JSON.stringify({ scene: 'walkthrough' }));
      await waitFor('the screenshot (PYGITHUB_SCREENSHOT_DONE)', () => existsSync(donePath), 150_000);
      return;
    }

    await run(`workbench.view.extension.${CONTAINER_ID}`);
    await run(`${VIEW_ID}.focus`);
    const appNode = await waitFor('the App row', async () => ((await testing.tree.getChildren!()) as AppNode[]).find((node) => node.app?.id === app.id));
    await sleep(500);

    // The App is the first row: expand it and wait for its first page of installations.
    await run('list.focusFirst');
    await run('list.expand');
    const installations = await waitFor('the installations', () => !appNode.installations.pager.loading && appNode.installations.pager.started && appNode.installations.pager.items);
    const first = installations[0] as InstallationNode | undefined;
    if (!first) throw new Error('the App has no installations');
    await sleep(500);

    // Its first installation is the next row.
    await run('list.focusDown');
    await run('list.expand');
    await waitFor(`the repositories of ${first.login}`, () => !first.repositories.pager.loading && first.repositories.pager.started);
    await sleep(500);

    // Focus elsewhere, so that the installation's row is not drawn with the focus outline.
    await tryRun('workbench.action.focusActiveEditorGroup');
    await tryRun('notifications.clearAll');
    writeFileSync(readyPath, JSON.stringify({ app: app.name, installations: installations.map((node) => node.login), expanded: first.login }));
    await waitFor('the screenshot (PYGITHUB_SCREENSHOT_DONE)', () => existsSync(donePath), 150_000);
  });
});

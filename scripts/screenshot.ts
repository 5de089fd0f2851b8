// Takes the READMEs' screenshots in a real VS Code, with the same machinery as `npm run test:vscode`:
// the GitHub simulator, code-server and headless Chromium from test/extension/runner/run.ts.
//
//   node --import tsx scripts/screenshot.ts [--scene installations|walkthrough] [--out <file.png>] [--no-build] [--keep] [--verbose]
//
// Scenes: "installations" (default; media/screenshot-installations.png), the Installations view;
// "walkthrough" (media/screenshot-walkthrough.png), the getting-started walkthrough.
//
// With PYGITHUB_SCREENSHOT=1 the in-VS-Code entry point (test/extension/index.ts) loads
// test/extension/suite/screenshot.ts instead of the suites. That adds the simulator's App with the
// add-App command, opens the PyGithub MCP view, expands the App and its first installation, and
// writes a "ready" marker; this script then takes the page's screenshot and writes a "done" marker,
// after which the suite ends and the runner stops everything as after a test run.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { runSuite } from '../test/extension/runner/run';

const repoRoot = resolve(__dirname, '..');
const args = process.argv.slice(2);
const argument = (name: string) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const scene = argument('--scene') ?? 'installations';
if (!['installations', 'walkthrough'].includes(scene)) throw new Error(`unknown scene ${scene}: installations or walkthrough`);
const outPath = resolve(argument('--out') ?? join(repoRoot, 'media', `screenshot-${scene}.png`));
const VIEWPORT = { width: 1280, height: 800 };
const SIDE_BAR_WIDTH = 480;

const markers = mkdtempSync(join(tmpdir(), 'pygithub-screenshot-'));
const readyPath = join(markers, 'ready.json');
const donePath = join(markers, 'done');
// The runner passes its own environment on to code-server, and so to the extension host.
process.env.PYGITHUB_SCREENSHOT = '1';
process.env.PYGITHUB_SCREENSHOT_READY = readyPath;
process.env.PYGITHUB_SCREENSHOT_DONE = donePath;
process.env.PYGITHUB_SCREENSHOT_SCENE = scene;

let taken = false;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function takeScreenshot(page: Page): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!existsSync(readyPath)) {
    if (Date.now() > deadline) throw new Error('the screenshot suite never got the view ready (rerun with --verbose)');
    await sleep(200);
  }
  if (scene === 'walkthrough') {
    await page.locator('.gettingStartedSlideDetails').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height - 5);
    await sleep(1500);
    await save(page);
    return;
  }
  // The suite has expanded the App and an installation; wait until the tree's rows are drawn.
  const tree = page.locator('.pane-body .monaco-list-row');
  await tree.first().waitFor({ state: 'visible', timeout: 30_000 });
  // Widen the side bar by dragging its edge, so that the rows' descriptions (account type,
  // repository selection) are not cut off.
  const sideBar = await page.locator('#workbench\\.parts\\.sidebar').boundingBox();
  if (sideBar) {
    const edge = sideBar.x + sideBar.width + 2;
    await page.mouse.move(edge, sideBar.y + sideBar.height / 2);
    await page.mouse.down();
    await page.mouse.move(SIDE_BAR_WIDTH + sideBar.x, sideBar.y + sideBar.height / 2, { steps: 10 });
    await page.mouse.up();
  }
  // Keep the pointer off the tree (no hover), and give rendering a moment.
  await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height / 2);
  await sleep(1500);
  await save(page);
}

async function save(page: Page): Promise<void> {
  mkdirSync(dirname(outPath), { recursive: true });
  await page.screenshot({ path: outPath, type: 'png' });
  process.stderr.write(`[screenshot] wrote ${outPath}\n`);
  taken = true;
  writeFileSync(donePath, '');
}

runSuite({
  viewport: VIEWPORT,
  settings: {
    'workbench.colorTheme': 'Default Dark Modern',
    // A first page of a few installations, then "Load more…" (the simulator's App has hundreds).
    'pygithubMcp.perPage': 8,
    'workbench.tips.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.commandCenter.enabled': false,
  },
  onPage: takeScreenshot,
})
  .then((code) => {
    if (code === 0 && !taken) {
      process.stderr.write('[screenshot] the run passed but no screenshot was written\n');
      code = 1;
    }
    return code;
  })
  .finally(() => rmSync(markers, { recursive: true, force: true }))
  .then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`[screenshot] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );

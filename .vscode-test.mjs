// @vscode/test-cli configuration, for machines that can download VS Code (desktop, Electron):
//
//   npm run build && npx vscode-test
//
// Offline machines and CI use `npm run test:vscode` instead (test/extension/runner/run.ts), which
// runs the same suite in code-server. Both run the same bundle, out/test/extension/index.js:
//
// - `files` points at that bundle rather than at test/extension/suite/*.test.ts. test-cli's runner
//   hands `files` to its own mocha, which require()s them inside the extension host, so they must be
//   JavaScript that resolves `vscode`; the suites only exist as JavaScript inside that esbuild bundle.
//   When test-cli's mocha requires the bundle, mocha's describe/it globals are already defined, and
//   index.ts then registers every suite listed in its SUITES into that mocha (its run() export,
//   which code-server calls, is not used here).
// - The GitHub simulator runs in this process (the test-cli process, alive until the tests end)
//   and reaches the suite through `env`, like with run.ts. environment.ts is TypeScript, hence tsx.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@vscode/test-cli';
import { tsImport } from 'tsx/esm/api';

const tmp = mkdtempSync(join(tmpdir(), 'pygithub-vscode-test-cli-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const workspace = join(tmp, 'workspace');
mkdirSync(workspace, { recursive: true });

const { startTestEnvironment } = await tsImport('./test/extension/runner/environment.ts', import.meta.url);
// Stopped when test-cli ends the process (it calls process.exit after the run).
const testEnv = await startTestEnvironment(tmp);

export default defineConfig({
  label: 'extension',
  files: 'out/test/extension/index.js',
  version: 'stable',
  extensionDevelopmentPath: '.',
  workspaceFolder: workspace,
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  env: { ...testEnv.env },
  mocha: { ui: 'bdd', timeout: 30_000 },
});

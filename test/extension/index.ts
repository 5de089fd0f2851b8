// Entry point of the suite that runs inside VS Code (bundled by esbuild.mjs into
// out/test/extension/index.js, with `vscode` and `mocha` left external).
//
// ADDING A SUITE
//   1. Create test/extension/suite/<name>.test.ts using mocha's BDD globals
//      (describe / it / before / after / beforeEach / afterEach); no imports from 'mocha' needed.
//   2. Add one line to SUITES below:  () => require('./suite/<name>.test'),
//   3. `npm run test:vscode` (it builds first; filter with `npm run test:vscode -- --grep <text>`)
//
// Why a list of require() thunks: esbuild bundles everything into one file, and a suite file calls
// describe() as soon as it is evaluated. esbuild evaluates a require()d module lazily, at the
// require() call, so each suite is evaluated only after mocha has put describe/it on globalThis.
//
// Two ways this file is used:
//   - by test/extension/runner/run.ts (code-server): VS Code loads it as extensionTestsPath and
//     calls run(), which creates its own Mocha;
//   - by @vscode/test-cli (.vscode-test.mjs): its mocha loads this file as a test file, after
//     setting up the BDD globals, so the suites are registered right away, into that mocha.
//
// Output: mocha's spec reporter. When the runner sets PYGITHUB_TEST_OUTPUT, each line, and whatever
// the tests and the extension print with console.* during the run, is also appended to that file
// (the runner streams it to its stdout: under code-server the extension host's console only
// reaches the browser), and PYGITHUB_TEST_RESULT gets a JSON summary {passes, failures, ...}.
import { appendFileSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';
import Mocha from 'mocha';

const SUITES: Array<() => unknown> = [
  () => require('./suite/activation.test'),
  () => require('./suite/commands.test'),
  () => require('./suite/apps.test'),
  () => require('./suite/provider.test'),
  () => require('./suite/mcpTools.test'),
  () => require('./suite/accounts.test'),
  () => require('./suite/statusBar.test'),
  () => require('./suite/refresh.test'),
  () => require('./suite/removeApp.test'),
  () => require('./suite/errors.test'),
  () => require('./suite/pickers.test'),
  () => require('./suite/manifest.test'),
];

// Only for scripts/screenshot.ts: instead of the suites, a script that stages the Installations view
// for the README screenshot (test/extension/suite/screenshot.ts).
const SCREENSHOT: Array<() => unknown> = [() => require('./suite/screenshot')];

// Only for `npm run test:vscode -- --untrusted`: the folder is open in Restricted Mode.
const RESTRICTED_MODE: Array<() => unknown> = [() => require('./suite/restrictedMode.test')];

function loadSuites(): void {
  const suites = process.env.PYGITHUB_SCREENSHOT === '1' ? SCREENSHOT : process.env.PYGITHUB_TEST_SUITE === 'restrictedMode' ? RESTRICTED_MODE : SUITES;
  for (const load of suites) load();
}

type Globals = typeof globalThis & { describe?: unknown; it?: unknown };

// Loaded as a test file by a mocha that already set up the globals (@vscode/test-cli): register now.
const loadedByMocha = typeof (globalThis as Globals).describe === 'function' && typeof (globalThis as Globals).it === 'function';
if (loadedByMocha) loadSuites();

export interface SuiteResult {
  passes: number;
  failures: number;
  pending: number;
  tests: number;
  durationMs: number;
}

export function run(): Promise<void> {
  const outputPath = process.env.PYGITHUB_TEST_OUTPUT;
  const resultPath = process.env.PYGITHUB_TEST_RESULT;
  const grep = process.env.PYGITHUB_TEST_GREP;
  const started = Date.now();

  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.PYGITHUB_TEST_TIMEOUT_MS) || 30_000,
    ...(grep ? { grep } : {}),
  });

  const write = (text: string) => {
    if (!outputPath) return;
    try {
      appendFileSync(outputPath, text + '\n');
    } catch {
      /* the runner went away; keep testing */
    }
  };
  const restoreOutput = outputPath ? teeOutput(write) : () => {};

  const finish = (stats: Partial<Mocha.Stats> | undefined, error?: unknown): Promise<void> => {
    restoreOutput();
    const result: SuiteResult = {
      passes: stats?.passes ?? 0,
      failures: Math.max(stats?.failures ?? 0, error ? 1 : 0),
      pending: stats?.pending ?? 0,
      tests: stats?.tests ?? 0,
      durationMs: Date.now() - started,
    };
    if (resultPath) writeFileSync(resultPath, JSON.stringify(result));
    if (error) {
      write(`\nThe suite failed outside any test: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return result.failures > 0 ? Promise.reject(new Error(`${result.failures} test(s) failed`)) : Promise.resolve();
  };

  try {
    if (!loadedByMocha) {
      // Same thing mocha does before requiring each test file: define describe/it/... on globalThis.
      mocha.suite.emit('pre-require', globalThis, 'test/extension/index.ts', mocha);
      loadSuites();
      mocha.suite.emit('post-require', globalThis, 'test/extension/index.ts', mocha);
    }
    return new Promise<void>((resolve, reject) => {
      let runner: Mocha.Runner | undefined = undefined;
      runner = mocha.run((failures) => finish({ ...runner?.stats, failures: runner?.stats?.failures ?? failures }).then(resolve, reject));
    });
  } catch (error) {
    return finish(undefined, error);
  }
}

/**
 * Sends every reporter line (mocha's Base.consoleLog) and everything printed with console.* to
 * `write` as well as to where it normally goes. Returns a function that undoes it.
 */
function teeOutput(write: (text: string) => void): () => void {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const originalConsoleLog = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => {
    write(format(...args));
    originalConsoleLog(...args);
  };
  // VS Code's extension host defines console.* as accessors whose setter ignores assignments, so
  // replace the properties themselves, and put the original descriptors back afterwards.
  const levels = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const descriptors = levels.map((level) => Object.getOwnPropertyDescriptor(console, level));
  for (const level of levels) {
    const original = console[level];
    Object.defineProperty(console, level, {
      configurable: true,
      enumerable: true,
      writable: true,
      value: (...args: unknown[]) => {
        write(`      [console.${level}] ${format(...args)}`);
        original.apply(console, args);
      },
    });
  }
  return () => {
    base.consoleLog = originalConsoleLog;
    levels.forEach((level, i) => {
      const descriptor = descriptors[i];
      if (descriptor) Object.defineProperty(console, level, descriptor);
    });
  };
}

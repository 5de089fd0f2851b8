// Runs the in-VS-Code suite (test/extension/index.ts) inside a real VS Code without downloading
// VS Code: code-server (VS Code's server build, installed from npm by
// scripts/install-vscode-host.mjs) serves the workbench, headless Chromium (playwright-core)
// opens it, and VS Code's smoke-test driver runs the suite given in the URL's `payload`.
//
//   node --import tsx test/extension/runner/run.ts [--grep <text>] [--no-build] [--keep] [--verbose]
//
//   --grep <text>  only run tests whose full title contains <text>
//   --no-build     do not run `npm run build` first (it takes about a second)
//   --keep         keep the temporary folder (HOME, user data, logs) and print where it is
//   --verbose      also print code-server's and the browser's console output as they come
//   --untrusted    run only suite/restrictedMode.test.ts, with workspace trust on: the folder opens in
//                  Restricted Mode, with workspace settings a trusted folder would apply
// Env: PYGITHUB_VSCODE_TEST_TIMEOUT_MS (whole run, default 600000), PYGITHUB_TEST_TIMEOUT_MS (per
// test, default 30000), PYGITHUB_CHROMIUM (default /usr/bin/chromium).
//
// Before anything else, scripts/ensure-debian-packages.mjs checks for (and as root, or with `sudo -n`,
// installs) Chromium and what code-server's native modules need, or stops with the apt-get line to
// run; then scripts/install-vscode-host.mjs installs the host if it is not cached.
//
// The last line on stdout is always `N passed, N failed`. Exit code 0 only when every test passed.
//
// Other scripts (scripts/screenshot.ts) import runSuite() and pass RunHooks; importing this file
// does not start a run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, openSync, readSync, closeSync, readFileSync, realpathSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestEnvironment, type TestEnvironment } from './environment';
import { SIM_API_URL_ENV } from './fixtures';

const repoRoot = resolve(__dirname, '..', '..', '..');
const extensionTestsPath = join(repoRoot, 'out', 'test', 'extension', 'index.js');
const extensionMain = join(repoRoot, 'dist', 'extension.js');

interface Host {
  node: string;
  nodeVersion: string;
  codeServerVersion: string;
  codeServerEntry: string;
}

interface SuiteResult {
  passes: number;
  failures: number;
  pending: number;
  tests: number;
}

class RunError extends Error {}

/** For scripts that reuse the run (scripts/screenshot.ts); `npm run test:vscode` passes none. */
export interface RunHooks {
  /** Merged over the default user settings of the temporary profile. */
  settings?: Record<string, unknown>;
  /** The browser page's size (playwright's default is 1280x720). */
  viewport?: { width: number; height: number };
  /** Called once the workbench page is loading; a rejection fails the run. */
  onPage?(page: Page): Promise<void>;
  /** Keep workspace trust on, so that the folder opens in Restricted Mode (`--untrusted`). */
  workspaceTrust?: boolean;
  /** Written to the opened folder's .vscode/settings.json. */
  workspaceSettings?: Record<string, unknown>;
  /** Extra environment for code-server and so the extension host (and test/extension/index.ts). */
  env?: Record<string, string>;
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const verbose = flag('--verbose') || process.env.PYGITHUB_VSCODE_TEST_VERBOSE === '1';
const keep = flag('--keep');
const grep = option('--grep');
const overallTimeoutMs = Number(process.env.PYGITHUB_VSCODE_TEST_TIMEOUT_MS) || 10 * 60_000;
const chromiumPath = process.env.PYGITHUB_CHROMIUM || '/usr/bin/chromium';

const t0 = Date.now();
function log(message: string): void {
  process.stderr.write(`[vscode-test +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Installs Chromium and the build dependencies of code-server if missing, or stops with the apt-get line to run. */
function ensureSystemPackages(): void {
  const script = join(repoRoot, 'scripts', 'ensure-debian-packages.mjs');
  const result = spawnSync(process.execPath, [script], { cwd: repoRoot, stdio: ['ignore', 2, 'inherit'] });
  if (result.status !== 0) throw new RunError(`the system packages the VS Code host needs are missing (${script} exited ${result.status ?? result.signal}; see above)`);
}

/** Installs code-server + Node 24 if needed (cached in .vscode-test/) and returns their paths. */
function ensureHost(): Host {
  const installer = join(repoRoot, 'scripts', 'install-vscode-host.mjs');
  const result = spawnSync(process.execPath, [installer], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) throw new RunError(`installing the VS Code host failed (${installer} exited ${result.status ?? result.signal})`);
  return JSON.parse(result.stdout) as Host;
}

function build(): void {
  if (!flag('--no-build')) {
    log('npm run build');
    const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) throw new RunError(`npm run build failed (exit ${result.status ?? result.signal})`);
  }
  for (const file of [extensionMain, extensionTestsPath]) {
    if (!existsSync(file)) throw new RunError(`${file} is missing; run \`npm run build\``);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Streams a file that another process appends to (the suite's reporter output) to our stdout. */
class FileTail {
  private offset = 0;
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly path: string) {}
  start(): void {
    this.timer = setInterval(() => this.flush(), 200);
  }
  flush(): void {
    if (!existsSync(this.path)) return;
    const size = statSync(this.path).size;
    if (size <= this.offset) return;
    const fd = openSync(this.path, 'r');
    try {
      const buffer = Buffer.alloc(size - this.offset);
      const n = readSync(fd, buffer, 0, buffer.length, this.offset);
      this.offset += n;
      process.stdout.write(buffer.subarray(0, n));
    } finally {
      closeSync(fd);
    }
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.flush();
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the whole process group: server, extension host, pty host, watcher
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopCodeServer(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  killGroup(child, 'SIGTERM');
  for (let i = 0; i < 50 && groupAlive(child.pid); i++) await sleep(100);
  if (groupAlive(child.pid)) {
    log('code-server did not stop within 5s of SIGTERM; sending SIGKILL');
    killGroup(child, 'SIGKILL');
  }
}

async function waitUntilServing(url: string, child: ChildProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new RunError(`code-server exited (${child.exitCode ?? child.signalCode}) before serving; its log:\n${readFileSync(logPath, 'utf8')}`);
    }
    try {
      const response = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new RunError(`code-server did not serve ${url} within 90s; its log:\n${readFileSync(logPath, 'utf8')}`);
}

export async function runSuite(hooks: RunHooks = {}): Promise<number> {
  ensureSystemPackages();
  const host = ensureHost();
  build();
  if (!existsSync(chromiumPath)) throw new RunError(`${chromiumPath} not found: install Debian's chromium (apt-get install chromium) or set PYGITHUB_CHROMIUM`);

  const tmp = mkdtempSync(join(tmpdir(), 'pygithub-vscode-test-'));
  const dirs = {
    home: join(tmp, 'home'),
    userData: join(tmp, 'user-data'),
    extensions: join(tmp, 'extensions'),
    workspace: join(tmp, 'workspace'),
    browser: join(tmp, 'browser'),
    tmp: join(tmp, 'tmp'), // TMPDIR: VS Code's IPC sockets and the extension host's os.tmpdir()
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  if (hooks.workspaceSettings) {
    mkdirSync(join(dirs.workspace, '.vscode'), { recursive: true });
    writeFileSync(join(dirs.workspace, '.vscode', 'settings.json'), JSON.stringify(hooks.workspaceSettings, null, 2));
  }
  writeFileSync(
    join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false, 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', ...hooks.settings }, null, 2),
  );
  const outputPath = join(tmp, 'mocha-output.log');
  const resultPath = join(tmp, 'mocha-result.json');
  const serverLogPath = join(tmp, 'code-server.log');
  const browserLogPath = join(tmp, 'browser-console.log');

  let codeServer: ChildProcess | undefined;
  let browser: Browser | undefined;
  let testEnv: TestEnvironment | undefined;
  const tail = new FileTail(outputPath);
  let timer: NodeJS.Timeout | undefined;

  // Runs once; every caller (normal end, error, signal) waits for the same cleanup.
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      if (timer) clearTimeout(timer);
      tail.stop();
      await browser?.close().catch(() => undefined);
      if (codeServer) await stopCodeServer(codeServer);
      await testEnv?.close().catch((error: unknown) => log(`closing the simulator failed: ${String(error)}`));
      if (keep) log(`kept ${tmp}`);
      else rmSync(tmp, { recursive: true, force: true });
    })());
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    log(`${signal}: stopping code-server and the browser`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    testEnv = await startTestEnvironment(tmp);
    log(`GitHub simulator at ${testEnv.env[SIM_API_URL_ENV]}; env for the suite: ${Object.keys(testEnv.env).join(', ')}`);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const serverLog = createWriteStream(serverLogPath);
    log(`starting code-server ${host.codeServerVersion} (Node ${host.nodeVersion}) on ${url}`);
    codeServer = spawn(
      host.node,
      [
        host.codeServerEntry,
        '--bind-addr', `127.0.0.1:${port}`,
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        // Otherwise Restricted Mode (what --untrusted tests).
        ...(hooks.workspaceTrust ? [] : ['--disable-workspace-trust']),
        '--user-data-dir', dirs.userData,
        '--extensions-dir', dirs.extensions,
        '--reconnection-grace-time', '5', // otherwise extension hosts outlive the browser for hours
        '--vscode-option', 'enable-smoke-test-driver', // otherwise the `payload` in the URL is ignored
        '--ignore-last-opened',
      ],
      {
        cwd: dirs.workspace,
        // Own process group, so that cleanup can end code-server and everything it started.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          ...testEnv.env, // reaches the extension host's process.env
          HOME: dirs.home,
          XDG_CONFIG_HOME: join(dirs.home, '.config'),
          XDG_DATA_HOME: join(dirs.home, '.local', 'share'),
          XDG_CACHE_HOME: join(dirs.home, '.cache'),
          TMPDIR: dirs.tmp,
          TMP: dirs.tmp,
          TEMP: dirs.tmp,
          PYGITHUB_TEST_OUTPUT: outputPath,
          PYGITHUB_TEST_RESULT: resultPath,
          ...(grep ? { PYGITHUB_TEST_GREP: grep } : {}),
          ...hooks.env,
        },
      },
    );
    for (const stream of [codeServer.stdout!, codeServer.stderr!]) {
      stream.pipe(serverLog, { end: false });
      if (verbose) stream.on('data', (chunk: Buffer) => process.stderr.write(`[code-server] ${chunk}`));
    }

    const exitCode = await new Promise<number>((resolveExit, reject) => {
      timer = setTimeout(
        () => reject(new RunError(`timed out after ${overallTimeoutMs / 1000}s (PYGITHUB_VSCODE_TEST_TIMEOUT_MS); the suite never reported its exit code`)),
        overallTimeoutMs,
      );
      codeServer!.once('exit', (code, signal) => reject(new RunError(`code-server exited (${code ?? signal}) during the run`)));

      void (async () => {
        await waitUntilServing(url, codeServer!, serverLogPath);
        log('code-server is serving; launching headless Chromium');
        browser = await chromium.launch({
          executablePath: chromiumPath,
          headless: true,
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
          env: { ...process.env, HOME: dirs.browser },
          // This script handles signals itself, so that code-server is stopped too.
          handleSIGINT: false,
          handleSIGTERM: false,
          handleSIGHUP: false,
        });
        browser.on('disconnected', () => reject(new RunError('the browser closed during the run')));
        const page = await browser.newPage(hooks.viewport ? { viewport: hooks.viewport } : {});
        const browserLog = createWriteStream(browserLogPath);
        page.on('console', (message) => {
          const line = `[browser ${message.type()}] ${message.text()}\n`;
          browserLog.write(line);
          if (verbose) process.stderr.write(line);
        });
        page.on('pageerror', (error) => browserLog.write(`[browser pageerror] ${error.stack ?? error.message}\n`));
        // VS Code's smoke-test driver calls this with the suite's exit code when run() settles.
        await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));

        const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
        const payload = [
          ['extensionDevelopmentPath', remote(repoRoot)],
          ['extensionTestsPath', remote(extensionTestsPath)],
        ];
        const pageUrl = `${url}?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
        tail.start();
        log('running the suite in VS Code');
        await page.goto(pageUrl, { waitUntil: 'domcontentloaded' });
        await hooks.onPage?.(page);
      })().catch(reject);
    });

    tail.stop();
    const result = existsSync(resultPath) ? (JSON.parse(readFileSync(resultPath, 'utf8')) as SuiteResult) : undefined;
    if (!result) {
      log(`the suite exited with ${exitCode} without reporting results (it failed before mocha ran: see the extension host errors below)`);
      printDiagnostics(serverLogPath, browserLogPath);
      process.stdout.write(`0 passed, 1 failed\n`);
      return 1;
    }
    if (exitCode !== 0 || result.failures > 0) {
      log(`suite exit code ${exitCode}${verbose || keep ? '' : '; rerun with --verbose (or --keep) for the code-server and browser logs'}`);
    }
    // The simulator answered something GitHub would not send: the suite tested against a wrong GitHub.
    const openApi = await testEnv.openApiFailure();
    if (openApi) log(openApi);
    // A non-zero exit code with no failed test (VS Code's own error) still counts as a failure.
    const failed = Math.max(result.failures, exitCode === 0 ? 0 : 1) + (openApi ? 1 : 0);
    process.stdout.write(`${result.passes} passed, ${failed} failed\n`);
    return failed === 0 ? 0 : 1;
  } catch (error) {
    tail.stop();
    if (interrupted) {
      process.stdout.write('0 passed, 1 failed\n');
      return 130;
    }
    if (error instanceof RunError) log(error.message);
    else log(`runner error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    printDiagnostics(serverLogPath, browserLogPath);
    const result = existsSync(resultPath) ? (JSON.parse(readFileSync(resultPath, 'utf8')) as SuiteResult) : undefined;
    process.stdout.write(`${result?.passes ?? 0} passed, ${Math.max(result?.failures ?? 0, 1)} failed\n`);
    return 1;
  } finally {
    await cleanup();
    log(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    if (interrupted) process.exit(130);
  }
}

/** After a failure outside the tests: the last lines of code-server's log and the browser console's errors. */
function printDiagnostics(serverLogPath: string, browserLogPath: string): void {
  if (verbose) return; // already printed as it came
  const lastLines = (path: string, n: number, filter?: (line: string) => boolean) => {
    if (!existsSync(path)) return [];
    const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line && (!filter || filter(line)));
    return lines.slice(-n);
  };
  const server = lastLines(serverLogPath, 40);
  if (server.length) log(`code-server log (last ${server.length} lines):\n${server.join('\n')}`);
  const browserErrors = lastLines(browserLogPath, 40, (line) => /^\[browser (error|pageerror)\]|Extension Host/.test(line));
  if (browserErrors.length) log(`browser console errors (last ${browserErrors.length}):\n${browserErrors.join('\n')}`);
}

const isEntryPoint = (() => {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(__filename);
  } catch {
    return false;
  }
})();
/** `--untrusted`: the folder is not trusted, and its settings try what a hostile folder would. */
const UNTRUSTED: RunHooks = {
  workspaceTrust: true,
  workspaceSettings: { 'pygithubMcp.timeout': 1, 'pygithubMcp.retry': 50, 'pygithubMcp.logLevel': 'off', 'pygithubMcp.readOnly': false },
  env: { PYGITHUB_TEST_SUITE: 'restrictedMode' },
};

if (isEntryPoint) {
  runSuite(flag('--untrusted') ? UNTRUSTED : {}).then(
    (code) => process.exit(code),
    (error: unknown) => {
      log(error instanceof Error ? error.message : String(error));
      process.stdout.write('0 passed, 1 failed\n');
      process.exit(1);
    },
  );
}

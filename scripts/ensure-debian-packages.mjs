#!/usr/bin/env node
// Makes sure the system packages that `npm test` needs are installed, before any long work starts:
//   chromium                                       the browser that drives VS Code in test:vscode
//   libkrb5-dev libxkbfile-dev libsecret-1-dev     headers for code-server's native modules
//   python3 make g++ pkg-config                    what node-gyp needs to build them
//   openssl                                        test:server makes a throwaway CA with it
//
//   node scripts/ensure-debian-packages.mjs
//
// On Debian (dpkg-query present) one dpkg-query call checks them; when all are installed that is all
// it does. Missing ones are installed with apt-get when it can (running as root, or `sudo -n` works),
// unless PYGITHUB_NO_APT_INSTALL=1. Otherwise it exits 1 at once and prints the apt-get line to run.
// Without dpkg (not Debian) it checks for the commands and pkg-config modules those packages provide:
// all there, it carries on; anything missing, it says what and exits 1.
//
// Testing only: PYGITHUB_TEST_ASSUME_MISSING_PACKAGES="chromium,openssl" treats those as not installed.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'python3', 'make', 'g++', 'pkg-config', 'openssl'];

function log(message) {
  process.stderr.write(`[debian-packages] ${message}\n`);
}

function onPath(command) {
  if (command.includes('/')) return isExecutable(command);
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && isExecutable(join(dir, command)));
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function succeeds(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.status === 0;
}

/** The packages of `packages` that dpkg does not report as installed. */
function missingDebianPackages(packages, { honourTestOverride = true } = {}) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package}\\t${db:Status-Abbrev}\\n', ...packages], { encoding: 'utf8' });
  const installed = new Set();
  for (const line of (result.stdout ?? '').split('\n')) {
    const [name, status] = line.split('\t');
    if (name && status?.startsWith('ii')) installed.add(name.replace(/:.*/, ''));
  }
  const assumeMissing = new Set(honourTestOverride ? (process.env.PYGITHUB_TEST_ASSUME_MISSING_PACKAGES ?? '').split(/[\s,]+/).filter(Boolean) : []);
  return packages.filter((name) => !installed.has(name) || assumeMissing.has(name));
}

function installLines(missing) {
  return [`apt-get update`, `apt-get install -y --no-install-recommends ${missing.join(' ')}`];
}

function cannotInstall(missing, why) {
  const [update, install] = installLines(missing);
  log(`missing Debian packages: ${missing.join(' ')}`);
  log(`${why}. Run as root (or with sudo), then run npm test again:`);
  process.stderr.write(`\n    ${update}\n    ${install}\n\n`);
  return 1;
}

function apt(prefix, args) {
  // No stdin and no debconf questions; wait for a dpkg lock held by another apt instead of failing.
  const command = [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-o', 'DPkg::Lock::Timeout=300', ...args];
  log(command.join(' '));
  const result = spawnSync(command[0], command.slice(1), { stdio: ['ignore', 2, 2] });
  return result.status === 0;
}

function ensureOnDebian() {
  const missing = missingDebianPackages(DEBIAN_PACKAGES);
  if (missing.length === 0) return 0;
  if (process.env.PYGITHUB_NO_APT_INSTALL === '1') return cannotInstall(missing, 'PYGITHUB_NO_APT_INSTALL=1, so they are not installed automatically');
  let prefix;
  if (process.getuid?.() === 0) prefix = [];
  else if (onPath('sudo') && succeeds('sudo', ['-n', 'true'])) prefix = ['sudo', '-n'];
  else return cannotInstall(missing, 'cannot install them: not root, and `sudo -n` is not available');

  const start = Date.now();
  log(`installing missing Debian packages: ${missing.join(' ')}`);
  if (!apt(prefix, ['update']) || !apt(prefix, ['install', '-y', '--no-install-recommends', ...missing])) {
    return cannotInstall(missing, 'apt-get failed (see above)');
  }
  const still = missingDebianPackages(missing, { honourTestOverride: false });
  if (still.length) return cannotInstall(still, 'apt-get finished, but these are still not installed');
  log(`installed in ${((Date.now() - start) / 1000).toFixed(1)}s`);
  return 0;
}

/** Not Debian: look for what the packages provide instead. */
function ensureElsewhere() {
  const chromium = process.env.PYGITHUB_CHROMIUM || '/usr/bin/chromium';
  const needs = [
    [`Chromium at ${chromium} (set PYGITHUB_CHROMIUM to use another path)`, () => isExecutable(chromium)],
    ['python3', () => onPath('python3')],
    ['make', () => onPath('make')],
    ['a C++ compiler (g++ or c++)', () => onPath('g++') || onPath('c++')],
    ['pkg-config', () => onPath('pkg-config')],
    ['openssl', () => onPath('openssl')],
  ];
  for (const [module, debian] of [['krb5-gssapi', 'libkrb5-dev'], ['xkbfile', 'libxkbfile-dev'], ['libsecret-1', 'libsecret-1-dev']]) {
    needs.push([`the ${module} development files (Debian: ${debian})`, () => onPath('pkg-config') && succeeds('pkg-config', ['--exists', module])]);
  }
  const missing = needs.filter(([, present]) => !present()).map(([what]) => what);
  if (missing.length === 0) {
    log('no dpkg here (not Debian); found the commands and libraries the Debian packages would provide, carrying on');
    return 0;
  }
  log('no dpkg here (not Debian), so nothing is installed automatically. npm test needs what these Debian packages provide:');
  log(`  ${DEBIAN_PACKAGES.join(' ')}`);
  log('missing here:');
  for (const what of missing) log(`  - ${what}`);
  return 1;
}

const exitCode = onPath('dpkg-query') ? ensureOnDebian() : ensureElsewhere();
process.exitCode = exitCode;

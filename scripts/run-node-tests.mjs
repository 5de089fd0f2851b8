// Runs every *.test.ts below the given folders with node's test runner and tsx.
// Node 20's `--test` neither expands globs nor picks up .ts files, hence this file.
// Files run one at a time in sorted order, so test/server/zz-no-leak.test.ts sees the whole suite;
// a test that hangs fails after two minutes instead of holding CI.
// SIM_OPENAPI=1 makes every simulator the tests start check each answer it sends against GitHub's
// OpenAPI description and fail the test file otherwise (test/simulator/README.md); SIM_OPENAPI=0 turns that off.
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir) {
  if (!statSync(dir).isDirectory()) return [dir];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return collect(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = process.argv.slice(2).flatMap(collect).sort();
if (files.length === 0) {
  console.error('no test files found in', process.argv.slice(2).join(' '));
  process.exit(1);
}
const env = { SIM_OPENAPI: '1', ...process.env, PYGITHUB_LEAK_LOG: mkdtempSync(join(tmpdir(), 'pygithub-leak-log-')) };
const { status } = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=120000', ...files], { stdio: 'inherit', env });
process.exit(status ?? 1);

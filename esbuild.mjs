// Bundles the stdio MCP server, the VS Code extension and the in-VS-Code test suite.
// Usage: node esbuild.mjs [--production] [--watch]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * tools/list as JSON, generated from the tool definitions and embedded in the server, so a start
 * builds no zod schema (src/server/tools/catalog.ts). Watch builds leave it out: the server then
 * builds the catalog itself, so it never serves a stale one.
 */
async function toolCatalog() {
  const dir = mkdtempSync(join(tmpdir(), 'pygithub-catalog-'));
  try {
    const outfile = join(dir, 'catalog.js');
    await esbuild.build({ ...common, minify: false, sourcemap: false, entryPoints: ['scripts/tool-catalog.ts'], outfile });
    return execFileSync(process.execPath, [outfile], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const catalog = watch ? {} : { define: { __TOOL_CATALOG__: JSON.stringify(await toolCatalog()) } };

const builds = [
  // The server runs standalone (`node dist/server.js`), so it needs the shebang.
  { ...common, ...catalog, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
];
if (!production) {
  // The suite that runs inside VS Code; never shipped in the .vsix.
  builds.push({ ...common, entryPoints: ['test/extension/index.ts'], outfile: 'out/test/extension/index.js', external: ['vscode', 'mocha'] });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}

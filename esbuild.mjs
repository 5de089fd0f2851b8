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

const catalogJson = watch ? undefined : await toolCatalog();
const catalog = catalogJson ? { define: { __TOOL_CATALOG__: JSON.stringify(catalogJson) } } : {};
/** The extension gets only what a token must grant per tool (src/extension/auth/toolNeedsTable.ts), not the schemas. */
const toolNeeds = catalogJson
  ? {
      define: {
        __TOOL_NEEDS__: JSON.stringify(
          JSON.stringify(
            JSON.parse(catalogJson).map((entry) => ({
              name: entry.tool.name,
              toolset: entry.toolset,
              readOnly: Boolean(entry.tool.annotations?.readOnlyHint || entry.readOnlyVariant),
              needs: entry.needs,
            })),
          ),
        ),
      },
    }
  : {};

/**
 * Octokit and graphql serve tool calls only, so they go to dist/server-vendor.js, required at
 * the first call: every start parses and compiles about a fifth less code. (Our own code stays in
 * one bundle: redact.ts's registered secrets and error classes must exist once.)
 */
const VENDOR = /^(@octokit\/|graphql(\/|$))/;
const vendored = new Set();
const vendorPlugin = {
  name: 'vendor',
  setup(build) {
    build.onResolve({ filter: VENDOR }, (args) => (vendored.add(args.path), { path: args.path, namespace: 'vendor' }));
    build.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({
      contents: `module.exports = require(require('node:path').join(__dirname, 'server-vendor.js'))[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
};
const vendorBuild = () => ({
  ...common,
  stdin: { contents: `module.exports = {${[...vendored].map((name) => `${JSON.stringify(name)}: require(${JSON.stringify(name)})`).join(', ')}};`, resolveDir: process.cwd(), loader: 'js' },
  outfile: 'dist/server-vendor.js',
});

const builds = [
  // The server runs standalone (`node dist/server.js`), so its entry needs the shebang; it loads server-main.js.
  { ...common, entryPoints: ['src/server/bin.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, ...catalog, entryPoints: ['src/server/main.ts'], outfile: 'dist/server-main.js', plugins: [vendorPlugin] },
  { ...common, ...toolNeeds, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
];
if (!production) {
  // The suite that runs inside VS Code; never shipped in the .vsix.
  builds.push({ ...common, entryPoints: ['test/extension/index.ts'], outfile: 'out/test/extension/index.js', external: ['vscode', 'mocha'] });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  // After the server build, which found what to vendor.
  await esbuild.build(vendorBuild());
}

// Bundles the stdio MCP server, the VS Code extension and the in-VS-Code test suite.
// Usage: node esbuild.mjs [--production] [--watch]
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

const builds = [
  // The server runs standalone (`node dist/server.js`), so it needs the shebang.
  { ...common, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
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

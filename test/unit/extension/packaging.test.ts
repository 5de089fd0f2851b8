// The extension page: what `npm run package` puts in the .vsix (user README, its images, the
// icon, repository links), checked on a vsix built here with vsce itself.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readZip, USER_README, vsixProblems } from '../../../scripts/check-vsix';
import pkg from '../../../package.json';

const root = resolve(__dirname, '..', '..', '..');
const manifest = pkg as unknown as Record<string, any>;

describe('the extension page', () => {
  it('npm run package packs the user README and checks the vsix', () => {
    const script: string = manifest.scripts.package;
    assert.match(script, new RegExp(`vsce package .*--readme-path ${USER_README.replace(/\./g, '\\.')}`));
    assert.match(script, /&& node --import tsx scripts\/check-vsix\.ts pygithub-mcp-server\.vsix$/);
  });

  it('the user README opens with install, sign in or add an App, use it in Copilot agent mode', () => {
    const text = readFileSync(join(root, USER_README), 'utf8').replace(/<!--[\s\S]*?-->\s*/g, '');
    const [title, , lead] = text.split('\n');
    assert.equal(title, '# PyGithub MCP Server');
    assert.match(lead, /^\*\*Install, sign in or add an App, use it in Copilot agent mode\.\*\*/);
    assert.deepEqual([...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]).slice(0, 3), ['1. Install', '2. Sign in or add an App', '3. Use it in Copilot agent mode']);
  });

  it('the repository README keeps opening with the two developer commands', () => {
    const lines = readFileSync(join(root, 'README.md'), 'utf8').split('\n');
    assert.equal(lines[3].split('#')[0].trim(), 'npm ci && npm run package');
    assert.equal(lines[4].split('#')[0].trim(), 'npm test');
  });

  it('names the repository, its issues and home page', () => {
    assert.match(manifest.repository.url, /^https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/);
    assert.equal(manifest.bugs.url, manifest.repository.url.replace(/\.git$/, '/issues'));
    assert.ok(manifest.homepage.startsWith(manifest.repository.url.replace(/\.git$/, '')));
  });

  describe('a vsix packed by vsce as npm run package does', () => {
    let dir: string;
    let files: Map<string, Buffer>;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'pygithub-vsix-'));
      const out = join(dir, 'test.vsix');
      // The same vsce flags as the package script; dist/ need not be built for what is checked here.
      const vsce = spawnSync(
        process.execPath,
        [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--readme-path', USER_README, '--out', out],
        { cwd: root, encoding: 'utf8' },
      );
      assert.equal(vsce.status, 0, vsce.stderr + vsce.stdout);
      files = readZip(readFileSync(out));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('has the user README as its readme, the images it shows, and a 128x128 PNG icon', () => {
      assert.deepEqual(vsixProblems(files, root), []);
      assert.equal(files.get('extension/readme.md')!.toString('utf8'), readFileSync(join(root, USER_README), 'utf8'));
      assert.ok(files.has('extension/media/icon.png'));
    });

    it('the checker fails a vsix with the developer README, or without the icon', () => {
      const broken = new Map(files);
      broken.set('extension/readme.md', readFileSync(join(root, 'README.md')));
      broken.delete('extension/media/icon.png');
      const problems = vsixProblems(broken, root);
      assert.ok(problems.some((p) => /readme\.md is not docs\/marketplace\/README\.md/.test(p)), problems.join('\n'));
      assert.ok(problems.some((p) => /icon media\/icon\.png is not in the package/.test(p)), problems.join('\n'));
    });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentUri, parseContentUri, type ContentTarget } from '../../../src/server/resources/uri';

describe('repo:// content URIs', () => {
  it('parses each template shape into owner, repo, ref and path', () => {
    assert.deepEqual(parseContentUri('repo://octocat/hello-world/contents'), { owner: 'octocat', repo: 'hello-world', kind: 'default', path: '' });
    assert.deepEqual(parseContentUri('repo://octocat/hello-world/contents/src/hello.js'), { owner: 'octocat', repo: 'hello-world', kind: 'default', path: 'src/hello.js' });
    assert.deepEqual(parseContentUri('repo://o/r/refs/heads/feature%2Fx/contents/a%20b.md'), { owner: 'o', repo: 'r', kind: 'branch', ref: 'refs/heads/feature/x', path: 'a b.md' });
    assert.deepEqual(parseContentUri('repo://o/r/refs/tags/v1.0.0/contents/'), { owner: 'o', repo: 'r', kind: 'tag', ref: 'refs/tags/v1.0.0', path: '' });
    assert.deepEqual(parseContentUri('repo://o/r/sha/abc1234/contents/x'), { owner: 'o', repo: 'r', kind: 'sha', ref: 'abc1234', path: 'x' });
    assert.deepEqual(parseContentUri('repo://o/r/refs/pull/12/head/contents/x'), { owner: 'o', repo: 'r', kind: 'pull', ref: 'refs/pull/12/head', path: 'x' });
  });

  it('refuses what the argument grammar refuses, and malformed URIs', () => {
    for (const uri of [
      'repo://o/r/contents/../x',
      'repo://o/r/contents/a/%2E%2E/x',
      'repo://o/r/contents/a%2F..%2Fx',
      'repo://o/r/contents/a%00b',
      'repo://o/r/contents/%E0%A4%A',
      'repo://o/r/contents//x',
      'repo://o/r/contents/x?ref=main',
      'repo://o/../contents',
      'repo://o%2F../r/contents',
      'repo://o/r/refs/heads/a~1/contents',
      'repo://o/r/refs/pull/0/head/contents',
      'repo://o/r/refs/remotes/x/contents',
      'https://api.github.com/repos/o/r/contents',
      `repo://o/r/contents/${'a'.repeat(5000)}`,
    ]) {
      assert.equal(typeof parseContentUri(uri), 'string', uri);
    }
  });

  it('builds entry URIs that parse back to the same target', () => {
    const targets: ContentTarget[] = [
      { owner: 'o', repo: 'r', kind: 'default', path: 'docs/a b.md' },
      { owner: 'o', repo: 'r', kind: 'branch', ref: 'refs/heads/feature/x', path: 'src/i.ts' },
      { owner: 'o', repo: 'r', kind: 'tag', ref: 'refs/tags/v1', path: '' },
      { owner: 'o', repo: 'r', kind: 'sha', ref: 'abc1234', path: 'x' },
      { owner: 'o', repo: 'r', kind: 'pull', ref: 'refs/pull/3/head', path: 'x/y' },
    ];
    for (const target of targets) assert.deepEqual(parseContentUri(contentUri(target, target.path)), target, contentUri(target, target.path));
  });
});

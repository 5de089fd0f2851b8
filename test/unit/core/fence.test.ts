import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { GitHubClock } from '../../../src/core/clock';
import { createFence } from '../../../src/core/client/fence';
import { createTransport } from '../../../src/core/client/transport';
import { GitHubError } from '../../../src/core/errors';
import { config, github, json, loopback, type Loopback } from './loopback';

describe('base-path fence: where a URL falls', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['https://api.github.com', 'https://api.github.com/repos/o/r/issues', 'api'],
    ['https://api.github.com', 'https://api.github.com/graphql', 'graphql'],
    ['https://api.github.com', 'https://uploads.github.com/repos/o/r/releases/1/assets?name=a.zip', 'upload'],
    ['https://api.github.com', 'https://github.com/login/oauth/access_token', 'oauth'],
    ['https://api.github.com', 'https://github.com/login/device/code', 'oauth'],
    ['https://api.github.com', 'https://github.com/login/oauth/authorize', undefined],
    ['https://api.github.com', 'https://github.com/o/r', undefined],
    ['https://api.github.com', 'http://api.github.com/user', undefined],
    ['https://api.github.com', 'https://api.github.com.evil.example/user', undefined],
    ['https://api.github.com', 'https://api.github.com/repos/..%2F..%2Fx/r', undefined],
    ['https://ghe.example/api/v3', 'https://ghe.example/api/v3', 'api'],
    ['https://ghe.example/api/v3', 'https://ghe.example/api/v3/repos/o/r', 'api'],
    ['https://ghe.example/api/v3', 'https://ghe.example/api/v3x/repos', undefined],
    ['https://ghe.example/api/v3', 'https://ghe.example/api/issues', undefined],
    ['https://ghe.example/api/v3', 'https://ghe.example/api/graphql', 'graphql'],
    ['https://ghe.example/api/v3', 'https://ghe.example/api/uploads/repos/o/r/releases/1/assets', 'upload'],
    ['https://ghe.example/api/v3', 'https://ghe.example/api/uploadsx', undefined],
    ['https://ghe.example/api/v3', 'https://ghe.example/login/oauth/access_token', 'oauth'],
    ['https://ghe.example/api/v3', 'https://ghe.example/login/oauth/access_token/x', undefined],
    ['https://ghe.example/api/v3', 'https://ghe.example/api/v3/repos/o/r/contents/a%2F..%2F..%2F..%2Fadmin', undefined],
    ['https://ghe.example/api/v3', 'https://ghe.example/api/v3/repos/o/r/contents/docs%2Freadme.md', 'api'],
    ['https://ghe.example/api/v3', 'https://ghe.example/api/v3/repos/o/r/compare/main...topic', 'api'],
    ['https://ghe.example/prefix/api/v3', 'https://ghe.example/prefix/login/device/code', 'oauth'],
    ['https://ghe.example/prefix/api/v3', 'https://ghe.example/login/device/code', undefined],
    ['https://api.octo.ghe.com', 'https://octo.ghe.com/login/oauth/access_token', 'oauth'],
    ['https://api.octo.ghe.com', 'https://uploads.octo.ghe.com/repos/o/r/releases/1/assets', 'upload'],
    ['https://api.octo.ghe.com', 'https://octo.ghe.com/o/r', undefined],
  ];
  for (const [api, url, expected] of cases) {
    it(`${url} under ${api}: ${expected ?? 'outside'}`, () => {
      assert.equal(createFence(api).place(new URL(url)), expected);
    });
  }

  it('WHATWG parsing resolves dot segments, plain or percent-encoded, before the check', () => {
    const fence = createFence('https://ghe.example/api/v3');
    for (const path of ['/api/v3/repos/../../issues', '/api/v3/repos/%2e%2e/%2E%2E/issues', '/api/v3/repos/.%2e/..\\..\\issues']) {
      const url = new URL(`https://ghe.example${path}`);
      assert.equal(fence.place(url), undefined, `${path} → ${url.pathname}`);
    }
  });

  it('describes API paths relative to the base, anything else in full', () => {
    const fence = createFence('https://ghe.example/api/v3');
    assert.equal(fence.describe(new URL('https://ghe.example/api/v3/repos/o/r?per_page=5')), '/repos/o/r');
    assert.equal(fence.describe(new URL('https://ghe.example/api/graphql')), 'https://ghe.example/api/graphql');
  });
});

describe('base-path fence in the transport', () => {
  let api: Loopback;
  after(async () => api?.close());

  it('refuses list_issues(owner: "..", repo: "..") before a byte is sent, naming the path', async () => {
    api = await loopback((_req, res) => json(res, 200, []));
    const gh = github(`${api.origin}/api/v3`);
    const octokit = await gh.client();
    await assert.rejects(octokit.request('GET /repos/{owner}/{repo}/issues', { owner: '..', repo: '..' }), (error: unknown) => {
      assert.ok(error instanceof GitHubError);
      assert.equal(error.kind, 'validation');
      assert.match(error.message, new RegExp(`^Refused to send GET ${api.origin}/api/issues: it is outside the GitHub API at ${api.origin}/api/v3\\.`));
      assert.match(error.message, /nothing was sent/);
      return true;
    });
    // Encoded slashes, which some servers decode: refused as well.
    await assert.rejects(octokit.request('GET /repos/{owner}/{repo}/issues', { owner: '../..', repo: 'x' }), /Refused to send/);
    assert.equal(api.seen.length, 0);
    // The same tool with honest arguments goes through.
    await octokit.request('GET /repos/{owner}/{repo}/issues', { owner: 'o', repo: 'r' });
    assert.equal(api.seen.length, 1);
    assert.equal(api.seen[0].url, '/api/v3/repos/o/r/issues');
    await gh.close();
  });

  it('refuses %2e%2e dot segments and a sibling prefix at the transport itself', async () => {
    const transport = createTransport(config(`${api.origin}/api/v3`), new GitHubClock());
    for (const path of ['/api/v3/repos/%2e%2e/%2e%2e/issues', '/api/v3x/repos', '/user']) {
      await assert.rejects(transport.fetch(`${api.origin}${path}`), (error: unknown) => error instanceof GitHubError && /Refused to send GET/.test(error.message), path);
    }
    assert.equal(api.seen.length, 1);
    await transport.close();
  });

  it('lets the web-origin OAuth endpoints and the GHES upload path through', async () => {
    const transport = createTransport(config(`${api.origin}/api/v3`), new GitHubClock());
    const before = api.seen.length;
    await transport.fetch(`${api.origin}/login/oauth/access_token`, { method: 'POST', body: '{}' });
    await transport.fetch(`${api.origin}/login/device/code`, { method: 'POST', body: '{}' });
    await transport.fetch(`${api.origin}/api/uploads/repos/o/r/releases/1/assets?name=a`, { method: 'POST', body: 'bytes' });
    await transport.fetch(`${api.origin}/api/graphql`, { method: 'POST', body: '{"query":"{ viewer { login } }"}' });
    assert.deepEqual(
      api.seen.slice(before).map((s) => s.url),
      ['/login/oauth/access_token', '/login/device/code', '/api/uploads/repos/o/r/releases/1/assets?name=a', '/api/graphql'],
    );
    await transport.close();
  });
});

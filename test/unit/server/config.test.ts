import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/core/config';
import { DEFAULT_TOOLSETS, flagsToEnvironment, loadServerConfig } from '../../../src/server/config';
import { selectTools } from '../../../src/server/tools/registry';

describe('server configuration', () => {
  it('maps flags to the environment names, flags winning over the environment', () => {
    assert.deepEqual(flagsToEnvironment(['--toolsets=repos,issues', '--read-only', '--api-url', 'https://ghe.example/api/v3', '--netrc=/tmp/n']), {
      GITHUB_TOOLSETS: 'repos,issues',
      GITHUB_READ_ONLY: '1',
      GITHUB_API_URL: 'https://ghe.example/api/v3',
      NETRC: '/tmp/n',
    });
    const config = loadServerConfig({ GITHUB_TOOLSETS: 'all', GITHUB_READ_ONLY: '0' }, ['--toolsets', 'issues', '--read-only']);
    assert.deepEqual(config.toolsets, ['context', 'issues']);
    assert.equal(config.readOnly, true);
  });

  it('rejects stray arguments without echoing them, mistyped flags, and unknown toolsets', () => {
    const pasted = `ghp_${'x'.repeat(36)}`;
    assert.throws(() => flagsToEnvironment(['--token=', pasted]), (error: unknown) => {
      assert.match(String(error), /Argument 2 is not a flag/);
      assert.ok(!String(error).includes(pasted));
      return true;
    });
    // --readonly silently meaning "writes allowed" would be the worst outcome.
    assert.throws(() => flagsToEnvironment(['--readonly']), /Unknown flag --readonly/);
    assert.throws(() => loadServerConfig({ GITHUB_TOOLSETS: 'repos,gists' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /GITHUB_TOOLSETS: unknown toolset gists; choose from all, default, context/);
      return true;
    });
  });

  it('resolves default, all, and adds apps with App auth and context always', () => {
    assert.deepEqual(loadServerConfig({}).toolsets, [...DEFAULT_TOOLSETS]);
    assert.deepEqual(loadServerConfig({ GITHUB_TOOLSETS: 'users' }).toolsets, ['context', 'users']);
    assert.ok(loadServerConfig({ GITHUB_TOOLSETS: 'all' }).toolsets.includes('apps'));
    assert.ok(loadServerConfig({ GITHUB_TOOLSETS: 'issues', GITHUB_APP_JWT: 'a.b.c' }).toolsets.includes('apps'));
  });

  it('read-only selection keeps no tool that writes, and marks github_request read-only', () => {
    const all = selectTools({ toolsets: loadServerConfig({ GITHUB_TOOLSETS: 'all' }).toolsets, readOnly: false }, true);
    const readOnly = selectTools({ toolsets: loadServerConfig({ GITHUB_TOOLSETS: 'all' }).toolsets, readOnly: true }, true);
    assert.ok(all.some((t) => !t.annotations.readOnlyHint));
    assert.ok(readOnly.length < all.length);
    assert.ok(readOnly.every((t) => t.annotations.readOnlyHint && !t.annotations.destructiveHint));
    const request = readOnly.find((t) => t.name === 'github_request');
    assert.ok(request, 'github_request stays in read-only mode');
    assert.equal(all.find((t) => t.name === 'github_request')?.annotations.readOnlyHint, false);
  });

  it('drops the apps toolset when the identity is not an App', () => {
    const tools = selectTools({ toolsets: ['apps', 'context'], readOnly: false }, false);
    assert.ok(tools.every((t) => t.toolset === 'context'));
  });
});

describe('auth_status helpers', () => {
  it('reads GitHub\'s token expiration header in UTC and with an offset, and passes anything else through', async () => {
    const { parseExpirationHeader } = await import('../../../src/server/tools/context');
    assert.equal(parseExpirationHeader('2026-12-01 10:00:00 UTC'), '2026-12-01T10:00:00.000Z');
    assert.equal(parseExpirationHeader('2021-11-02 22:08:00 -0700'), '2021-11-03T05:08:00.000Z');
    assert.equal(parseExpirationHeader('next tuesday'), 'next tuesday');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/core/config';
import { DEFAULT_TOOLSETS, flagsToEnvironment, loadServerConfig } from '../../../src/server/config';
import { selectTools as selectEntries, toolNameProblems } from '../../../src/server/tools/registry';

/** The tools/list entries a selection serves. */
const selectTools = (...args: Parameters<typeof selectEntries>) => selectEntries(...args).map((entry) => ({ ...entry.tool, toolset: entry.toolset }));

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
    assert.throws(() => loadServerConfig({ GITHUB_TOOLSETS: 'repos,no_such_toolset' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /GITHUB_TOOLSETS: unknown toolset no_such_toolset; choose from all, default, context/);
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
    const all = selectTools(loadServerConfig({ GITHUB_TOOLSETS: 'all' }), true);
    const readOnly = selectTools(loadServerConfig({ GITHUB_TOOLSETS: 'all', GITHUB_READ_ONLY: '1' }), true);
    assert.ok(all.some((t) => !t.annotations!.readOnlyHint));
    assert.ok(readOnly.length < all.length);
    assert.ok(readOnly.every((t) => t.annotations!.readOnlyHint && !t.annotations!.destructiveHint));
    const request = readOnly.find((t) => t.name === 'github_request');
    assert.ok(request, 'github_request stays in read-only mode');
    assert.equal(all.find((t) => t.name === 'github_request')?.annotations?.readOnlyHint, false);
  });

  it('adds GITHUB_TOOLS, leaves out GITHUB_EXCLUDE_TOOLS, and drops writes of GITHUB_READ_ONLY_TOOLSETS only', () => {
    const names = (env: Record<string, string>) => selectTools(loadServerConfig(env), false).map((t) => t.name);
    assert.ok(!names({}).includes('github_request'));
    assert.ok(names({ GITHUB_TOOLS: 'github_request, Search_Users' }).includes('github_request'), 'added beside the default toolsets');
    assert.deepEqual(names({ GITHUB_TOOLSETS: 'users', GITHUB_TOOLS: 'get_issue' }).filter((n) => n === 'get_issue' || n === 'list_issues'), ['get_issue']);
    const excluded = names({ GITHUB_EXCLUDE_TOOLS: 'create_issue,merge_pull_request', GITHUB_TOOLS: 'create_issue' });
    assert.ok(!excluded.includes('create_issue') && !excluded.includes('merge_pull_request'), 'exclusion wins');
    const issuesReadOnly = selectTools(loadServerConfig({ GITHUB_READ_ONLY_TOOLSETS: 'issues,requests', GITHUB_TOOLS: 'github_request' }), false);
    assert.ok(issuesReadOnly.filter((t) => t.toolset === 'issues').every((t) => t.annotations!.readOnlyHint));
    assert.ok(issuesReadOnly.some((t) => t.name === 'list_issues'));
    assert.ok(issuesReadOnly.some((t) => t.name === 'create_branch' && !t.annotations!.readOnlyHint), 'other toolsets keep their writes');
    assert.equal(issuesReadOnly.find((t) => t.name === 'github_request')?.annotations?.readOnlyHint, true, 'github_request stays, read-only');
    assert.throws(() => loadServerConfig({ GITHUB_READ_ONLY_TOOLSETS: 'isues' }), /GITHUB_READ_ONLY_TOOLSETS: unknown toolset isues/);
  });

  it('names unknown tools and refuses to leave out auth_status', () => {
    assert.deepEqual(toolNameProblems(loadServerConfig({ GITHUB_TOOLS: 'get_issue' })), []);
    assert.match(toolNameProblems(loadServerConfig({ GITHUB_TOOLS: 'get_isue' })).join('\n'), /GITHUB_TOOLS: unknown tool "get_isue"/);
    assert.match(toolNameProblems(loadServerConfig({ GITHUB_EXCLUDE_TOOLS: 'auth_status' })).join('\n'), /auth_status cannot be left out/);
  });

  it('drops the apps toolset when the identity is not an App', () => {
    const tools = selectTools({ ...loadServerConfig({}), toolsets: ['apps', 'context'] }, false);
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

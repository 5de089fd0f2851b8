import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { neededGrants, tokenAdvice, tokenHelpFor, tokenLinks, tokenPages, tokenShape, tokenToolsets, type ToolNeedsEntry } from '../../../src/extension/auth/tokenAdvice';
import { buildCatalog } from '../../../src/server/tools/catalog';

// Built at run time so no token-shaped literal is committed.
const base62 = (n: number) => 'aB3'.repeat(Math.ceil(n / 3)).slice(0, n);

describe('tokenShape', () => {
  it('accepts every GitHub access token format', () => {
    const cases: Array<[string, string]> = [
      [`ghp_${base62(36)}`, 'classic'],
      [`github_pat_${base62(22)}_${base62(59)}`, 'fine-grained'],
      [`gho_${base62(36)}`, 'oauth'],
      [`ghu_${base62(36)}`, 'app-user'],
      [`ghs_${base62(36)}`, 'installation'],
      ['0123456789abcdef0123456789abcdef01234567', 'legacy'],
      [`  ghp_${base62(36)}\n`, 'classic'],
    ];
    for (const [token, kind] of cases) assert.deepEqual(tokenShape(token), { ok: true, kind }, kind);
  });

  it('refuses a password, a refresh token and a cut-off token, without echoing them', () => {
    const refused = ['my password 123', 'hunter2', `ghr_${base62(36)}`, 'ghp_short', '0123456789abcdef', ''];
    for (const text of refused) {
      const shape = tokenShape(text);
      assert.equal(shape.ok, false, text);
      if (!shape.ok && text) assert.ok(!shape.reason.includes(text), `the reason echoes ${text}`);
    }
    const password = tokenShape('my password 123');
    assert.ok(!password.ok && /not a GitHub token/.test(password.reason) && /password/i.test(password.reason));
    const refresh = tokenShape(`ghr_${base62(36)}`);
    assert.ok(!refresh.ok && /refresh token/.test(refresh.reason));
    const cut = tokenShape('ghp_short');
    assert.ok(!cut.ok && /cut short/.test(cut.reason));
  });
});

describe('neededGrants', () => {
  const entries: ToolNeedsEntry[] = [
    { name: 'get_issue', toolset: 'issues', readOnly: true, needs: { permissions: { issues: 'read' }, scope: 'repo' } },
    { name: 'create_issue', toolset: 'issues', readOnly: false, needs: { permissions: { issues: 'write' }, scope: 'repo' } },
    { name: 'list_commits', toolset: 'repos', readOnly: true, needs: { permissions: { contents: 'read', metadata: 'read' }, scope: 'public_repo' } },
    { name: 'list_org_members', toolset: 'orgs', readOnly: true, needs: { permissions: { members: 'read' }, scope: 'read:org' } },
  ];

  it('takes the highest level per permission and drops scopes another one includes', () => {
    assert.deepEqual(neededGrants(entries, new Set(['issues', 'repos']), false), {
      scopes: ['repo'],
      permissions: [['contents', 'read'], ['issues', 'write']],
    });
  });

  it('leaves out the write tools of read-only toolsets, and toolsets not enabled', () => {
    assert.deepEqual(neededGrants(entries, new Set(['issues']), true).permissions, [['issues', 'read']]);
    assert.deepEqual(neededGrants(entries, new Set(['issues', 'orgs']), (id) => id === 'issues'), { scopes: ['read:org', 'repo'], permissions: [['issues', 'read'], ['members', 'read']] });
  });
});

describe('tokenAdvice', () => {
  it('points at the configured host\'s token pages', () => {
    assert.deepEqual(tokenPages('https://api.github.com'), { classic: 'https://github.com/settings/tokens', fineGrained: 'https://github.com/settings/personal-access-tokens/new' });
    assert.equal(tokenPages('https://ghe.example.com/api/v3').classic, 'https://ghe.example.com/settings/tokens');
    assert.equal(tokenPages('https://api.acme.ghe.com').fineGrained, 'https://acme.ghe.com/settings/personal-access-tokens/new');
  });

  it('names the scopes and permissions the default toolsets need, from the real tool declarations', () => {
    const catalog = buildCatalog().map((entry) => ({ name: entry.tool.name, toolset: entry.toolset, readOnly: Boolean(entry.tool.annotations?.readOnlyHint), needs: entry.needs }));
    const { advice: text, links } = tokenHelpFor('https://api.github.com', { toolsets: ['default'], readOnly: false, readOnlyToolsets: [] }, catalog);
    const classic = new URL(links[0].url);
    assert.equal(`${classic.origin}${classic.pathname}`, 'https://github.com/settings/tokens/new');
    assert.ok(classic.searchParams.get('scopes')?.split(',').includes('public_repo'), links[0].url);
    assert.match(text, /https:\/\/github\.com\/settings\/tokens \(classic\)/);
    assert.match(text, /a classic token needs the scopes [^;]*\bpublic_repo\b/);
    assert.match(text, /a fine-grained token needs [^.]*issues: write/);
    assert.match(text, /pull_requests: write/);
    const readOnly = tokenHelpFor('https://api.github.com', { toolsets: ['default'], readOnly: true, readOnlyToolsets: [] }, catalog).advice;
    assert.match(readOnly, /issues: read/);
    assert.doesNotMatch(readOnly, /: write/);
  });

  it('never counts the App-only toolsets for a token', () => {
    assert.ok(!tokenToolsets({ toolsets: ['all'] }).includes('apps'));
    assert.ok(tokenToolsets({ toolsets: ['all'] }).includes('context'));
  });

  it('links to both token pages, with no scopes when none are needed', () => {
    const links = tokenLinks('https://ghe.example.com/api/v3', { scopes: [], permissions: [] });
    assert.deepEqual(links.map((link) => link.label), ['Create Classic Token…', 'Create Fine-Grained Token…']);
    assert.equal(links[0].url, 'https://ghe.example.com/settings/tokens/new?description=PyGithub+MCP');
    assert.equal(links[1].url, 'https://ghe.example.com/settings/personal-access-tokens/new');
  });

  it('still says where to create a token when the needs table is missing', () => {
    assert.equal(tokenAdvice('https://api.github.com', undefined, ['repos']), 'Create a token at https://github.com/settings/tokens (classic) or https://github.com/settings/personal-access-tokens/new (fine-grained).');
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_OPTIONS, overrideFor, readServerOptions, resolveHost, SETTING_KEYS } from '../../../src/extension/settings';
import { describeError } from '../../../src/extension/errorText';
import { ExtensionLog } from '../../../src/extension/log';
import pkg from '../../../package.json';

describe('settings', () => {
  it('reads every option through the getter, with the core defaults', () => {
    const asked: string[] = [];
    const options = readServerOptions((key, fallback) => {
      asked.push(key);
      return key === 'readOnly' ? (true as never) : fallback;
    });
    assert.equal(options.readOnly, true);
    assert.equal(options.timeout, 15);
    assert.deepEqual(asked.sort(), Object.values(SETTING_KEYS).sort());
  });

  it('contributes a setting for every option, with the same default', () => {
    const properties = (pkg as unknown as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } }).contributes.configuration.properties;
    for (const [name, key] of Object.entries(SETTING_KEYS)) {
      const property = properties[`pygithubMcp.${key}`];
      assert.ok(property, `pygithubMcp.${key} is not contributed`);
      assert.deepEqual(property.default, DEFAULT_OPTIONS[name as keyof typeof DEFAULT_OPTIONS], key);
    }
  });

  it('lets no workspace set what decides credentials, scopes or safety (scope: application)', () => {
    const properties = (pkg as unknown as { contributes: { configuration: { properties: Record<string, { scope?: string }> } } }).contributes.configuration.properties;
    const guarded = ['apiUrl', 'enterpriseUri', 'verify', 'toolsets', 'tools', 'excludeTools', 'readOnlyToolsets', 'readOnly', 'exposeTokens', 'userAccount.enabled', 'userAccount.scopes', 'apps.overrides'];
    assert.deepEqual(
      guarded.filter((key) => properties[`pygithubMcp.${key}`]?.scope !== 'application'),
      [],
    );
  });

  it('finds an App override by id or slug', () => {
    const options = { ...DEFAULT_OPTIONS, appOverrides: { '7': { installationId: 1 }, 'my-app': { installationId: 2 } } };
    assert.equal(overrideFor(options, { id: 7, slug: 'x' }).installationId, 1);
    assert.equal(overrideFor(options, { id: 8, slug: 'my-app' }).installationId, 2);
    assert.deepEqual(overrideFor(options, { id: 9, slug: 'none' }), {});
  });
});

describe('log and error text', () => {
  it('tags lines with their component and redacts them', () => {
    const lines: string[] = [];
    const sink = { trace() {}, debug() {}, info: (m: string) => lines.push(m), warn() {}, error() {} };
    new ExtensionLog(sink).component('apps').info('token ghp_0123456789abcdefghijklmnop used');
    assert.deepEqual(lines, ['[apps] token [redacted] used']);
  });

  it('maps a request error to the core\'s actionable text, without secrets', () => {
    const error = Object.assign(new Error('Bad credentials'), { status: 401, request: { method: 'GET', url: 'https://api.github.com/user' }, response: { headers: {}, data: { message: 'Bad credentials ghp_0123456789abcdefghijklmnop' } } });
    const text = describeError(error);
    assert.match(text, /401/);
    assert.match(text, /sign in again/i);
    assert.doesNotMatch(text, /ghp_/);
  });
});

describe('resolveHost', () => {
  it('refuses credentials in apiUrl, enterpriseUri and github-enterprise.uri, naming the setting and not the value', () => {
    const cases: Array<[Partial<typeof DEFAULT_OPTIONS>, string | undefined, string]> = [
      [{ apiUrl: 'https://user:s3cret-pw@ghe.example.com/api/v3' }, undefined, 'pygithubMcp.apiUrl'],
      [{ enterpriseUri: 'https://s3cret-pw@ghe.example.com' }, undefined, 'pygithubMcp.enterpriseUri'],
      [{}, 'https://user:s3cret-pw@ghe.example.com', 'github-enterprise.uri'],
    ];
    for (const [options, vscodeUri, setting] of cases) {
      assert.throws(
        () => resolveHost({ ...DEFAULT_OPTIONS, ...options }, vscodeUri),
        (error: Error) => error.message.includes(setting) && !error.message.includes('s3cret'),
      );
    }
    assert.equal(resolveHost({ ...DEFAULT_OPTIONS, enterpriseUri: 'https://ghe.example.com' }).apiUrl, 'https://ghe.example.com/api/v3');
  });
});

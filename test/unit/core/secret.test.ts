import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { format, inspect } from 'node:util';
import { Secret } from '../../../src/core/secret';
import { redact } from '../../../src/core/redact';
import { fakeToken } from './helpers';

function value(): string {
  return 'hunter2-' + Math.random().toString(36).slice(2) + '-no-shape';
}

describe('Secret', () => {
  it('reveals the value only through reveal()', () => {
    const v = value();
    assert.equal(new Secret(v).reveal(), v);
  });

  it('never shows the value through string conversion', () => {
    const v = value();
    const s = new Secret(v);
    for (const text of [String(s), `${s}`, s.toString(), 'x' + s, format('%s', s)]) {
      assert.ok(!text.includes(v), text);
      assert.ok(text.includes('[redacted]'), text);
    }
  });

  it('never shows the value through JSON', () => {
    const v = value();
    const s = new Secret(v);
    assert.equal(JSON.stringify(s), '"[redacted]"');
    const nested = JSON.stringify({ auth: { token: s }, list: [s] });
    assert.ok(!nested.includes(v));
    assert.equal(nested, '{"auth":{"token":"[redacted]"},"list":["[redacted]"]}');
  });

  it('never shows the value through util.inspect / console formatting', () => {
    const v = value();
    const s = new Secret(v);
    assert.equal(inspect(s), 'Secret([redacted])');
    for (const text of [inspect({ s }, { depth: 10, showHidden: true }), format('%o', s), format('%O', { s }), format('%j', { s })]) {
      assert.ok(!text.includes(v), text);
    }
  });

  it('has no enumerable own properties carrying the value', () => {
    const v = value();
    const s = new Secret(v);
    assert.deepEqual(Object.keys(s), []);
    assert.ok(!JSON.stringify({ ...s }).includes(v));
    assert.ok(!Object.getOwnPropertyNames(s).some((name) => (s as unknown as Record<string, unknown>)[name] === v));
  });

  it('registers the value so redact masks it anywhere', () => {
    const v = value();
    assert.ok(redact(`leak ${v}`).includes(v));
    new Secret(v);
    assert.equal(redact(`leak ${v}`), 'leak [redacted]');
  });

  it('masks a token that is both registered and pattern-shaped exactly once', () => {
    const token = fakeToken('ghp_');
    new Secret(token);
    assert.equal(redact(`token ${token}`), 'token [redacted]');
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { defaultNetrcPath, netrcEntryFor, parseNetrc } from '../../../src/core/auth/netrc';
import { tempDir, writeTemp } from './helpers';

describe('parseNetrc', () => {
  it('reads several machines on one line each and spread over lines', () => {
    const machines = parseNetrc(
      ['machine api.github.com login octocat password pw-one', 'machine ghe.example.com', '  login enterprise', '  password pw-two', ''].join('\n'),
    );
    assert.deepEqual(machines.get('api.github.com'), { login: 'octocat', password: 'pw-one' });
    assert.deepEqual(machines.get('ghe.example.com'), { login: 'enterprise', password: 'pw-two' });
    assert.equal(machines.size, 2);
  });

  it('stores the default entry under the empty name', () => {
    const machines = parseNetrc('machine a.example login a password pa\ndefault login anon password pd\n');
    assert.deepEqual(machines.get(''), { login: 'anon', password: 'pd' });
    assert.deepEqual(machines.get('a.example'), { login: 'a', password: 'pa' });
  });

  it('skips comment lines', () => {
    const machines = parseNetrc('# machine commented.example login x password y\nmachine real.example login r password pr\n  # indented comment login evil\n');
    assert.equal(machines.has('commented.example'), false);
    assert.deepEqual(machines.get('real.example'), { login: 'r', password: 'pr' });
  });

  it('lets the first entry for a machine win', () => {
    const machines = parseNetrc('machine h.example login first password p1\nmachine h.example login second password p2\n');
    assert.deepEqual(machines.get('h.example'), { login: 'first', password: 'p1' });
  });

  it('ignores the account field', () => {
    const machines = parseNetrc('machine h.example login l account acct password p\n');
    assert.deepEqual(machines.get('h.example'), { login: 'l', password: 'p' });
  });

  it('skips entries without a password or without a login', () => {
    const machines = parseNetrc('machine nopw.example login l\nmachine nologin.example password p\nmachine ok.example login l password p\n');
    assert.equal(machines.has('nopw.example'), false);
    assert.equal(machines.has('nologin.example'), false);
    assert.equal(machines.has('ok.example'), true);
  });

  it('closes the entry before a macdef and ignores the macro body', () => {
    const text = [
      'machine before.example login b password pb',
      'macdef init',
      'cd /pub',
      'binary',
      '',
      'machine after.example login a password pa',
      '',
    ].join('\n');
    const machines = parseNetrc(text);
    assert.deepEqual(machines.get('before.example'), { login: 'b', password: 'pb' });
    assert.deepEqual(machines.get('after.example'), { login: 'a', password: 'pa' });
    assert.equal(machines.size, 2);
  });

  it('does not attach login/password after a macdef to the previous machine', () => {
    const machines = parseNetrc('machine m.example login l\nmacdef x\npassword stray\n\n');
    assert.equal(machines.has('m.example'), false);
  });

  it('returns an empty map for an empty file', () => {
    assert.equal(parseNetrc('').size, 0);
    assert.equal(parseNetrc('\n# only a comment\n').size, 0);
  });
});

describe('netrcEntryFor', () => {
  it('returns the host entry', () => {
    const file = writeTemp('netrc', 'machine api.github.com login octocat password p1\ndefault login d password pd\n');
    assert.deepEqual(netrcEntryFor('api.github.com', file), { login: 'octocat', password: 'p1' });
  });

  it('falls back to default', () => {
    const file = writeTemp('netrc', 'machine other login o password po\ndefault login d password pd\n');
    assert.deepEqual(netrcEntryFor('api.github.com', file), { login: 'd', password: 'pd' });
  });

  it('names the host and the file when there is no entry, without passwords', () => {
    const file = writeTemp('netrc', 'machine other login o password very-private-pw\n');
    assert.throws(
      () => netrcEntryFor('ghe.example.com', file),
      (error: Error) => error.message.includes('ghe.example.com') && error.message.includes(file) && !error.message.includes('very-private-pw'),
    );
  });

  it('names the file and the error code when it cannot be read', () => {
    const missing = join(tempDir(), 'nope');
    assert.throws(() => netrcEntryFor('api.github.com', missing), (error: Error) => error.message.includes(missing) && /ENOENT/.test(error.message));
  });
});

describe('defaultNetrcPath', () => {
  it('is in the home directory', () => {
    const path = defaultNetrcPath();
    assert.equal(path, join(homedir(), process.platform === 'win32' ? '_netrc' : '.netrc'));
  });
});

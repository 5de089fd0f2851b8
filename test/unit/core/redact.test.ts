import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { redact, registerSecret } from '../../../src/core/redact';
import { fakeJwt, fakeToken, rsaKeys } from './helpers';

const R = '[redacted]';

describe('redact: token shapes', () => {
  for (const prefix of ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'] as const) {
    it(`masks ${prefix} tokens`, () => {
      const token = fakeToken(prefix, 'A');
      const out = redact(`GitHub said: ${token} is bad`);
      assert.equal(out, `GitHub said: ${R} is bad`);
    });
  }

  it('masks fine-grained github_pat_ tokens', () => {
    const token = fakeToken('github_pat_', 'b');
    const out = redact(`pat=${token}.`);
    assert.ok(!out.includes(token));
    assert.ok(!out.includes('github_pat_'));
  });

  it('masks every occurrence', () => {
    const token = fakeToken('ghs_', 'C');
    assert.equal(redact(`${token} and ${token}`), `${R} and ${R}`);
  });

  it('masks JWT-shaped strings', () => {
    const jwt = fakeJwt({ iss: '1', iat: 1, exp: 2 });
    const out = redact(`jwt: ${jwt}`);
    assert.ok(!out.includes(jwt.split('.')[1]!));
    assert.ok(out.includes(R));
  });
});

describe('redact: authorization schemes keep the scheme word', () => {
  it('Bearer', () => {
    const jwt = fakeJwt({ iss: '1' });
    assert.equal(redact(`Authorization: Bearer ${jwt}`), `Authorization: Bearer ${R}`);
    assert.equal(redact('authorization: bearer abcdEFGH1234'), `authorization: bearer ${R}`);
  });

  it('Basic', () => {
    const basic = Buffer.from('octocat:' + 'w'.repeat(12)).toString('base64');
    assert.equal(redact(`Authorization: Basic ${basic}`), `Authorization: Basic ${R}`);
  });

  it('token (with an unrecognisable 40-hex legacy token)', () => {
    const legacy = 'abcdef0123'.repeat(4);
    assert.equal(redact(`Authorization: token ${legacy}`), `Authorization: token ${R}`);
  });

  it('token with a ghp_ value', () => {
    const token = fakeToken('ghp_');
    assert.equal(redact(`Authorization: token ${token}`), `Authorization: token ${R}`);
  });
});

describe('redact: PEM blocks', () => {
  it('masks a PKCS#1 key', () => {
    const { pkcs1 } = rsaKeys();
    assert.equal(redact(`key:\n${pkcs1}done`), `key:\n${R}\ndone`);
  });

  it('masks a PKCS#8 key', () => {
    const { pkcs8 } = rsaKeys();
    const out = redact(`before ${pkcs8} after`);
    assert.equal(out, `before ${R}\n after`);
  });

  it('masks a truncated key to the end of the text', () => {
    const { pkcs1 } = rsaKeys();
    const truncated = pkcs1.slice(0, 200);
    const out = redact(`leaked: ${truncated}`);
    assert.equal(out, `leaked: ${R}`);
  });

  it('masks a key whose newlines are escaped as \\n', () => {
    const { pkcs1 } = rsaKeys();
    const escaped = pkcs1.trim().split('\n').join('\\n');
    const out = redact(`env GITHUB_APP_PRIVATE_KEY=${escaped}`);
    assert.ok(!out.includes(pkcs1.split('\n')[1]!));
  });
});

describe('redact: query parameters', () => {
  for (const name of ['client_secret', 'refresh_token', 'access_token', 'password']) {
    it(`masks ${name}=`, () => {
      const value = 'v' + Math.random().toString(36).slice(2, 10) + 'Zq9';
      const out = redact(`POST /login/oauth/access_token?client_id=Iv1.abc&${name}=${value}&grant_type=refresh_token`);
      assert.ok(!out.includes(value));
      assert.ok(out.includes(`${name}=${R}`));
      assert.ok(out.includes('client_id=Iv1.abc'));
      assert.ok(out.includes('grant_type=refresh_token'));
    });
  }
});

describe('redact: registered secrets', () => {
  it('masks an exact registered value with no recognisable shape', () => {
    const password = 'correct horse ' + Math.random().toString(36).slice(2);
    assert.equal(redact(`pw is ${password}!`), `pw is ${password}!`);
    registerSecret(password);
    assert.equal(redact(`pw is ${password}!`), `pw is ${R}!`);
  });

  it('masks a registered value inside a longer word', () => {
    const secret = 'qz' + Math.random().toString(36).slice(2, 10);
    registerSecret(secret);
    assert.ok(!redact(`prefix${secret}suffix`).includes(secret));
  });

  it('does not register values shorter than six characters', () => {
    registerSecret('abc');
    registerSecret('hello');
    assert.equal(redact('abc hello world'), 'abc hello world');
  });
});

describe('redact: ordinary text is untouched', () => {
  for (const text of [
    'token expired',
    'The token expired; sign in again.',
    'Bad credentials',
    'Resource not accessible by personal access token',
    'Resource not accessible by integration',
    'password reset required',
    'Not Found',
    'ghp_ is the prefix of a classic token',
    'GET /repos/octo/hello/issues?per_page=30&page=2',
    'Validation Failed: {"resource":"Issue","code":"missing_field","field":"title"}',
  ]) {
    it(JSON.stringify(text), () => {
      assert.equal(redact(text), text);
    });
  }

  it('"Basic authentication ..." prose (a GitHub deprecation message) is not masked', () => {
    // GitHub's own wording; "authentication" is an English word, not a credential.
    const text = 'Basic authentication using a password to Git is deprecated';
    assert.equal(redact(text), text);
  });
});

describe('redact: registry of exact values', () => {
  it('keeps configured secrets however many tokens are minted after them', () => {
    const mask = redact;
    const password = 'shapeless configured password';
    registerSecret(password);
    for (let i = 0; i < 600; i++) registerSecret(`minted-value-${i}-xyz`, true);
    assert.equal(mask(`pw: ${password}`), 'pw: [redacted]');
    assert.equal(mask('minted-value-599-xyz'), '[redacted]');
    assert.equal(mask('minted-value-0-xyz'), 'minted-value-0-xyz', 'the oldest minted values are forgotten');
  });
});

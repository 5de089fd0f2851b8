import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { apiUrlForHost, webUrlForApi } from '../../../src/core/hosts';

describe('apiUrlForHost', () => {
  it('maps github.com in every spelling to https://api.github.com', () => {
    for (const host of ['github.com', 'GitHub.com', 'https://github.com', 'https://github.com/', 'api.github.com', 'https://api.github.com/']) {
      assert.equal(apiUrlForHost(host), 'https://api.github.com', host);
    }
  });

  it('puts GitHub Enterprise Server below /api/v3 on the same host', () => {
    assert.equal(apiUrlForHost('ghe.example.com'), 'https://ghe.example.com/api/v3');
    assert.equal(apiUrlForHost('https://ghe.example.com'), 'https://ghe.example.com/api/v3');
    assert.equal(apiUrlForHost('https://ghe.example.com/'), 'https://ghe.example.com/api/v3');
    assert.equal(apiUrlForHost('https://ghe.example.com///'), 'https://ghe.example.com/api/v3');
  });

  it('does not append /api/v3 twice', () => {
    assert.equal(apiUrlForHost('https://ghe.example.com/api/v3'), 'https://ghe.example.com/api/v3');
    assert.equal(apiUrlForHost('https://ghe.example.com/api/v3/'), 'https://ghe.example.com/api/v3');
    assert.equal(apiUrlForHost('ghe.example.com/api/v3'), 'https://ghe.example.com/api/v3');
  });

  it('keeps an explicit scheme and port', () => {
    assert.equal(apiUrlForHost('http://ghe.internal:8080'), 'http://ghe.internal:8080/api/v3');
    assert.equal(apiUrlForHost('ghe.internal:8443'), 'https://ghe.internal:8443/api/v3');
  });

  it('maps SUBDOMAIN.ghe.com to https://api.SUBDOMAIN.ghe.com', () => {
    assert.equal(apiUrlForHost('octo.ghe.com'), 'https://api.octo.ghe.com');
    assert.equal(apiUrlForHost('https://octo.ghe.com/'), 'https://api.octo.ghe.com');
    assert.equal(apiUrlForHost('Octo.GHE.com'), 'https://api.octo.ghe.com');
    assert.equal(apiUrlForHost('api.octo.ghe.com'), 'https://api.octo.ghe.com');
  });

  it('treats a host that merely contains ghe.com as GHES', () => {
    assert.equal(apiUrlForHost('myghe.company.com'), 'https://myghe.company.com/api/v3');
  });
});

describe('webUrlForApi', () => {
  it('maps api.github.com to github.com', () => {
    assert.equal(webUrlForApi('https://api.github.com'), 'https://github.com');
    assert.equal(webUrlForApi('https://api.github.com/'), 'https://github.com');
  });

  it('drops /api/v3 for GitHub Enterprise Server', () => {
    assert.equal(webUrlForApi('https://ghe.example.com/api/v3'), 'https://ghe.example.com');
    assert.equal(webUrlForApi('https://ghe.example.com/api/v3/'), 'https://ghe.example.com');
    assert.equal(webUrlForApi('http://ghe.internal:8080/api/v3'), 'http://ghe.internal:8080');
  });

  it('maps api.SUBDOMAIN.ghe.com to SUBDOMAIN.ghe.com', () => {
    assert.equal(webUrlForApi('https://api.octo.ghe.com'), 'https://octo.ghe.com');
  });

  it('round-trips with apiUrlForHost', () => {
    for (const web of ['https://github.com', 'https://ghe.example.com', 'https://octo.ghe.com', 'http://ghe.internal:8080']) {
      assert.equal(webUrlForApi(apiUrlForHost(web)), web);
    }
  });
});

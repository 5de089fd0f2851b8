import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { routeTable, startSimulator, type Simulator } from '../../simulator/index';
import { appJwt, call } from './helpers';

// Hostile modes and the second origin, checked with plain node:http so that
// nothing between the test and the simulator decodes, follows or buffers.

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** true when the test stopped reading (limit reached) before the server ended the body. */
  truncated: boolean;
}

function raw(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; limit?: number; headersOnly?: boolean; timeoutMs?: number } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      if (init.headersOnly) {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.alloc(0), truncated: true });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        if (init.limit && size >= init.limit) {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), truncated: true });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), truncated: false }));
      res.on('error', () => undefined);
    });
    req.on('error', reject);
    if (init.timeoutMs) req.setTimeout(init.timeoutMs, () => req.destroy(new Error('timeout')));
    req.end(init.body);
  });
}

/** Sends raw bytes on a socket and returns the first response's status line. */
function rawSocket(port: number, bytes: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let text = '';
    socket.on('data', (d) => {
      text += d.toString('latin1');
    });
    socket.on('close', () => resolve(text.split('\r\n')[0]));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('socket timeout')));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('simulator: hostile modes', () => {
  let sim: Simulator;
  let token: string;
  let auth: Record<string, string>;
  before(async () => {
    sim = await startSimulator();
    token = sim.createPersonalToken('octocat');
    auth = { authorization: `token ${token}`, accept: 'application/vnd.github+json' };
  });
  afterEach(() => {
    sim.faults.reset();
    sim.otherOrigin.reset();
  });
  after(() => sim.close());

  it('endless-body: 200 JSON that starts with [ and never ends; the simulator keeps serving', async () => {
    sim.hostile.when('/repos/octocat/hello-world/issues', { kind: 'endless-body' });
    const heapBefore = process.memoryUsage().heapUsed;
    const res = await raw(`${sim.apiUrl}/repos/octocat/hello-world/issues`, { headers: auth, limit: 8 * 1024 * 1024 });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.equal(res.body[0], '['.charCodeAt(0));
    assert.ok(res.truncated, 'the body did not end');
    assert.ok(res.body.length >= 8 * 1024 * 1024);
    // The test itself holds 8 MiB; the simulator must not buffer what it sends.
    assert.ok(process.memoryUsage().heapUsed - heapBefore < 64 * 1024 * 1024);
    await sleep(50);
    assert.equal((await call(sim, '/repos/octocat/hello-world/issues', { auth: auth.authorization })).status, 200);
  });

  it('gzip-bomb: a small gzip body that inflates to decodedBytes of valid JSON', async () => {
    const decodedBytes = 20_000_000;
    sim.hostile.when('/repos/octocat/hello-world', { kind: 'gzip-bomb', decodedBytes });
    const res = await raw(`${sim.apiUrl}/repos/octocat/hello-world`, { headers: { ...auth, 'accept-encoding': 'gzip' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.equal(Number(res.headers['content-length']), res.body.length);
    assert.ok(res.body.length < decodedBytes / 500, `compressed ${res.body.length} bytes`);
    const text = gunzipSync(res.body);
    assert.equal(text.length, decodedBytes);
    const value = JSON.parse(text.toString('utf8'));
    assert.equal(typeof value, 'string');
    assert.equal(value.length, decodedBytes - 2);
  });

  it('gzip-bomb works for tiny sizes and odd sizes', async () => {
    for (const decodedBytes of [2, 3, 1_048_577, 3 * 1_048_576 + 5]) {
      sim.hostile.when('/users/octocat', { kind: 'gzip-bomb', decodedBytes });
      const res = await raw(`${sim.apiUrl}/users/octocat`);
      const text = gunzipSync(res.body);
      assert.equal(text.length, decodedBytes);
      assert.equal(JSON.parse(text.toString()).length, decodedBytes - 2);
    }
  });

  it('huge-json-array: a streamed JSON array of issue-shaped objects of about `bytes`', async () => {
    const bytes = 3_000_000;
    sim.hostile.when('/repos/octocat/hello-world/issues', { kind: 'huge-json-array', bytes });
    const res = await raw(`${sim.apiUrl}/repos/octocat/hello-world/issues`, { headers: auth });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.equal(res.headers['content-length'], undefined, 'streamed, not sized up front');
    assert.ok(Math.abs(res.body.length - bytes) < bytes * 0.05, `got ${res.body.length}`);
    const items = JSON.parse(res.body.toString('utf8'));
    assert.ok(Array.isArray(items) && items.length > 100);
    assert.equal(items[0].number, 1);
    assert.equal(typeof items.at(-1).title, 'string');
    assert.equal(items.at(-1).user.login, 'octocat');
  });

  it('huge-field: runs the handler, then replaces one field, an array item\'s field, or every item\'s', async () => {
    sim.hostile.when('/repos/octocat/hello-world', { kind: 'huge-field', field: 'name', chars: 200_000 });
    const repo = await call(sim, '/repos/octocat/hello-world', { auth: auth.authorization });
    assert.equal(repo.json.name.length, 200_000);
    assert.equal(repo.json.full_name, 'octocat/hello-world');

    sim.hostile.when('/repos/octocat/hello-world/issues', { kind: 'huge-field', field: '0.title', chars: 1000 });
    const first = await call(sim, '/repos/octocat/hello-world/issues', { auth: auth.authorization });
    assert.equal(first.json[0].title.length, 1000);
    assert.notEqual(first.json[1].title.length, 1000);

    sim.hostile.when('/repos/octocat/hello-world/issues', { kind: 'huge-field', field: '*.user.login', chars: 300 });
    const every = await call(sim, '/repos/octocat/hello-world/issues', { auth: auth.authorization });
    assert.ok(every.json.length > 1);
    assert.ok(every.json.every((i: { user: { login: string } }) => i.user.login.length === 300));
  });

  it('omit-fields: the write really happens, the answer lacks the fields', async () => {
    sim.hostile.when('/repos/octocat/hello-world/issues', { kind: 'omit-fields', fields: ['number', 'html_url', 'user.login'] }, { method: 'POST' });
    const created = await call(sim, '/repos/octocat/hello-world/issues', { method: 'POST', auth: auth.authorization, body: { title: 'omit-fields probe' } });
    assert.equal(created.status, 201);
    assert.equal(created.json.title, 'omit-fields probe');
    assert.ok(!('number' in created.json) && !('html_url' in created.json) && !('login' in created.json.user));
    assert.equal(created.json.user.id, 1);
    const list = await call(sim, '/repos/octocat/hello-world/issues?per_page=5', { auth: auth.authorization });
    assert.equal(list.json[0].title, 'omit-fields probe', 'the issue was created');
    assert.equal(typeof list.json[0].number, 'number');

    sim.hostile.when('/repos/octocat/hello-world/issues', { kind: 'omit-fields', fields: ['*.id', '1'] });
    const trimmed = await call(sim, '/repos/octocat/hello-world/issues?per_page=3', { auth: auth.authorization });
    assert.equal(trimmed.json.length, 2, 'array index 1 removed');
    assert.ok(trimmed.json.every((i: object) => !('id' in i)));
  });

  it('raw: the handler runs (writes happen), the client gets the raw answer', async () => {
    sim.hostile.when('/repos/octocat/hello-world/issues', { kind: 'raw', status: 201, body: 'null' }, { method: 'POST' });
    const res = await raw(`${sim.apiUrl}/repos/octocat/hello-world/issues`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'raw probe' }) });
    assert.equal(res.status, 201);
    assert.equal(res.body.toString(), 'null');
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const list = await call(sim, '/repos/octocat/hello-world/issues?per_page=1', { auth: auth.authorization });
    assert.equal(list.json[0].title, 'raw probe');

    sim.hostile.when('/user', { kind: 'raw', status: 200, body: '{"oops', contentType: 'text/html', headers: { 'x-custom': 'yes' } });
    const broken = await raw(`${sim.apiUrl}/user`, { headers: auth });
    assert.equal(broken.body.toString(), '{"oops');
    assert.equal(broken.headers['content-type'], 'text/html');
    assert.equal(broken.headers['x-custom'], 'yes');
    assert.equal(broken.headers['x-github-request-id'] !== undefined, true, 'GitHub\'s usual headers are still there');
  });

  it('hang: reads the request and never answers; the client abort cleans up', async () => {
    sim.hostile.when('/users/octocat', { kind: 'hang' });
    const t0 = Date.now();
    await assert.rejects(raw(`${sim.apiUrl}/users/octocat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}', timeoutMs: 300 }), /timeout/);
    assert.ok(Date.now() - t0 >= 280);
    const record = sim.stats.requests.at(-1);
    assert.equal(record?.hostile, 'hang');
    assert.equal(record?.status, 0);
    assert.equal((await call(sim, '/users/octocat')).status, 200);
  });

  it('headers-then-hang: 200 and JSON headers, then nothing', async () => {
    sim.hostile.when('/users/octocat', { kind: 'headers-then-hang' });
    const head = await new Promise<{ status: number; type: string; gotData: boolean }>((resolve, reject) => {
      const req = request(`${sim.apiUrl}/users/octocat`, (res) => {
        let gotData = false;
        res.on('data', () => {
          gotData = true;
        });
        setTimeout(() => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), gotData });
        }, 300);
      });
      req.on('error', (e) => (e.message === 'socket hang up' ? undefined : reject(e)));
      req.end();
    });
    assert.deepEqual(head, { status: 200, type: 'application/json; charset=utf-8', gotData: false });
    assert.equal((await call(sim, '/users/octocat')).status, 200);
  });

  it('redirect: Location defaults to otherOrigin with the same path and query', async () => {
    for (const status of [301, 302, 303, 307, 308] as const) {
      sim.hostile.when('/repos/octocat/hello-world/issues', { kind: 'redirect', status });
      const res = await raw(`${sim.apiUrl}/repos/octocat/hello-world/issues?state=all&page=2`, { headers: auth });
      assert.equal(res.status, status);
      assert.equal(res.headers.location, `${sim.otherOrigin.url}/api/v3/repos/octocat/hello-world/issues?state=all&page=2`);
    }
    sim.hostile.when('/user', { kind: 'redirect', status: 302, to: 'http://127.0.0.1:1/elsewhere' });
    assert.equal((await raw(`${sim.apiUrl}/user`, { headers: auth })).headers.location, 'http://127.0.0.1:1/elsewhere');
    assert.equal(sim.otherOrigin.received.length, 0, 'node:http does not follow redirects');
  });

  it('otherOrigin records what it receives (fetch follows the redirect there, without Authorization)', async () => {
    sim.hostile.when('/repos/octocat/hello-world', { kind: 'redirect', status: 307 }, { method: 'POST' });
    const res = await fetch(`${sim.apiUrl}/repos/octocat/hello-world?x=1`, { method: 'POST', headers: { authorization: `token ${token}`, 'content-type': 'application/json' }, body: '{"k":"v"}' });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { received: true });
    assert.equal(sim.otherOrigin.received.length, 1);
    const got = sim.otherOrigin.received[0];
    assert.equal(got.method, 'POST');
    assert.equal(got.path, '/api/v3/repos/octocat/hello-world?x=1');
    assert.equal(got.body, '{"k":"v"}');
    assert.equal(got.headers.authorization, undefined);
    const last = sim.stats.requests.at(-1);
    assert.equal(last?.origin, 'other');
    assert.equal(last?.url, '/api/v3/repos/octocat/hello-world?x=1');

    sim.otherOrigin.respond({ status: 404, headers: { 'content-type': 'text/plain' }, body: 'nope' });
    const custom = await raw(`${sim.otherOrigin.url}/anything`);
    assert.equal(custom.status, 404);
    assert.equal(custom.body.toString(), 'nope');
    sim.otherOrigin.reset();
    assert.equal(sim.otherOrigin.received.length, 0);
    assert.equal((await raw(`${sim.otherOrigin.url}/x`)).body.toString(), '{"received":true}');
  });

  it('times, method, RegExp, newest-first, reset and faults.reset', async () => {
    sim.hostile.when('/users/octocat', { kind: 'raw', status: 200, body: '"a"' }, { times: 2 });
    sim.hostile.when(/^\/users\/octo/, { kind: 'raw', status: 200, body: '"b"' });
    const bodies = [];
    for (let i = 0; i < 4; i++) bodies.push((await raw(`${sim.apiUrl}/users/octocat`)).body.toString());
    assert.deepEqual(bodies.slice(0, 3), ['"b"', '"a"', '"a"']);
    assert.equal(JSON.parse(bodies[3]).login, 'octocat');

    sim.hostile.when('/users/octocat', { kind: 'raw', status: 200, body: '"post only"' }, { method: 'post' });
    assert.equal(JSON.parse((await raw(`${sim.apiUrl}/users/octocat`)).body.toString()).login, 'octocat');
    assert.equal((await raw(`${sim.apiUrl}/users/octocat`, { method: 'POST' })).body.toString(), '"post only"');

    sim.hostile.when('/users/octocat?x=1', { kind: 'raw', status: 200, body: '"never"' });
    assert.equal(JSON.parse((await raw(`${sim.apiUrl}/users/octocat?x=1`)).body.toString()).login, 'octocat', 'paths match without the query');

    sim.hostile.when('/users/octocat', { kind: 'hang' }, { times: Infinity });
    sim.hostile.reset();
    assert.equal((await call(sim, '/users/octocat')).status, 200);
    sim.hostile.when('/users/octocat', { kind: 'hang' });
    sim.faults.reset();
    assert.equal((await call(sim, '/users/octocat')).status, 200);
    assert.throws(() => sim.hostile.when('/x', { kind: 'nope' } as never), TypeError);
    assert.throws(() => sim.hostile.when('/x', { kind: 'hang' }, { times: 0 }), RangeError);
  });

  it('a request taken by failNext does not use up a hostile registration', async () => {
    sim.faults.failNext(1);
    sim.hostile.when('/users/octocat', { kind: 'raw', status: 200, body: '"hostile"' });
    assert.equal((await call(sim, '/users/octocat')).status, 502);
    assert.equal((await raw(`${sim.apiUrl}/users/octocat`)).body.toString(), '"hostile"');
  });
});

describe('simulator: request records and odd requests', () => {
  let sim: Simulator;
  let port: number;
  let pat: string;
  before(async () => {
    sim = await startSimulator();
    port = Number(new URL(sim.origin).port);
    pat = sim.createPersonalToken('octocat');
  });
  after(() => sim.close());

  it('records the raw target and the origin of every request', async () => {
    sim.stats.reset();
    await raw(`${sim.apiUrl}/repos/octocat/hello-world/issues?state=all&labels=a%2Cb`);
    await raw(`${sim.origin}/login/device/code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await new Promise<void>((resolve, reject) => {
      // A plain request options path: node:http does not resolve dot segments in it.
      const req = request({ host: '127.0.0.1', port, path: '/api/v3/repos/octocat/hello-world/contents/docs/../README.md' }, (res) => res.resume().on('end', resolve));
      req.on('error', reject).end();
    });
    await raw(`${sim.otherOrigin.url}/x?y=1`);
    assert.deepEqual(sim.stats.requests.map((r) => [r.origin, r.url, r.path]), [
      ['api', '/api/v3/repos/octocat/hello-world/issues?state=all&labels=a%2Cb', '/repos/octocat/hello-world/issues'],
      ['web', '/login/device/code', '/login/device/code'],
      // node:http sends dot segments as they are; the record keeps them, the router sees the resolved path.
      ['api', '/api/v3/repos/octocat/hello-world/contents/docs/../README.md', '/repos/octocat/hello-world/contents/README.md'],
      ['other', '/x?y=1', '/x'],
    ]);
  });

  it('answers odd request targets with 4xx and keeps running', async () => {
    const targets = [
      '/api/v3/repos/octocat/%ED%A0%80', // a lone surrogate, percent-encoded
      '/api/v3/repos/%/hello-world',
      '/api/v3/users/%zz%',
      '/api/v3/repos/octocat/hello-world/contents/%00',
      '//evil.example/api/v3/user',
      '*',
    ];
    for (const target of targets) {
      const line = await rawSocket(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: token ${pat}\r\nConnection: close\r\n\r\n`);
      assert.match(line, /^HTTP\/1\.1 4\d\d /, `${target}: ${line}`);
    }
    // Raw non-ASCII bytes in the path and header values.
    const bytes = Buffer.concat([Buffer.from('GET /api/v3/users/'), Buffer.from([0xed, 0xa0, 0x80, 0xff]), Buffer.from(' HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Odd: '), Buffer.from([0xc3, 0x28]), Buffer.from('\r\nConnection: close\r\n\r\n')]);
    assert.match(await rawSocket(port, bytes), /^HTTP\/1\.1 4\d\d /);
    assert.match(await rawSocket(port, 'BREW /api/v3/user HTTP/1.1\r\nHost: x\r\n\r\n'), /^HTTP\/1\.1 4\d\d /);
    assert.match(await rawSocket(port, 'GET /api/v3/user HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n'), /^HTTP\/1\.1 4\d\d |^$/);
    const oddQuery = await rawSocket(port, `GET /api/v3/search/issues?q=%ED%A0%80%&per_page=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    assert.match(oddQuery, /^HTTP\/1\.1 [234]\d\d /, 'lenient query decoding, as on GitHub');
    assert.equal((await call(sim, '/users/octocat')).status, 200);
  });

  it('answers odd Authorization headers with 401, never 5xx', async () => {
    const b64 = (t: string) => Buffer.from(t).toString('base64');
    const values = [
      'token', 'Bearer ', 'Basic !!!', `Basic ${b64('no-colon')}`, `Basic ${b64(':')}`, `Basic ${b64('octocat:')}`, `Basic ${b64('\u0000:\uffff')}`,
      'Bearer a.b.c', 'Bearer eyJ.eyJ.sig', `Bearer ${b64('{"alg":"none"}')}.${b64('{"iss":1001}')}.`, `Bearer ${b64('{"alg":"RS256"}')}.${b64('[]')}.x`,
      `Bearer ${b64('null')}.${b64('null')}.x`, `Bearer ${b64('{"alg":"RS256"}')}.${b64('{"iss":{"$gt":0},"iat":"x","exp":[]}')}.x`,
      'token ghs_' + 'x'.repeat(36), 'token ' + 'x'.repeat(6000), 'Digest username="x"', 'token a b c',
    ];
    for (const value of values) {
      for (const path of ['/user', '/app', '/app/installations/5001/access_tokens']) {
        const res = await raw(`${sim.apiUrl}${path}`, { method: path.endsWith('tokens') ? 'POST' : 'GET', headers: { authorization: value } });
        assert.ok(res.status === 401 || res.status === 403 || res.status === 404, `${value.slice(0, 60)} on ${path}: ${res.status} ${res.body.toString().slice(0, 200)}`);
      }
    }
  });

  it('answers a body over 100 MiB with 413 without keeping it', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${sim.apiUrl}/repos/octocat/hello-world/issues`, { method: 'POST', headers: { authorization: `token ${pat}`, 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      let sent = 0;
      const write = () => {
        while (sent < 101) {
          sent++;
          if (!req.write(chunk)) {
            req.once('drain', write);
            return;
          }
        }
        req.end();
      };
      write();
    });
    assert.equal(status, 413);
  });

  it('never answers 5xx to odd bodies on any write route', async () => {
    const values: Record<string, string> = { owner: 'octocat', repo: 'hello-world', number: '3', id: '5001', path: 'README.md', ref: 'heads/main', branch: 'main', user: 'octocat', org: 'sim-org' };
    const writes = routeTable().api.filter((r) => r.method !== 'GET');
    assert.ok(writes.length >= 8);
    const bodies = [
      'not json',
      '[]',
      '"text"',
      'null',
      '123',
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
      JSON.stringify({ title: {}, body: [], labels: 'x', assignees: {}, assignee: 7, state: 5, state_reason: [], head: 1, base: [], ref: {}, sha: 1, message: [], content: {}, branch: {}, permissions: 'x', repositories: 'x', repository_ids: [null, {}], merge_method: {}, commit_title: 1, draft: 'yes' }),
      JSON.stringify({ title: 'x', head: 'a:b:c', base: 'main', labels: [{}, null, 1], assignees: [null], ref: 'refs/heads/bad\nname', sha: 'x'.repeat(40), message: 'm', content: '***', branch: 'nope' }),
      JSON.stringify({ ref: 'refs/heads/odd\u0000\u2028\ud800', sha: 'zz' }),
      `{"title":"${'x'.repeat(100_000)}"}`,
    ];
    const jwt = appJwt(sim);
    for (const route of writes) {
      const path = route.pattern.replace(/[:*](\w+)/g, (_, name: string) => values[name] ?? 'x');
      for (const body of bodies) {
        const res = await raw(`${sim.apiUrl}${path}`, {
          method: route.method,
          headers: { authorization: path.startsWith('/app/') ? `Bearer ${jwt}` : `token ${pat}`, 'content-type': 'application/json' },
          body,
        });
        assert.ok(res.status < 500, `${route.method} ${path} with ${body.slice(0, 60)}: ${res.status} ${res.body.toString().slice(0, 200)}`);
      }
    }
    // The OAuth web routes take form bodies and queries as well.
    const webTargets = routeTable().web.flatMap((r) => [
      [r.method, r.pattern],
      [r.method, `${r.pattern}?client_id=${sim.fixtures.apps[0].clientId}&redirect_uri=%zz%3A%2F%2F&state=%ED%A0%80&login[]=x`],
      [r.method, `${r.pattern}?client_id=${sim.fixtures.apps[0].clientId}&redirect_uri=not%20a%20url`],
      [r.method, `${r.pattern}?client_id=${sim.fixtures.apps[0].clientId}&redirect_uri=javascript:alert(1)`],
    ]);
    for (const [method, target] of webTargets) {
      for (const [type, body] of [['application/json', 'null'], ['application/json', '[1,2]'], ['application/json', '{"client_id":{},"device_code":[],"grant_type":5}'], ['application/x-www-form-urlencoded', 'client_id=%zz&&=&grant_type=refresh_token&refresh_token=%ED%A0%80'], ['text/plain', '\u0000\uffff']]) {
        const res = await raw(`${sim.origin}${target}`, { method, headers: { 'content-type': type, accept: 'application/json' }, body: method === 'GET' ? undefined : body });
        assert.ok(res.status < 500, `${method} ${target} with ${body}: ${res.status} ${res.body.toString().slice(0, 200)}`);
      }
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((await call(sim, '/users/octocat')).status, 200);
  });
});

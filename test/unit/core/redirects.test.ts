import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GitHubError } from '../../../src/core/errors';
import type { GitHub } from '../../../src/core/github';
import { github, json, loopback, TOKEN, type Loopback } from './loopback';

/**
 * The API lives at A/api/v3; B is another origin (GitHub's CDN, or anyone). A answers
 * /api/v3/go/<status>?to=<url> with that redirect and echoes everything else.
 */
describe('redirects', () => {
  let a: Loopback;
  let b: Loopback;
  let gh: GitHub;
  const echo = (seen: { method: string; url: string; body: string; headers: Record<string, unknown> }) => ({
    method: seen.method,
    url: seen.url,
    body: seen.body,
    authorization: seen.headers.authorization ?? null,
    cookie: seen.headers.cookie ?? null,
    proxy: seen.headers['proxy-authorization'] ?? null,
  });

  before(async () => {
    b = await loopback((_req, res, seen) => json(res, 200, echo(seen)));
    a = await loopback((req, res, seen) => {
      const go = /^\/api\/v3\/go\/(\d+)\?to=(.*)$/.exec(req.url ?? '');
      if (go) {
        res.writeHead(Number(go[1]), { location: decodeURIComponent(go[2]), 'content-length': '0' });
        res.end();
        return;
      }
      json(res, 200, echo(seen));
    });
    gh = github(`${a.origin}/api/v3`);
  });
  after(async () => {
    await gh.close();
    await a.close();
    await b.close();
  });

  const go = async (method: string, status: number, to: string, body?: Record<string, unknown>) => {
    const octokit = await gh.client();
    const response = await octokit.request(`${method} /go/{status}?to={to}`, {
      status,
      to,
      ...body,
      headers: { cookie: 'session=1', 'proxy-authorization': 'Basic eDp5' },
    });
    return response.data as ReturnType<typeof echo>;
  };
  const counts = () => ({ a: a.seen.length, b: b.seen.length });

  it('keeps credentials on the API, and carries none to another origin', async () => {
    const inside = await go('GET', 302, `${a.origin}/api/v3/user`);
    assert.equal(inside.authorization, `token ${TOKEN}`);
    const outside = await go('GET', 302, `${b.origin}/download/x.tgz`);
    assert.deepEqual([outside.url, outside.authorization, outside.cookie, outside.proxy], ['/download/x.tgz', null, null, null]);
  });

  it('carries no credentials to the same origin outside the base path', async () => {
    const outside = await go('GET', 301, `${a.origin}/elsewhere`);
    assert.deepEqual([outside.url, outside.authorization, outside.cookie, outside.proxy], ['/elsewhere', null, null, null]);
  });

  it('does not follow a 307/308 of a write to outside the fence, and says nothing was forwarded', async () => {
    for (const [status, to] of [
      [307, `${b.origin}/steal`],
      [308, `${a.origin}/elsewhere`],
    ] as const) {
      const before = counts();
      await assert.rejects(go('POST', status, to, { title: 'secret body' }), (error: unknown) => {
        assert.ok(error instanceof GitHubError);
        assert.match(error.message, /^GitHub redirected POST \/go\/\d+ to .*, outside the GitHub API; the write was not forwarded there and nothing was sent to it\.$/);
        return true;
      });
      assert.deepEqual(counts(), { a: before.a + 1, b: before.b });
    }
  });

  it('does not carry a PATCH body off the fence on a 302 either', async () => {
    const before = counts();
    await assert.rejects(go('PATCH', 302, `${b.origin}/x`, { title: 't' }), /PATCH \/go\/302 with 302, moved to http:\/\/127\.0\.0\.1:\d+\/x; the write was not applied/);
    assert.equal(b.seen.length, before.b);
  });

  it('keeps method and body on a 307/308 inside the fence', async () => {
    for (const status of [307, 308]) {
      const moved = await go('POST', status, `${a.origin}/api/v3/repos/o/r/issues`, { title: 'kept' });
      assert.equal(moved.method, 'POST');
      assert.equal(moved.url, '/api/v3/repos/o/r/issues');
      assert.deepEqual(JSON.parse(moved.body), { title: 'kept' });
      assert.equal(moved.authorization, `token ${TOKEN}`);
    }
  });

  it('never turns a write into a read on 301/302; a 303 continues as a GET without its body', async () => {
    for (const status of [301, 302]) {
      await assert.rejects(go('POST', status, `${a.origin}/api/v3/user`, { title: 'dropped' }), /with 30[12], moved to \/user; the write was not applied and is not repeated there/);
    }
    const seeOther = await go('POST', 303, `${a.origin}/api/v3/user`, { title: 'dropped' });
    assert.deepEqual([seeOther.method, seeOther.body], ['GET', '']);
    // And that GET may then leave the fence, without credentials.
    const cdn = await go('POST', 303, `${b.origin}/result`, { title: 'dropped' });
    assert.deepEqual([cdn.method, cdn.body, cdn.authorization], ['GET', '', null]);
  });

  it('refuses a Location that is not http(s)', async () => {
    for (const to of ['file:///etc/passwd', 'ftp://example.com/x', 'javascript:alert(1)']) {
      await assert.rejects(go('GET', 302, to), (error: unknown) => error instanceof GitHubError && /which is not followed/.test(error.message), to);
    }
  });
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { runToExit } from '../support/runToExit';
import { textOf } from '../support/serverHarness';
import { startSimulator, withServer, type Simulator } from '../support/simServer';

/**
 * GitHub behind TLS, as a GHES host with its own CA would be: an HTTPS front for the simulator
 * with a certificate made now by openssl. It gzips what it can and answers the old name of a
 * renamed repository with a 301, as GitHub does.
 */
describe('HTTP transport: TLS verification, custom CA, redirects, compression', () => {
  let sim: Simulator;
  let front: Server;
  let apiUrl: string;
  let caFile: string;
  let gzipped = 0;
  let token: string;
  let capture: ReturnType<typeof createServer>;
  const captured: Array<string | undefined> = [];

  before(async () => {
    // Another origin, as GitHub's download CDN is: what arrives there must carry no credential.
    capture = createServer((req, res) => {
      captured.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"downloaded":true}');
    });
    await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
    sim = await startSimulator();
    token = sim.createPersonalToken('octocat');
    const dir = mkdtempSync(join(tmpdir(), 'tls-'));
    caFile = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', caFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const target = new URL(sim.apiUrl);
    front = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(caFile) }, (req, res) => {
      if (req.url?.startsWith('/api/v3/repos/octocat/elsewhere')) {
        res.writeHead(302, { location: `http://127.0.0.1:${(capture.address() as AddressInfo).port}/download` }).end();
        return;
      }
      if (req.url?.startsWith('/api/v3/repos/octocat/stall')) {
        // Headers and half a gzip stream, then silence: the body must time out, not hang.
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.write(gzipSync(Buffer.from(JSON.stringify({ full_name: 'octocat/stall', padding: 'x'.repeat(5000) }))).subarray(0, 40));
        return;
      }
      if (req.url?.startsWith('/api/v3/repos/octocat/old-name')) {
        res.writeHead(301, { location: `https://127.0.0.1:${(front.address() as AddressInfo).port}/api/v3/repos/octocat/hello-world` }).end();
        return;
      }
      const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, 'accept-encoding': 'identity' } }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => {
          const body = Buffer.concat(chunks);
          const compress = /gzip/.test(String(req.headers['accept-encoding'])) && body.length > 0;
          if (compress) gzipped++;
          const headers = { ...answer.headers };
          if (compress) {
            headers['content-encoding'] = 'gzip';
            delete headers['content-length'];
          }
          res.writeHead(answer.statusCode ?? 502, headers).end(compress ? gzipSync(body) : body);
        });
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    apiUrl = `https://127.0.0.1:${(front.address() as AddressInfo).port}/api/v3`;
  });
  after(async () => {
    capture.close();
    front.closeAllConnections();
    front.close();
    await sim.close();
  });

  it('rejects a certificate it cannot verify, with a hint at GITHUB_VERIFY', async () => {
    await withServer(sim, 'tls default', { GITHUB_API_URL: apiUrl, GITHUB_TOKEN: token, GITHUB_RETRY: '0' }, async (server) => {
      const result = await server.call('get_me');
      assert.equal(result.isError, true);
      assert.match(textOf(result), /Could not reach GitHub.*GITHUB_VERIFY/s);
    });
  });

  it('trusts a CA bundle given in GITHUB_VERIFY, and decompresses gzip', async () => {
    gzipped = 0;
    await withServer(sim, 'tls ca bundle', { GITHUB_API_URL: apiUrl, GITHUB_TOKEN: token, GITHUB_VERIFY: caFile }, async (server) => {
      assert.equal((await server.data<{ login: string }>('get_me')).login, 'octocat');
      assert.ok(gzipped > 0, 'the response came gzipped');
    });
  });

  it('skips verification with GITHUB_VERIFY=false, and follows a renamed repository\'s redirect', async () => {
    await withServer(sim, 'tls off', { GITHUB_API_URL: apiUrl, GITHUB_TOKEN: token, GITHUB_VERIFY: 'false' }, async (server) => {
      const repo = await server.data<{ fullName: string }>('get_repository', { owner: 'octocat', repo: 'old-name' });
      assert.equal(repo.fullName, 'octocat/hello-world');
    });
  });

  it('drops the credential when a redirect leaves the API host', async () => {
    await withServer(sim, 'tls cross-origin redirect', { GITHUB_API_URL: apiUrl, GITHUB_TOKEN: token, GITHUB_VERIFY: caFile, GITHUB_TOOLSETS: 'requests' }, async (server) => {
      const result = await server.data<{ status: number; data: unknown }>('github_request', { method: 'GET', path: '/repos/octocat/elsewhere' });
      assert.deepEqual(result.data, { downloaded: true });
      assert.deepEqual(captured, [undefined]);
    });
  });

  it('times out a compressed body that stops half way', async () => {
    await withServer(sim, 'tls stalled gzip', { GITHUB_API_URL: apiUrl, GITHUB_TOKEN: token, GITHUB_VERIFY: caFile, GITHUB_TIMEOUT: '1', GITHUB_RETRY: '0' }, async (server) => {
      const started = Date.now();
      const result = await server.call('get_repository', { owner: 'octocat', repo: 'stall' });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /did not finish answering .* in time|did not answer .* in time/);
      assert.ok(Date.now() - started < 10_000, 'gave up on its timeout');
    });
  });

  it('refuses an unreadable CA bundle at startup, naming the variable', async () => {
    const exit = await runToExit({ GITHUB_API_URL: apiUrl, GITHUB_TOKEN: token, GITHUB_VERIFY: '/nonexistent/ca.pem' });
    assert.equal(exit.code, 2);
    assert.match(exit.stderr, /GITHUB_VERIFY: cannot read CA bundle \/nonexistent\/ca.pem/);
  });

});

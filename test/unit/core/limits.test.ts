import assert from 'node:assert/strict';
import type http from 'node:http';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { GitHubClock } from '../../../src/core/clock';
import { createTransport, type Transport } from '../../../src/core/client/transport';
import { GitHubError } from '../../../src/core/errors';
import type { GitHub } from '../../../src/core/github';
import { config, github, loopback, type Loopback } from './loopback';

const MB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x20);

/** Writes chunks until the client goes away; returns how many bytes it managed to write. */
function endless(res: http.ServerResponse, sent: { bytes: number }): void {
  const write = () => {
    while (!res.destroyed && res.write(CHUNK)) sent.bytes += CHUNK.length;
    if (!res.destroyed) res.once('drain', write);
  };
  write();
}

describe('response size caps (GITHUB_MAX_RESPONSE_MB=1)', () => {
  let api: Loopback;
  let gh: GitHub;
  let transport: Transport;
  const sent = { bytes: 0 };
  const bomb = zlib.gzipSync(Buffer.alloc(50 * MB, 0x20));
  const brotliBomb = zlib.brotliCompressSync(Buffer.alloc(50 * MB, 0x20));
  const small = JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ id: i, title: 'issue' })));

  before(async () => {
    api = await loopback((req, res) => {
      switch (req.url) {
        case '/declared':
          // Says 100 MB up front, then trickles: the client must give up without reading.
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(100 * MB) });
          res.write('[');
          return;
        case '/endless':
          res.writeHead(200, { 'content-type': 'application/json' });
          return endless(res, sent);
        case '/bomb':
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length });
          return void res.end(bomb);
        case '/brotli':
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' });
          return void res.end(brotliBomb);
        case '/small':
          res.writeHead(200, { 'content-type': 'application/json' });
          return void res.end(small);
        case '/small-gzip':
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          return void res.end(zlib.gzipSync(small));
        case '/head':
          res.writeHead(200, { 'content-length': String(100 * MB) });
          return void res.end();
        default:
          res.writeHead(404).end();
      }
    });
    gh = github(api.origin, { GITHUB_MAX_RESPONSE_MB: '1' });
    transport = createTransport(config(api.origin, { GITHUB_MAX_RESPONSE_MB: '1' }), new GitHubClock());
  });
  after(async () => {
    await gh.close();
    await transport.close();
    await api.close();
  });

  const tooLarge = (pattern: RegExp) => (error: unknown) => {
    assert.ok(error instanceof GitHubError, String(error));
    assert.equal(error.kind, 'too_large');
    assert.match(error.message, pattern);
    return true;
  };

  it('refuses a Content-Length over the cap without reading the body', async () => {
    const octokit = await gh.client();
    await assert.rejects(
      octokit.request('GET /declared'),
      tooLarge(/^GitHub's answer to GET \/declared was larger than 1 MB \(GITHUB_MAX_RESPONSE_MB\); ask for less: a smaller perPage, a narrower path or filter\.$/),
    );
    await api.closed.at(-1); // the socket was closed rather than drained
  });

  it('stops an endless body just past the cap, and the error comes out of Octokit as too_large', async () => {
    const octokit = await gh.client();
    await assert.rejects(octokit.request('GET /endless'), tooLarge(/GET \/endless was larger than 1 MB/));
    await api.closed.at(-1);
    // What the server got written before the socket closed: the cap plus what was in flight in socket buffers.
    assert.ok(sent.bytes < 16 * MB, `${sent.bytes} bytes written`);
  });

  it('counts decompressed bytes: a gzip or brotli bomb stops at the cap', async () => {
    const octokit = await gh.client();
    await assert.rejects(octokit.request('GET /bomb'), tooLarge(/GET \/bomb was larger than 1 MB once decompressed/));
    await assert.rejects(octokit.request('GET /brotli'), tooLarge(/GET \/brotli was larger than 1 MB once decompressed/));
  });

  it('passes answers under the cap, plain and compressed', async () => {
    const octokit = await gh.client();
    assert.equal(((await octokit.request('GET /small')).data as unknown[]).length, 5000);
    assert.equal(((await octokit.request('GET /small-gzip')).data as unknown[]).length, 5000);
  });

  it('fails the raw stream for a direct transport reader too, and lets HEAD through whatever its Content-Length', async () => {
    const response = await transport.fetch(`${api.origin}/endless`);
    await assert.rejects(response.arrayBuffer(), tooLarge(/larger than 1 MB/));
    assert.equal((await transport.fetch(`${api.origin}/head`, { method: 'HEAD' })).status, 200);
  });
});

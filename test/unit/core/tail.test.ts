import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { GitHubClock } from '../../../src/core/clock';
import { readTail, tailHeaders, tailTransform, TAIL_HEADER } from '../../../src/core/client/tail';
import { createTransport, type Transport } from '../../../src/core/client/transport';
import { config, loopback, type Loopback } from './loopback';

// Reading a text answer by its end (job logs): only the last bytes are kept, cut forward to a
// whole line, with the lines and bytes before counted; the cap does not apply, memory stays bounded.

async function throughTail(chunks: Array<string | Buffer>, keep: number): Promise<ReturnType<typeof readTail>> {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks.map((c) => Buffer.from(c))).pipe(tailTransform(keep))) out.push(chunk as Buffer);
  return readTail(Buffer.concat(out).toString('utf8'));
}

describe('tailTransform', () => {
  it('keeps a short body whole, with nothing dropped', async () => {
    assert.deepEqual(await throughTail(['a\nb\n', 'c\n'], 100), { text: 'a\nb\nc\n', droppedLines: 0, droppedBytes: 0 });
    assert.deepEqual(await throughTail([], 100), { text: '', droppedLines: 0, droppedBytes: 0 });
  });

  it('keeps the end from a whole line, and counts the lines and bytes before it, across any chunking', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i + 1}\n`);
    const body = lines.join('');
    for (const size of [1, 7, 64, 4096, body.length]) {
      const chunks = [];
      for (let at = 0; at < body.length; at += size) chunks.push(body.slice(at, at + size));
      const tail = await throughTail(chunks, 50);
      assert.ok(tail.text.length <= 50, `${size}: ${tail.text.length}`);
      assert.ok(body.endsWith(tail.text), String(size));
      assert.match(tail.text, /^line \d+\n/, `${size}: starts at a whole line`);
      assert.equal(tail.droppedBytes + Buffer.byteLength(tail.text), body.length, String(size));
      assert.equal(tail.droppedLines + tail.text.split('\n').length - 1, 1000, String(size));
    }
  });

  it('keeps a fragment when no line end is left in the kept bytes, and never splits a character into garbage at the end', async () => {
    const tail = await throughTail(['first\n', 'é'.repeat(500)], 21);
    assert.equal(tail.droppedLines, 1);
    assert.ok(tail.text.endsWith('é'.repeat(10)), tail.text);
  });
});

describe('a tail request through the transport (GITHUB_MAX_RESPONSE_MB=1)', () => {
  let api: Loopback;
  let transport: Transport;
  const seenHeaders: string[][] = [];
  const log = Array.from({ length: 50_000 }, (_, i) => `step ${i + 1} ${'.'.repeat(40)}\n`).join('');

  before(async () => {
    api = await loopback((req, res) => {
      seenHeaders.push(Object.keys(req.headers));
      if (req.url === '/log') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(log);
      if (req.url === '/log-gzip') return void res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(zlib.gzipSync(log));
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
    });
    transport = createTransport(config(api.origin, { GITHUB_MAX_RESPONSE_MB: '1' }), new GitHubClock());
  });
  after(async () => {
    await transport.close();
    await api.close();
  });

  it('reads a body past the cap by its end, plain or gzip, and does not send its own header', async () => {
    assert.ok(log.length > 2 * 1024 * 1024);
    for (const path of ['/log', '/log-gzip']) {
      const tail = readTail(await (await transport.fetch(`${api.origin}${path}`, { headers: tailHeaders(1000) })).text());
      assert.ok(log.endsWith(tail.text) && tail.text.length <= 1000 && tail.text.length > 900, path);
      assert.equal(tail.droppedLines + tail.text.split('\n').length - 1, 50_000, path);
      assert.ok(!seenHeaders.at(-1)!.includes(TAIL_HEADER), path);
    }
  });

  it('leaves an error answer alone, and the cap on a request without the header', async () => {
    const missing = await transport.fetch(`${api.origin}/missing`, { headers: tailHeaders(1000) });
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { message: 'Not Found' });
    await assert.rejects((await transport.fetch(`${api.origin}/log`)).text(), /larger than 1 MB/);
  });
});

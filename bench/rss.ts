import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import zlib from 'node:zlib';

/*
 * Peak RSS of a client reading hostile answers through the core's transport and Octokit:
 * an endless body, a gzip bomb (1 GB decoded), a 200 MB JSON array, and a 15 MB one that passes.
 *   node --import tsx bench/rss.ts [path/to/transport.ts]
 * The optional path measures another transport (e.g. an old one from `git show`) under the
 * same Octokit and retry hook. Each scenario runs in a fresh child, so peaks do not mix; the
 * servers run here, so their buffers are not counted.
 */
// The last is the worst an honest answer can cost: just under the 16 MB default cap.
const SCENARIOS = ['/endless', '/gzip-bomb', '/json-200mb', '/json-15mb'];
const MB = 1024 * 1024;

async function parent(transportPath: string) {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  // 1 GB of spaces gzips to ~1 MB; made once, streamed per request.
  const bomb = await gzipOf(1024 * MB);
  const server = http.createServer((req, res) => {
    if (req.url !== '/gzip-bomb') {
      const total = req.url === '/endless' ? Infinity : req.url === '/json-200mb' ? 200 * MB : 15 * MB;
      const item = Buffer.from('{"id":1,"title":"an issue title","state":"open"},');
      res.writeHead(200, { 'content-type': 'application/json', ...(total < Infinity ? { 'content-length': String(total) } : {}) });
      res.write('[');
      let sent = 1;
      const block = Buffer.concat(Array.from({ length: Math.floor(chunk.length / item.length) }, () => item));
      const pump = () => {
        while (!res.destroyed && sent + block.length + 3 <= total) {
          sent += block.length;
          if (!res.write(block)) return void res.once('drain', pump);
        }
        // Pad with JSON whitespace to exactly `total` bytes.
        if (!res.destroyed) res.end(`${' '.repeat(total - sent - 3)}{}]`);
      };
      pump();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length });
    res.end(bomb);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  console.log(`transport: ${transportPath}`);
  for (const path of SCENARIOS) {
    // Not spawnSync: the servers run in this process.
    const stdout = await new Promise<string>((done) => {
      const p = spawn(process.execPath, ['--import', 'tsx', __filename, '--child', origin + path, transportPath], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      p.stdout.on('data', (d) => (out += d));
      p.on('close', () => done(out));
    });
    console.log(`${path.padEnd(12)} ${stdout.trim()}`);
  }
  server.close();
}

async function child(url: string, transportPath: string) {
  const { createTransport } = (await import(transportPath)) as typeof import('../src/core/client/transport');
  const { createOctokit } = await import('../src/core/client/octokit');
  const { createPacer } = await import('../src/core/client/resilience');
  const { createAnonymousAuth } = await import('../src/core/auth/token');
  const { parseCoreConfig } = await import('../src/core/config');
  const { GitHubClock } = await import('../src/core/clock');
  const { silentLogger } = await import('../src/core/logger');
  const config = parseCoreConfig({ GITHUB_API_URL: new URL(url).origin, GITHUB_RETRY: '0', GITHUB_SECONDS_BETWEEN_REQUESTS: '0' });
  const clock = new GitHubClock();
  const transport = createTransport(config, clock);
  const octokit = createOctokit({ config, transport, log: silentLogger, pacer: createPacer(config), clock }, createAnonymousAuth());
  const baseline = process.memoryUsage().rss;
  const started = Date.now();
  let outcome: string;
  try {
    const { data } = await octokit.request(`GET ${new URL(url).pathname}`);
    outcome = `ok (${typeof data === 'string' ? `${(data.length / MB).toFixed(0)} MB string` : Array.isArray(data) ? `${data.length} items` : typeof data})`;
  } catch (error) {
    outcome = `${(error as { kind?: string }).kind ?? (error as Error).name}: ${(error as Error).message.slice(0, 90)}`;
  }
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(`peak RSS ${peak.toFixed(0)} MB (at start ${(baseline / MB).toFixed(0)} MB), ${((Date.now() - started) / 1000).toFixed(1)} s, ${outcome}`);
  await transport.close();
}

function gzipOf(bytes: number): Promise<Buffer> {
  return new Promise((done, fail) => {
    const gzip = zlib.createGzip({ level: 9 });
    const parts: Buffer[] = [];
    gzip.on('data', (d: Buffer) => parts.push(d)).on('end', () => done(Buffer.concat(parts))).on('error', fail);
    const block = Buffer.alloc(MB, 0x20);
    let left = bytes / MB;
    const pump = () => {
      while (left > 0) {
        left--;
        if (!gzip.write(block)) return void gzip.once('drain', pump);
      }
      gzip.end();
    };
    pump();
  });
}

if (process.argv[2] === '--child') void child(process.argv[3], resolve(process.argv[4]));
else void parent(resolve(process.argv[2] ?? resolve(__dirname, '../src/core/client/transport.ts')));

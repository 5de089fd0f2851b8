import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, crc32, createDeflateRaw } from 'node:zlib';
import type { Reply } from './context';

// Hostile answers for API requests: what a broken proxy, a compromised
// GitHub or a plain bug on the other side could send. Registrations are
// consumed one request at a time; the newest registration is checked first.
//
// Three families:
// - streamed answers that never reach a handler (endless-body, gzip-bomb,
//   huge-json-array, hang, headers-then-hang, redirect);
// - answers that run the real handler (so writes really happen) and then
//   rewrite its JSON body (huge-field, omit-fields) or replace it (raw).

export type HostileMode =
  | { kind: 'endless-body' }
  | { kind: 'gzip-bomb'; decodedBytes: number }
  | { kind: 'huge-json-array'; bytes: number }
  | { kind: 'huge-field'; field: string; chars: number }
  | { kind: 'omit-fields'; fields: string[] }
  | { kind: 'raw'; status: number; contentType?: string; body: string; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'headers-then-hang' }
  | { kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308; to?: string };

interface Registration {
  path: string | RegExp;
  mode: HostileMode;
  remaining: number;
  method?: string;
}

const KINDS = new Set<HostileMode['kind']>(['endless-body', 'gzip-bomb', 'huge-json-array', 'huge-field', 'omit-fields', 'raw', 'hang', 'headers-then-hang', 'redirect']);

export class Hostile {
  private registrations: Registration[] = [];

  when(path: string | RegExp, mode: HostileMode, options: { times?: number; method?: string } = {}): void {
    if (!mode || !KINDS.has(mode.kind)) throw new TypeError(`hostile.when: unknown mode ${JSON.stringify(mode)}`);
    const times = options.times ?? 1;
    if (!(times >= 1) || (Number.isFinite(times) && !Number.isInteger(times))) throw new RangeError('hostile.when: times must be a positive integer (or Infinity)');
    if (typeof path !== 'string' && !(path instanceof RegExp)) throw new TypeError('hostile.when: path must be a string or a RegExp');
    this.registrations.push({ path, mode, remaining: times, method: options.method?.toUpperCase() });
  }

  reset(): void {
    this.registrations = [];
  }

  /** The mode for this request, if any; consumes one use of the matching registration. */
  take(method: string, path: string): HostileMode | undefined {
    for (let i = this.registrations.length - 1; i >= 0; i--) {
      const r = this.registrations[i];
      if (r.method && r.method !== method) continue;
      if (typeof r.path === 'string' ? r.path !== path : !testRegExp(r.path, path)) continue;
      r.remaining--;
      if (r.remaining <= 0) this.registrations.splice(i, 1);
      return r.mode;
    }
    return undefined;
  }
}

function testRegExp(re: RegExp, path: string): boolean {
  // A global or sticky RegExp keeps lastIndex between calls; tests mean "matches", not "matches from here".
  re.lastIndex = 0;
  const hit = re.test(path);
  re.lastIndex = 0;
  return hit;
}

/** Modes answered without running a handler. */
export function isStreamed(mode: HostileMode): boolean {
  return mode.kind !== 'huge-field' && mode.kind !== 'omit-fields' && mode.kind !== 'raw';
}

// ---- dot paths ("name", "0.title", "*.title", "items.*.user.login")

function targets(value: unknown, segments: string[], visit: (parent: Record<string, unknown> | unknown[], key: string) => void): void {
  if (segments.length === 0 || value === null || typeof value !== 'object') return;
  const [head, ...rest] = segments;
  const keys = head === '*' ? (Array.isArray(value) ? value.map((_, i) => String(i)) : Object.keys(value)) : [head];
  // Visit from the end so that deleting array items keeps earlier indices valid.
  for (const key of keys.reverse()) {
    if (rest.length === 0) visit(value as Record<string, unknown>, key);
    else targets((value as Record<string, unknown>)[key], rest, visit);
  }
}

export function setPath(body: unknown, path: string, replacement: unknown): void {
  targets(body, path.split('.'), (parent, key) => {
    if (Array.isArray(parent)) {
      const i = Number(key);
      if (Number.isInteger(i) && i >= 0 && i < parent.length) parent[i] = replacement;
    } else parent[key] = replacement;
  });
}

export function deletePath(body: unknown, path: string): void {
  targets(body, path.split('.'), (parent, key) => {
    if (Array.isArray(parent)) {
      const i = Number(key);
      if (Number.isInteger(i) && i >= 0 && i < parent.length) parent.splice(i, 1);
    } else delete parent[key];
  });
}

/** huge-field, omit-fields and raw: rewrite the handler's reply. */
export function rewriteReply(mode: HostileMode, reply: Reply): Reply {
  if (mode.kind === 'raw') {
    return { status: mode.status, text: mode.body, contentType: mode.contentType ?? 'application/json; charset=utf-8', headers: { ...(reply.headers ?? {}), ...(mode.headers ?? {}) } };
  }
  if (reply.body === undefined || reply.body === null || typeof reply.body !== 'object') return reply;
  const body = structuredClone(reply.body);
  if (mode.kind === 'huge-field') setPath(body, mode.field, 'x'.repeat(Math.max(0, mode.chars)));
  else if (mode.kind === 'omit-fields') for (const field of mode.fields) deletePath(body, field);
  return { ...reply, body };
}

// ---- streamed modes

/** Writes `next()` chunks with back-pressure until it returns null or the client goes away. */
function pump(res: ServerResponse, next: () => Buffer | string | null, onDone: () => void = () => res.end()): void {
  let stopped = false;
  res.once('close', () => {
    stopped = true;
  });
  const step = () => {
    while (!stopped) {
      const chunk = next();
      if (chunk === null) {
        onDone();
        return;
      }
      if (!res.write(chunk)) {
        res.once('drain', step);
        return;
      }
    }
  };
  step();
}

const ENDLESS_CHUNK = Buffer.from(`${'{"id":1,"title":"again and again","state":"open"},'.repeat(1300)}`);

function issueShaped(n: number): string {
  const pad = 'lorem ipsum dolor sit amet '.repeat(24);
  return JSON.stringify({
    url: `https://example.invalid/repos/o/r/issues/${n}`,
    id: 100_000 + n,
    node_id: `I_hostile${n}`,
    number: n,
    title: `Hostile issue ${n}`,
    user: { login: 'octocat', id: 1, type: 'User', site_admin: false },
    labels: [],
    state: 'open',
    locked: false,
    assignee: null,
    assignees: [],
    comments: 0,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    closed_at: null,
    author_association: 'OWNER',
    body: pad,
  });
}

// A gzip member built from deflate blocks separated by full flushes: after a
// full flush the compressor starts afresh, so the compressed form of a
// repeated middle chunk is the same every time. The body is assembled from
// three small buffers and a repeat count, the CRC from zlib.crc32 over the
// (reused) plain chunk: nothing of decodedBytes' size is ever allocated.

interface Bomb {
  head: Buffer;
  middle: Buffer;
  repeats: number;
  tail: Buffer;
  trailer: Buffer;
  compressedBytes: number;
}

const BOMB_CHUNK = 1 << 20;
const bombs = new Map<number, Promise<Bomb>>();

function deflateParts(parts: Buffer[]): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const z = createDeflateRaw({ level: 9, memLevel: 9 });
    const out: Buffer[][] = parts.map(() => []);
    let current = 0;
    z.on('data', (d: Buffer) => out[current].push(d));
    z.on('error', reject);
    const next = (i: number) => {
      current = i;
      if (i === parts.length - 1) {
        z.end(parts[i]);
        z.once('end', () => resolve(out.map((o) => Buffer.concat(o))));
        return;
      }
      z.write(parts[i]);
      z.flush(constants.Z_FULL_FLUSH, () => next(i + 1));
    };
    next(0);
  });
}

async function buildBomb(decodedBytes: number): Promise<Bomb> {
  const total = Math.max(2, Math.floor(decodedBytes));
  // The text is one JSON string: '"' + 'A' * (total - 2) + '"'.
  const inner = total - 2;
  const headInner = Math.min(inner, BOMB_CHUNK - 1);
  let rest = inner - headInner;
  const repeats = Math.floor(rest / BOMB_CHUNK);
  rest -= repeats * BOMB_CHUNK;
  const chunk = Buffer.alloc(BOMB_CHUNK, 'A');
  const headPlain = Buffer.concat([Buffer.from('"'), chunk.subarray(0, headInner)]);
  const tailPlain = Buffer.concat([chunk.subarray(0, rest), Buffer.from('"')]);
  // Two middle chunks, to check that their compressed forms really are identical.
  const [head, m1, m2, tail] = await deflateParts([headPlain, chunk, chunk, tailPlain]);
  if (!m1.equals(m2)) throw new Error('gzip-bomb: deflate output of repeated chunks differs');
  let crc = crc32(headPlain);
  for (let i = 0; i < repeats; i++) crc = crc32(chunk, crc);
  crc = crc32(tailPlain, crc);
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(total % 2 ** 32, 4);
  const headWithHeader = Buffer.concat([header, head]);
  return { head: headWithHeader, middle: m1, repeats, tail, trailer, compressedBytes: headWithHeader.length + m1.length * repeats + tail.length + trailer.length };
}

function bomb(decodedBytes: number): Promise<Bomb> {
  let b = bombs.get(decodedBytes);
  if (!b) {
    b = buildBomb(decodedBytes);
    bombs.set(decodedBytes, b);
    b.catch(() => bombs.delete(decodedBytes));
  }
  return b;
}

/**
 * Answers a streamed hostile mode. `headers` are GitHub's usual response
 * headers (date, request id...); `redirectTo` is the default redirect target.
 * Returns the status sent (0 when nothing is ever sent).
 */
export async function streamHostile(mode: HostileMode, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>, defaultRedirect: string): Promise<number> {
  const jsonHeaders = { ...headers, 'content-type': 'application/json; charset=utf-8' };
  switch (mode.kind) {
    case 'hang':
      // Read, never answer; when the client aborts, the socket goes with it.
      req.socket.once('close', () => res.destroy());
      return 0;
    case 'headers-then-hang':
      res.writeHead(200, jsonHeaders);
      res.flushHeaders();
      req.socket.once('close', () => res.destroy());
      return 200;
    case 'redirect': {
      const location = mode.to ?? defaultRedirect;
      const body = JSON.stringify({ message: mode.status === 301 || mode.status === 308 ? 'Moved Permanently' : 'Found', url: location, documentation_url: 'https://docs.github.com/rest' });
      res.writeHead(mode.status, { ...jsonHeaders, location, 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
      return mode.status;
    }
    case 'endless-body': {
      res.writeHead(200, jsonHeaders);
      res.write('[');
      pump(res, () => ENDLESS_CHUNK);
      return 200;
    }
    case 'huge-json-array': {
      res.writeHead(200, jsonHeaders);
      const target = Math.max(2, Math.floor(mode.bytes));
      let sent = 1;
      let n = 0;
      res.write('[');
      pump(res, () => {
        if (sent >= target - 1) return null;
        const parts: string[] = [];
        let size = 0;
        while (size < 65_536 && sent + size < target - 1) {
          const item = `${n > 0 ? ',' : ''}${issueShaped(++n)}`;
          parts.push(item);
          size += item.length;
        }
        sent += size;
        return parts.join('');
      }, () => res.end(']'));
      return 200;
    }
    case 'gzip-bomb': {
      const b = await bomb(mode.decodedBytes);
      res.writeHead(200, { ...jsonHeaders, 'content-encoding': 'gzip', 'content-length': String(b.compressedBytes) });
      let stage = 0;
      let left = b.repeats;
      pump(res, () => {
        if (stage === 0) {
          stage = 1;
          return b.head;
        }
        if (stage === 1 && left > 0) {
          left--;
          return b.middle;
        }
        if (stage === 1) {
          stage = 2;
          return Buffer.concat([b.tail, b.trailer]);
        }
        return null;
      });
      return 200;
    }
    default:
      throw new Error(`not a streamed mode: ${mode.kind}`);
  }
}

import type http from 'node:http';
import { pipeline, Transform, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { GitHubError } from '../errors';
import { tailTransform } from './tail';

/**
 * GITHUB_MAX_RESPONSE_MB on a response body, raw bytes and decompressed bytes alike, counted
 * while it streams: a stream that passes the cap is destroyed at once, so neither an endless
 * body nor a gzip bomb is ever held beyond the cap.
 */
export function tooLarge(what: string, cap: number, decoded = false): GitHubError {
  return new GitHubError(
    'too_large',
    `GitHub's answer to ${what} was larger than ${megabytes(cap)} MB${decoded ? ' once decompressed' : ''} (GITHUB_MAX_RESPONSE_MB); ask for less: a smaller perPage, a narrower path or filter.`,
  );
}

/**
 * The body as a stream that fails with a too_large GitHubError past `cap`; throws when Content-Length already says so.
 * With `keepTail`, no cap applies: only the body's last `keepTail` decoded bytes are kept (tail.ts), which bounds memory as well.
 */
export function limitedBody(message: http.IncomingMessage, cap: number, what: string, keepTail?: number): { body: Readable; decoded: boolean } {
  const encoding = message.headers['content-encoding'];
  const decoder = encoding === 'gzip' ? zlib.createGunzip() : encoding === 'br' ? zlib.createBrotliDecompress() : undefined;
  if (keepTail !== undefined) {
    const stages = [message, ...(decoder ? [decoder] : []), tailTransform(keepTail)];
    pipeline(stages as unknown as [Readable, Transform], () => {});
    return { body: stages[stages.length - 1] as Readable, decoded: true };
  }
  const declared = Number(message.headers['content-length']);
  if (declared > cap) {
    message.destroy();
    throw tooLarge(what, cap);
  }
  // Node's parser stops a body at its Content-Length, so only bodies without one need counting raw.
  const raw = Number.isFinite(declared) ? undefined : counter(cap, () => tooLarge(what, cap));
  if (!decoder && !raw) return { body: message, decoded: false };
  // pipeline, not pipe: a reset, timeout or cap on any stage must fail the body, not stall it.
  const stages: Array<NodeJS.ReadableStream | NodeJS.WritableStream> = [message];
  if (raw) stages.push(raw);
  if (decoder) stages.push(decoder, counter(cap, () => tooLarge(what, cap, true)));
  pipeline(stages as unknown as [Readable, Transform], () => {});
  return { body: stages[stages.length - 1] as Readable, decoded: decoder !== undefined };
}

function counter(cap: number, error: () => GitHubError): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > cap) done(error());
      else done(null, chunk);
    },
  });
}

function megabytes(bytes: number): string {
  return String(Number((bytes / (1024 * 1024)).toPrecision(3)));
}

import type { Clock } from './clock';
import { randomBase62 } from './random';

// Short-lived signed URLs on the other origin, as GitHub hands out for job logs and
// artifact archives (302 from the API to a storage host). The signature is in the query
// (`sig`, expiry `se`); the storage host refuses a request that also carries an
// Authorization header (Azure Blob Storage answers so) and a stale or unknown signature.

export interface SignedBlob {
  body: string;
  contentType: string;
  expiresAt: number;
}

export interface DownloadReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class SignedDownloads {
  /** Set once the other origin listens. */
  origin = '';
  private readonly blobs = new Map<string, SignedBlob & { path: string }>();

  constructor(private readonly clock: Clock) {}

  /** A URL on the other origin serving `body` for `ttlSeconds`. */
  sign(path: string, body: string, contentType: string, ttlSeconds = 60): string {
    const sig = randomBase62(32);
    const expiresAt = this.clock.now() + ttlSeconds * 1000;
    this.blobs.set(sig, { path, body, contentType, expiresAt });
    return `${this.origin}${path}?se=${encodeURIComponent(new Date(expiresAt).toISOString())}&sig=${sig}`;
  }

  /** The answer for a request to a signed path, or undefined when the path is not one of ours. */
  serve(method: string, rawUrl: string, authorization: string | undefined): DownloadReply | undefined {
    const url = new URL(rawUrl, 'http://other.invalid');
    const sig = url.searchParams.get('sig');
    const blob = sig ? this.blobs.get(sig) : undefined;
    if (!sig && ![...this.blobs.values()].some((b) => b.path === url.pathname)) return undefined;
    const xml = (code: string, message: string, status: number): DownloadReply => ({
      status,
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    });
    if (authorization !== undefined) return xml('InvalidAuthenticationInfo', 'Authentication information is not given in the correct format.', 400);
    if (!blob || blob.path !== url.pathname) return xml('AuthenticationFailed', 'Signature did not match.', 403);
    if (this.clock.now() > blob.expiresAt) return xml('AuthenticationFailed', 'Signed expiry time has passed.', 403);
    if (method !== 'GET' && method !== 'HEAD') return xml('UnsupportedHttpVerb', 'The resource does not support the specified HTTP verb.', 405);
    return { status: 200, headers: { 'content-type': blob.contentType }, body: method === 'HEAD' ? '' : blob.body };
  }
}

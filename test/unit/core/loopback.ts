// Plain loopback HTTP servers for the transport's guards, and a GitHub client pointed at one.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCoreConfig, type CoreConfig } from '../../../src/core/config';
import { GitHub } from '../../../src/core/github';
import { fakeToken } from './helpers';

export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Loopback {
  origin: string;
  seen: Seen[];
  /** Resolves when a request's socket closes, for each request in order. */
  closed: Array<Promise<void>>;
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen) => void;

/** A server that records every request (with its body, once read) and hands it to `handler`. */
export async function loopback(handler: Handler): Promise<Loopback> {
  const seen: Seen[] = [];
  const closed: Array<Promise<void>> = [];
  const server = http.createServer((req, res) => {
    const entry: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: '' };
    seen.push(entry);
    closed.push(new Promise((resolve) => res.once('close', () => resolve())));
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      entry.body = Buffer.concat(chunks).toString('utf8');
      handler(req, res, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    closed,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export const TOKEN = fakeToken('ghp_');

/** Core config for a loopback API: no pacing, a token, and whatever the test overrides. */
export function config(apiUrl: string, env: Record<string, string> = {}): CoreConfig {
  return parseCoreConfig({
    GITHUB_API_URL: apiUrl,
    GITHUB_TOKEN: TOKEN,
    GITHUB_SECONDS_BETWEEN_REQUESTS: '0',
    GITHUB_SECONDS_BETWEEN_WRITES: '0',
    ...env,
  });
}

export function github(apiUrl: string, env: Record<string, string> = {}): GitHub {
  return new GitHub(config(apiUrl, env));
}

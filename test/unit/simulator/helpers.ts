import { createPrivateKey, sign } from 'node:crypto';
import type { Simulator } from '../../simulator/index';

// Shared helpers for the simulator's own tests: raw fetch calls and
// hand-made App JWTs (signed here with node:crypto, independent of octokit).

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  // Response bodies are inspected ad hoc in tests, so they stay untyped.
  json: any;
}

export async function call(sim: Simulator, path: string, init: { method?: string; auth?: string; body?: unknown; headers?: Record<string, string>; redirect?: 'follow' | 'manual' | 'error' } = {}): Promise<CallResult> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', ...(init.headers ?? {}) };
  if (init.auth) headers.authorization = init.auth;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  const url = path.startsWith('http') ? path : `${sim.apiUrl}${path}`;
  const res = await fetch(url, { method: init.method ?? 'GET', headers, body, ...(init.redirect ? { redirect: init.redirect } : {}) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export function signJwt(pem: string, claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' }): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const data = `${enc(header)}.${enc(claims)}`;
  const signature = sign('RSA-SHA256', Buffer.from(data), createPrivateKey(pem)).toString('base64url');
  return `${data}.${signature}`;
}

/** A JWT that the simulator accepts right now (by its clock) for the given app. */
export function appJwt(sim: Simulator, appIndex = 0): string {
  const app = sim.fixtures.apps[appIndex];
  const now = Math.floor(sim.clock.now() / 1000);
  return signJwt(app.privateKeyPkcs8Pem, { iat: now - 30, exp: now + 540, iss: String(app.id) });
}

export async function mintToken(sim: Simulator, installationId: number, body: unknown = {}): Promise<CallResult> {
  return call(sim, `/app/installations/${installationId}/access_tokens`, { method: 'POST', auth: `Bearer ${appJwt(sim)}`, body });
}

// Shared fixtures for the core unit tests. Key material and tokens are made at run time only.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RsaKeys {
  pkcs1: string;
  pkcs8: string;
  publicKey: KeyObject;
}

let cached: RsaKeys | undefined;

/** One 2048-bit RSA pair per test process, exported as PKCS#1 and PKCS#8 PEM. */
export function rsaKeys(): RsaKeys {
  if (!cached) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    cached = {
      pkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey,
    };
  }
  return cached;
}

let counter = 0;

/** A fake token of GitHub's shape, unique per call so registered-secret masking cannot interfere. */
export function fakeToken(prefix: 'ghp_' | 'gho_' | 'ghu_' | 'ghs_' | 'ghr_' | 'github_pat_', fill = 'x'): string {
  const unique = String(++counter).padStart(4, '0');
  const length = prefix === 'github_pat_' ? 78 : 36;
  return prefix + unique + fill.repeat(length - unique.length);
}

/** A JWT-shaped string with the given claims and a fake signature; not signed. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${'s'.repeat(43)}`;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pygithub-core-test-'));
}

export function writeTemp(name: string, text: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets already-queued promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

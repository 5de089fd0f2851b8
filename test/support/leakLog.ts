import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Everything a server said during the suite, appended per test process, so that one last
 * test can assert that no secret issued by the simulator ever appeared in any of it.
 * scripts/run-node-tests.mjs points PYGITHUB_LEAK_LOG at a fresh folder for each run.
 */
export interface LeakRecord {
  label: string;
  secrets: string[];
  stderr: string;
  stdout: string[];
  /** The server ran with GITHUB_EXPOSE_TOKENS=1: tokens in stdout were asked for; stderr still counts. */
  exposureOptIn: boolean;
}

export function leakLogDir(): string {
  const dir = process.env.PYGITHUB_LEAK_LOG ?? join(tmpdir(), 'pygithub-mcp-leak-log');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function recordOutput(record: LeakRecord): void {
  appendFileSync(join(leakLogDir(), `${process.pid}.jsonl`), `${JSON.stringify(record)}\n`);
}

export function readRecords(): LeakRecord[] {
  const dir = leakLogDir();
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as LeakRecord));
}

/** A secret and, for PEM keys, each long body line, so a partial key leak is caught too. */
export function needlesFor(secret: string): string[] {
  if (!secret.includes('-----BEGIN')) return [secret];
  return secret.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----'));
}

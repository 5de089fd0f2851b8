import { createHmac } from 'node:crypto';
import type { ServerEnv } from './envContract';

/**
 * Keyed hashes for definitions. The key is a random per-installation salt kept in
 * SecretStorage (not next to the cached versions), so a version reveals nothing about a
 * low-entropy password and cannot be brute-forced from workspace storage.
 */
function hmac(salt: string, value: unknown): string {
  return createHmac('sha256', salt).update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/**
 * A definition's `version`: everything that shapes the server (command, arguments, the
 * environment including credentials). It changes when a token or an option does; VS Code
 * then only marks the tools outdated, so the provider restarts the servers it started.
 */
export function definitionVersion(parts: { label: string; command: string; args: readonly string[]; env: ServerEnv }, salt: string): string {
  const env = Object.keys(parts.env)
    .sort()
    .map((name) => [name, parts.env[name]]);
  return hmac(salt, [parts.label, parts.command, parts.args, env]);
}

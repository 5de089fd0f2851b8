import { createHmac } from 'node:crypto';
import type { ServerEnv } from './envContract';

/**
 * A definition's `version`: a keyed hash of everything that shapes the server (command,
 * arguments, environment including credentials, restart generation). When any of it
 * changes, VS Code sees a new version and restarts the server. The key is a random
 * per-installation salt, so the version reveals nothing about a low-entropy password.
 */
export function definitionVersion(
  parts: { label: string; command: string; args: readonly string[]; env: ServerEnv; generation: number },
  salt: string,
): string {
  const canonical = JSON.stringify([
    parts.label,
    parts.command,
    parts.args,
    Object.keys(parts.env)
      .sort()
      .map((name) => [name, parts.env[name]]),
    parts.generation,
  ]);
  return createHmac('sha256', salt).update(canonical).digest('hex').slice(0, 16);
}

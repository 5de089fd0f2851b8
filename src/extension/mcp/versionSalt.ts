import { randomBytes } from 'node:crypto';
import type { Logger } from '../../core/logger';
import type { SecretStorageLike } from '../util/storage';

const SALT_KEY = 'pygithubMcp.versionSalt';

/**
 * The HMAC key for definition versions: created once and kept in SecretStorage, so versions
 * are stable across restarts while the key never sits next to the versions VS Code caches.
 * If the keyring fails, a key for this session keeps the servers available (versions then
 * change once on the next start).
 */
export function versionSalt(secrets: SecretStorageLike, log: Logger): () => Promise<string> {
  let salt: Promise<string> | undefined;
  const load = async (): Promise<string> => {
    try {
      const stored = await secrets.get(SALT_KEY);
      if (stored) return stored;
      const created = randomBytes(32).toString('hex');
      await secrets.store(SALT_KEY, created);
      return created;
    } catch (error) {
      log.warn(`no version key in secret storage (${(error as Error).message}); using one for this session`);
      return randomBytes(32).toString('hex');
    }
  };
  return () => (salt ??= load());
}

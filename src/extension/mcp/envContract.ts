import type { Environment } from '../../core/config';
import { optionsEnv, type ServerOptions } from '../settings';
import type { Identity } from './identity';

/**
 * Every variable that selects or carries a credential (src/core/config.ts). The server's
 * environment starts from the extension host's, so each one we do not set is removed
 * (null): a GITHUB_TOKEN in the user's shell must not collide with an App identity.
 */
export const AUTH_VARIABLES = [
  'GITHUB_AUTH',
  'GITHUB_TOKEN',
  'GITHUB_PERSONAL_ACCESS_TOKEN',
  'GITHUB_LOGIN',
  'GITHUB_PASSWORD',
  'NETRC',
  'GITHUB_APP_ID',
  'GITHUB_APP_PRIVATE_KEY',
  'GITHUB_APP_PRIVATE_KEY_PATH',
  'GITHUB_APP_JWT',
  'GITHUB_APP_INSTALLATION_ID',
  'GITHUB_APP_TOKEN_PERMISSIONS',
  'GITHUB_APP_CLIENT_ID',
  'GITHUB_APP_CLIENT_SECRET',
  'GITHUB_APP_USER_TOKEN',
  'GITHUB_APP_USER_TOKEN_EXPIRES_AT',
  'GITHUB_APP_USER_REFRESH_TOKEN',
  'GITHUB_APP_USER_REFRESH_TOKEN_EXPIRES_AT',
  'GITHUB_API_URL',
  'GITHUB_HOST',
] as const;

/**
 * Variables whose values are credentials. VS Code caches provided definitions, env
 * included, unencrypted in workspace storage, so these are set only at resolve time.
 */
export const SECRET_VARIABLES = new Set([
  'GITHUB_TOKEN',
  'GITHUB_PERSONAL_ACCESS_TOKEN',
  'GITHUB_PASSWORD',
  'GITHUB_APP_PRIVATE_KEY',
  'GITHUB_APP_JWT',
  'GITHUB_APP_CLIENT_SECRET',
  'GITHUB_APP_USER_TOKEN',
  'GITHUB_APP_USER_REFRESH_TOKEN',
]);

export type ServerEnv = Record<string, string | null>;

/** The credential variables for one identity. */
export function identityEnv(identity: Identity): Record<string, string> {
  const env: Record<string, string> = { GITHUB_API_URL: identity.apiUrl };
  switch (identity.kind) {
    case 'account':
    case 'pat':
      env.GITHUB_TOKEN = identity.token;
      break;
    case 'login':
      env.GITHUB_LOGIN = identity.login;
      env.GITHUB_PASSWORD = identity.password;
      break;
    case 'netrc':
      env.GITHUB_AUTH = 'netrc';
      if (identity.file) env.NETRC = identity.file;
      break;
    case 'app':
      env.GITHUB_APP_ID = String(identity.appId);
      env.GITHUB_APP_PRIVATE_KEY = identity.privateKey;
      if (identity.installationId) env.GITHUB_APP_INSTALLATION_ID = String(identity.installationId);
      if (identity.permissions && Object.keys(identity.permissions).length > 0) {
        env.GITHUB_APP_TOKEN_PERMISSIONS = JSON.stringify(identity.permissions);
      }
      break;
    case 'appUser':
      // Neither the refresh token nor the client secret: GitHub rotates the refresh token on
      // use, so only one process may refresh. The extension does, before expiry, and restarts
      // the server with the new token; the server never needs to refresh.
      env.GITHUB_APP_CLIENT_ID = identity.clientId;
      env.GITHUB_APP_USER_TOKEN = identity.token;
      if (identity.expiresAt) env.GITHUB_APP_USER_TOKEN_EXPIRES_AT = identity.expiresAt;
      break;
  }
  return env;
}

/** The full environment for the server process of an identity. */
export function serverEnv(identity: Identity, options: ServerOptions): ServerEnv {
  const cleared = Object.fromEntries(AUTH_VARIABLES.map((name) => [name, null])) as ServerEnv;
  // The extension host of desktop VS Code is Electron; this makes it behave as plain Node.
  return { ...cleared, ELECTRON_RUN_AS_NODE: '1', ...optionsEnv(options), ...identityEnv(identity) };
}

/** The environment without credentials (each cleared to null), safe for VS Code to cache. */
export function withoutSecrets(env: ServerEnv): ServerEnv {
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, SECRET_VARIABLES.has(name) ? null : value]));
}

/** The same variables as the core reads them, for the extension's own GitHub calls. */
export function coreEnvironment(env: ServerEnv): Environment {
  const out: Environment = {};
  for (const [name, value] of Object.entries(env)) if (value !== null && name !== 'ELECTRON_RUN_AS_NODE') out[name] = value;
  return out;
}

import { createPrivateKey } from 'node:crypto';
import { accessSync, constants, readFileSync } from 'node:fs';
import { z } from 'zod';
import { apiUrlForHost, hasNoCredentials } from './hosts';
import { defaultNetrcPath, netrcEntryFor } from './auth/netrc';
import { Secret } from './secret';

/**
 * The core's configuration: PyGithub's auth classes and GithubIntegration's options,
 * read from environment variables. The extension writes the same variables, so this
 * schema is the contract between the two processes.
 */

export type Environment = Record<string, string | undefined>;

const positiveInt = (what: string) =>
  z.string().trim().regex(/^\d+$/, `must be ${what}`).transform(Number).refine((n) => n > 0, `must be ${what}`);
const number = (what: string) =>
  z.string().trim().refine((s) => s !== '' && Number.isFinite(Number(s)), `must be ${what}`).transform(Number);
const TRUE_WORDS = ['1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off', ''];
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((s) => TRUE_WORDS.includes(s) || FALSE_WORDS.includes(s), 'must be true or false')
  .transform((s) => TRUE_WORDS.includes(s));
const isoDate = z.string().trim().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date');
const permissionLevel = z.enum(['read', 'write', 'admin']);
// A line break inside a credential would surface as a "network" failure when Node refuses the header.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const NO_CONTROL = 'contains a line break or another control character; copy the value again without it';
/** Tokens and JWTs: the whitespace a file or a paste leaves at either end is dropped. */
const credential = z.string().trim().refine((s) => !CONTROL_CHARACTER.test(s), NO_CONTROL);
/** Logins and passwords are taken as they are, spaces included. */
const exact = z.string().refine((s) => !CONTROL_CHARACTER.test(s), NO_CONTROL);
const CREDENTIALS_IN_URL = 'must not contain a user name or password; use GITHUB_TOKEN or GITHUB_LOGIN/GITHUB_PASSWORD for credentials';

export const coreEnvSchema = z.object({
  GITHUB_AUTH: z.enum(['token', 'login', 'netrc', 'app', 'app_token', 'app_user', 'none']).optional(),
  GITHUB_TOKEN: credential.optional(),
  GITHUB_PERSONAL_ACCESS_TOKEN: credential.optional(),
  GITHUB_LOGIN: exact.optional(),
  GITHUB_PASSWORD: exact.optional(),
  NETRC: z.string().optional(),
  GITHUB_APP_ID: positiveInt('a positive integer (the App ID from the App settings page)').optional(),
  GITHUB_APP_PRIVATE_KEY: z.string().optional(),
  GITHUB_APP_PRIVATE_KEY_PATH: z.string().optional(),
  GITHUB_APP_JWT: credential.optional(),
  GITHUB_APP_INSTALLATION_ID: positiveInt('a positive integer installation id').optional(),
  GITHUB_APP_TOKEN_PERMISSIONS: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"issues":"write","contents":"read"}' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), permissionLevel, { error: 'must map permission names to "read", "write" or "admin"' }))
    .optional(),
  GITHUB_APP_CLIENT_ID: credential.optional(),
  GITHUB_APP_CLIENT_SECRET: credential.optional(),
  GITHUB_APP_USER_TOKEN: credential.optional(),
  GITHUB_APP_USER_TOKEN_EXPIRES_AT: isoDate.optional(),
  GITHUB_APP_USER_REFRESH_TOKEN: credential.optional(),
  GITHUB_APP_USER_REFRESH_TOKEN_EXPIRES_AT: isoDate.optional(),

  GITHUB_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).refine(hasNoCredentials, CREDENTIALS_IN_URL).optional(),
  GITHUB_HOST: z.string().refine(hasNoCredentials, CREDENTIALS_IN_URL).optional(),
  GITHUB_TIMEOUT: number('a number of seconds').refine((n) => n > 0, 'must be positive').default(15),
  GITHUB_USER_AGENT: z.string().min(1).default('PyGithub-MCP-Server/0.1'),
  GITHUB_PER_PAGE: positiveInt('an integer from 1 to 100').refine((n) => n <= 100, 'must be at most 100').default(30),
  GITHUB_VERIFY: z.string().default('true'),
  GITHUB_RETRY: z.string().trim().regex(/^\d+$/, 'must be a whole number of retries').transform(Number).default(3),
  GITHUB_POOL_SIZE: positiveInt('a positive integer').default(10),
  GITHUB_SECONDS_BETWEEN_REQUESTS: number('a number of seconds').refine((n) => n >= 0, 'must not be negative').default(0.25),
  GITHUB_SECONDS_BETWEEN_WRITES: number('a number of seconds').refine((n) => n >= 0, 'must not be negative').default(1),
  GITHUB_JWT_EXPIRY: number('a number of seconds')
    .refine((n) => Number.isInteger(n) && n >= 15 && n <= 600, 'must be a whole number of seconds from 15 to 600')
    .default(300),
  GITHUB_JWT_ISSUED_AT: number('a number of seconds').refine((n) => Number.isInteger(n), 'must be whole seconds').default(-60),
  GITHUB_JWT_ALGORITHM: z.enum(['RS256', 'RS384', 'RS512']).default('RS256'),
  GITHUB_LAZY: flag.default(true),
  GITHUB_READ_ONLY: flag.default(false),
  GITHUB_MAX_RESPONSE_MB: number('a number of megabytes').refine((n) => n > 0, 'must be positive').default(16),
  GITHUB_CALL_TIMEOUT: number('a number of seconds').refine((n) => n > 0, 'must be positive').default(50),
});

export type AppInstallationPermissions = Record<string, 'read' | 'write' | 'admin'>;

export type AuthConfig =
  | { method: 'none' }
  | { method: 'token'; token: Secret }
  | { method: 'login'; login: string; password: Secret }
  | { method: 'netrc'; login: string; password: Secret; host: string; file: string }
  | { method: 'app'; appId: number; privateKey: Secret; installationId?: number; permissions?: AppInstallationPermissions }
  | { method: 'app_token'; jwt: Secret }
  | {
      method: 'app_user';
      clientId: string;
      /** Needed only to refresh; a host that refreshes itself (the extension) leaves both out. */
      clientSecret?: Secret;
      token: Secret;
      expiresAt?: string;
      refreshToken?: Secret;
      refreshTokenExpiresAt?: string;
    };

export interface CoreConfig {
  auth: AuthConfig;
  apiUrl: string;
  timeoutMs: number;
  userAgent: string;
  perPage: number;
  /** true: verify with the system CAs; false: skip verification; string: PEM bundle path. */
  verify: boolean | string;
  retries: number;
  poolSize: number;
  secondsBetweenRequests: number;
  secondsBetweenWrites: number;
  jwt: { expirySeconds: number; issuedAtSeconds: number; algorithm: 'RS256' | 'RS384' | 'RS512' };
  lazy: boolean;
  /** GITHUB_READ_ONLY: the transport refuses every write, whatever a tool asks for. */
  readOnly: boolean;
  /** Ceiling on a response body, raw and decompressed alike (GITHUB_MAX_RESPONSE_MB). */
  maxResponseBytes: number;
  /** One deadline per tool call, retries and rate-limit waits included (GITHUB_CALL_TIMEOUT). */
  callTimeoutMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Variables that select each method; set variables from two groups is a conflict. */
const METHOD_VARIABLES: Record<Exclude<AuthConfig['method'], 'none'>, string[]> = {
  token: ['GITHUB_TOKEN', 'GITHUB_PERSONAL_ACCESS_TOKEN'],
  login: ['GITHUB_LOGIN', 'GITHUB_PASSWORD'],
  netrc: [],
  app: ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_PRIVATE_KEY_PATH'],
  app_token: ['GITHUB_APP_JWT'],
  app_user: ['GITHUB_APP_USER_TOKEN', 'GITHUB_APP_USER_REFRESH_TOKEN'],
};

const PYGITHUB_CLASS: Record<AuthConfig['method'], string> = {
  none: 'none',
  token: 'Auth.Token',
  login: 'Auth.Login',
  netrc: 'Auth.NetrcAuth',
  app: 'Auth.AppAuth',
  app_token: 'Auth.AppAuthToken',
  app_user: 'Auth.AppUserAuth',
};

export function pygithubClassFor(auth: AuthConfig): string {
  return auth.method === 'app' && auth.installationId ? 'Auth.AppInstallationAuth' : PYGITHUB_CLASS[auth.method];
}

/** Formats zod issues as "VARIABLE: problem" lines; values are never included. */
export function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  - ${issue.path.join('.') || 'configuration'}: ${issue.message}`).join('\n');
}

export function parseCoreConfig(env: Environment): CoreConfig {
  const parsed = coreEnvSchema.safeParse(nonEmpty(env));
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${formatIssues(parsed.error)}`);
  return resolveCoreConfig(parsed.data);
}

export function resolveCoreConfig(vars: z.output<typeof coreEnvSchema>): CoreConfig {
  const apiUrl = (vars.GITHUB_API_URL ?? (vars.GITHUB_HOST ? apiUrlForHost(vars.GITHUB_HOST) : 'https://api.github.com')).replace(/\/+$/, '');
  const verify = vars.GITHUB_VERIFY.trim().toLowerCase();
  const caBundle = TRUE_WORDS.includes(verify) || FALSE_WORDS.includes(verify) ? undefined : vars.GITHUB_VERIFY.trim();
  if (caBundle !== undefined) {
    try {
      accessSync(caBundle, constants.R_OK);
    } catch {
      throw new ConfigError(`Invalid configuration:\n  - GITHUB_VERIFY: cannot read CA bundle ${caBundle} (use true, false, or the path of a PEM file)`);
    }
  }
  return {
    auth: resolveAuth(vars, apiUrl),
    apiUrl,
    timeoutMs: vars.GITHUB_TIMEOUT * 1000,
    userAgent: vars.GITHUB_USER_AGENT,
    perPage: vars.GITHUB_PER_PAGE,
    verify: caBundle ?? TRUE_WORDS.includes(verify),
    retries: vars.GITHUB_RETRY,
    poolSize: vars.GITHUB_POOL_SIZE,
    secondsBetweenRequests: vars.GITHUB_SECONDS_BETWEEN_REQUESTS,
    secondsBetweenWrites: vars.GITHUB_SECONDS_BETWEEN_WRITES,
    jwt: { expirySeconds: vars.GITHUB_JWT_EXPIRY, issuedAtSeconds: vars.GITHUB_JWT_ISSUED_AT, algorithm: vars.GITHUB_JWT_ALGORITHM },
    lazy: vars.GITHUB_LAZY,
    readOnly: vars.GITHUB_READ_ONLY,
    maxResponseBytes: Math.round(vars.GITHUB_MAX_RESPONSE_MB * 1024 * 1024),
    callTimeoutMs: vars.GITHUB_CALL_TIMEOUT * 1000,
  };
}

function resolveAuth(vars: z.output<typeof coreEnvSchema>, apiUrl: string): AuthConfig {
  const set = (name: string) => (vars as Record<string, unknown>)[name] !== undefined;
  const selected = (Object.keys(METHOD_VARIABLES) as Array<keyof typeof METHOD_VARIABLES>).filter((method) =>
    method === 'netrc' ? vars.GITHUB_AUTH === 'netrc' : METHOD_VARIABLES[method].some(set),
  );
  if (selected.length > 1) {
    const named = selected.map((m) => `${METHOD_VARIABLES[m].find(set) ?? 'GITHUB_AUTH=netrc'} (${PYGITHUB_CLASS[m]})`);
    throw new ConfigError(`Conflicting authentication: ${named.join(' and ')} cannot be combined; configure one method.`);
  }
  const method = vars.GITHUB_AUTH ?? selected[0] ?? 'none';
  if (method !== 'app' && (vars.GITHUB_APP_INSTALLATION_ID !== undefined || vars.GITHUB_APP_TOKEN_PERMISSIONS !== undefined)) {
    throw new ConfigError('Invalid configuration:\n  - GITHUB_APP_INSTALLATION_ID: needs GITHUB_APP_ID and a private key (Auth.AppInstallationAuth)');
  }
  if (vars.GITHUB_AUTH && selected.length === 1 && selected[0] !== method) {
    throw new ConfigError(`Conflicting authentication: GITHUB_AUTH=${method} but ${METHOD_VARIABLES[selected[0]].find(set)} is set.`);
  }
  const require = (name: keyof typeof vars): string => {
    const value = vars[name];
    if (typeof value !== 'string') throw new ConfigError(`Invalid configuration:\n  - ${name}: is required for ${PYGITHUB_CLASS[method]}`);
    return value;
  };

  switch (method) {
    case 'none':
      return { method };
    case 'token':
      return { method, token: new Secret(vars.GITHUB_TOKEN ?? require('GITHUB_PERSONAL_ACCESS_TOKEN')) };
    case 'login':
      return { method, login: require('GITHUB_LOGIN'), password: new Secret(require('GITHUB_PASSWORD')) };
    case 'netrc': {
      const host = new URL(apiUrl).hostname;
      const file = vars.NETRC ?? defaultNetrcPath();
      try {
        const entry = netrcEntryFor(host, file);
        return { method, login: entry.login, password: new Secret(entry.password), host, file };
      } catch (error) {
        throw new ConfigError(`Invalid configuration:\n  - NETRC: ${(error as Error).message}`);
      }
    }
    case 'app': {
      if (vars.GITHUB_APP_ID === undefined) require('GITHUB_APP_ID');
      return {
        method,
        appId: vars.GITHUB_APP_ID as number,
        privateKey: loadPrivateKey(vars.GITHUB_APP_PRIVATE_KEY, vars.GITHUB_APP_PRIVATE_KEY_PATH),
        installationId: vars.GITHUB_APP_INSTALLATION_ID,
        permissions: vars.GITHUB_APP_TOKEN_PERMISSIONS,
      };
    }
    case 'app_token':
      if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(require('GITHUB_APP_JWT').trim())) {
        throw new ConfigError('Invalid configuration:\n  - GITHUB_APP_JWT: is not a JWT (three base64url parts separated by dots)');
      }
      return { method, jwt: new Secret(vars.GITHUB_APP_JWT!.trim()) };
    case 'app_user':
      return {
        method,
        clientId: require('GITHUB_APP_CLIENT_ID'),
        clientSecret: vars.GITHUB_APP_USER_REFRESH_TOKEN || vars.GITHUB_APP_CLIENT_SECRET ? new Secret(require('GITHUB_APP_CLIENT_SECRET')) : undefined,
        token: new Secret(require('GITHUB_APP_USER_TOKEN')),
        expiresAt: vars.GITHUB_APP_USER_TOKEN_EXPIRES_AT,
        refreshToken: vars.GITHUB_APP_USER_REFRESH_TOKEN ? new Secret(vars.GITHUB_APP_USER_REFRESH_TOKEN) : undefined,
        refreshTokenExpiresAt: vars.GITHUB_APP_USER_REFRESH_TOKEN_EXPIRES_AT,
      };
  }
}

/** Accepts PEM text (also with literal "\n", as .env files store it) or a file path; PKCS#1 or PKCS#8. */
function loadPrivateKey(text: string | undefined, path: string | undefined): Secret {
  if (text !== undefined && path !== undefined) {
    throw new ConfigError('Invalid configuration:\n  - GITHUB_APP_PRIVATE_KEY: set either it or GITHUB_APP_PRIVATE_KEY_PATH, not both');
  }
  const variable = text !== undefined ? 'GITHUB_APP_PRIVATE_KEY' : 'GITHUB_APP_PRIVATE_KEY_PATH';
  let pem: string;
  if (text !== undefined) {
    pem = text.includes('\\n') ? text.replace(/\\n/g, '\n') : text;
  } else if (path !== undefined) {
    try {
      pem = readFileSync(path, 'utf8');
    } catch (error) {
      throw new ConfigError(`Invalid configuration:\n  - ${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  } else {
    throw new ConfigError('Invalid configuration:\n  - GITHUB_APP_PRIVATE_KEY: is required with GITHUB_APP_ID (or set GITHUB_APP_PRIVATE_KEY_PATH)');
  }
  const secret = new Secret(pem.trim());
  try {
    const key = createPrivateKey(secret.reveal());
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
  } catch {
    throw new ConfigError(`Invalid configuration:\n  - ${variable}: is not a PEM-encoded RSA private key (PKCS#1 or PKCS#8)`);
  }
  return secret;
}

/** Empty variables count as unset, as shells and MCP client configs often leave them blank. */
function nonEmpty(env: Environment): Environment {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
}

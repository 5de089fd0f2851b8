import { apiUrlForHost, hasNoCredentials } from '../core/hosts';

/**
 * The extension's settings (`pygithubMcp.*`) as one plain record, read through an injected
 * getter so the mapping to the server's environment is testable without VS Code.
 * Defaults match the core's schema, so an untouched setting means the server's default.
 */
export type PermissionLevel = 'read' | 'write' | 'admin';

export interface AppOverride {
  installationId?: number;
  permissions?: Record<string, PermissionLevel>;
}

export interface ServerOptions {
  apiUrl: string;
  enterpriseUri: string;
  timeout: number;
  callTimeout: number;
  maxResponseMb: number;
  maxResultChars: number;
  userAgent: string;
  perPage: number;
  verify: boolean | string;
  retry: number;
  poolSize: number;
  secondsBetweenRequests: number;
  secondsBetweenWrites: number;
  jwtExpiry: number;
  jwtIssuedAt: number;
  jwtAlgorithm: 'RS256' | 'RS384' | 'RS512';
  lazy: boolean;
  toolsets: string[];
  tools: string[];
  excludeTools: string[];
  readOnlyToolsets: string[];
  readOnly: boolean;
  exposeTokens: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'off';
  userAccountEnabled: boolean;
  userAccountScopes: string[];
  appOverrides: Record<string, AppOverride>;
}

export const DEFAULT_OPTIONS: ServerOptions = {
  apiUrl: '',
  enterpriseUri: '',
  timeout: 15,
  callTimeout: 50,
  maxResponseMb: 16,
  maxResultChars: 200_000,
  userAgent: 'PyGithub-MCP-Server/0.1',
  perPage: 30,
  verify: true,
  retry: 3,
  poolSize: 10,
  secondsBetweenRequests: 0.25,
  secondsBetweenWrites: 1,
  jwtExpiry: 300,
  jwtIssuedAt: -60,
  jwtAlgorithm: 'RS256',
  lazy: true,
  toolsets: ['default'],
  tools: [],
  excludeTools: [],
  readOnlyToolsets: [],
  readOnly: false,
  exposeTokens: false,
  logLevel: 'info',
  userAccountEnabled: true,
  userAccountScopes: ['repo', 'read:org', 'read:user'],
  appOverrides: {},
};

/** Setting key (below `pygithubMcp.`) for each option. */
export const SETTING_KEYS: Record<keyof ServerOptions, string> = {
  apiUrl: 'apiUrl',
  enterpriseUri: 'enterpriseUri',
  timeout: 'timeout',
  callTimeout: 'callTimeout',
  maxResponseMb: 'maxResponseMb',
  maxResultChars: 'maxResultChars',
  userAgent: 'userAgent',
  perPage: 'perPage',
  verify: 'verify',
  retry: 'retry',
  poolSize: 'poolSize',
  secondsBetweenRequests: 'secondsBetweenRequests',
  secondsBetweenWrites: 'secondsBetweenWrites',
  jwtExpiry: 'jwtExpiry',
  jwtIssuedAt: 'jwtIssuedAt',
  jwtAlgorithm: 'jwtAlgorithm',
  lazy: 'lazy',
  toolsets: 'toolsets',
  tools: 'tools',
  excludeTools: 'excludeTools',
  readOnlyToolsets: 'readOnlyToolsets',
  readOnly: 'readOnly',
  exposeTokens: 'exposeTokens',
  logLevel: 'logLevel',
  userAccountEnabled: 'userAccount.enabled',
  userAccountScopes: 'userAccount.scopes',
  appOverrides: 'apps.overrides',
};

export type SettingReader = <T>(key: string, fallback: T) => T;

export function readServerOptions(get: SettingReader): ServerOptions {
  const options = { ...DEFAULT_OPTIONS } as Record<keyof ServerOptions, unknown>;
  for (const name of Object.keys(SETTING_KEYS) as Array<keyof ServerOptions>) {
    options[name] = get(SETTING_KEYS[name], DEFAULT_OPTIONS[name]);
  }
  return options as unknown as ServerOptions;
}

/** The server's non-credential variables for these options (GITHUB_API_URL is per identity). */
export function optionsEnv(options: ServerOptions): Record<string, string> {
  const toolsets = options.toolsets.length > 0 ? options.toolsets : ['default'];
  return {
    GITHUB_TIMEOUT: String(options.timeout),
    GITHUB_CALL_TIMEOUT: String(options.callTimeout),
    GITHUB_MAX_RESPONSE_MB: String(options.maxResponseMb),
    GITHUB_MAX_RESULT_CHARS: String(options.maxResultChars),
    GITHUB_USER_AGENT: options.userAgent,
    GITHUB_PER_PAGE: String(options.perPage),
    GITHUB_VERIFY: String(options.verify),
    GITHUB_RETRY: String(options.retry),
    GITHUB_POOL_SIZE: String(options.poolSize),
    GITHUB_SECONDS_BETWEEN_REQUESTS: String(options.secondsBetweenRequests),
    GITHUB_SECONDS_BETWEEN_WRITES: String(options.secondsBetweenWrites),
    GITHUB_JWT_EXPIRY: String(options.jwtExpiry),
    GITHUB_JWT_ISSUED_AT: String(options.jwtIssuedAt),
    GITHUB_JWT_ALGORITHM: options.jwtAlgorithm,
    GITHUB_LAZY: String(options.lazy),
    GITHUB_TOOLSETS: toolsets.join(','),
    GITHUB_TOOLS: options.tools.join(','),
    GITHUB_EXCLUDE_TOOLS: options.excludeTools.join(','),
    GITHUB_READ_ONLY_TOOLSETS: options.readOnlyToolsets.join(','),
    GITHUB_READ_ONLY: String(options.readOnly),
    GITHUB_EXPOSE_TOKENS: String(options.exposeTokens),
    GITHUB_LOG_LEVEL: options.logLevel,
  };
}

export interface GitHubHost {
  /** The VS Code authentication provider for the user's account. */
  providerId: 'github' | 'github-enterprise';
  apiUrl: string;
  enterpriseUri?: string;
}

/**
 * Which GitHub the user's account lives on. Our enterprise URI wins over VS Code's
 * `github-enterprise.uri` (which the github-enterprise auth provider itself reads); an
 * explicit API URL overrides the derived one (proxies, tests).
 */
export function resolveHost(options: ServerOptions, vscodeEnterpriseUri?: string): GitHubHost {
  // A password in a URL would be printed, stored in definitions and sent as Basic auth behind the identity's back.
  for (const [setting, value] of [['pygithubMcp.apiUrl', options.apiUrl], ['pygithubMcp.enterpriseUri', options.enterpriseUri], ['github-enterprise.uri', vscodeEnterpriseUri ?? '']]) {
    if (value.trim() && !hasNoCredentials(value)) throw new Error(`The setting ${setting} must not contain a user name or password. Remove them, and sign in or set a token instead.`);
  }
  const enterpriseUri = options.enterpriseUri.trim() || vscodeEnterpriseUri?.trim() || undefined;
  const derived = enterpriseUri ? apiUrlForHost(enterpriseUri) : 'https://api.github.com';
  const apiUrl = (options.apiUrl.trim() || derived).replace(/\/+$/, '');
  return { providerId: enterpriseUri ? 'github-enterprise' : 'github', apiUrl, ...(enterpriseUri ? { enterpriseUri } : {}) };
}

/** An App's override, looked up by id or slug. */
export function overrideFor(options: ServerOptions, app: { id: number; slug: string }): AppOverride {
  return options.appOverrides[String(app.id)] ?? options.appOverrides[app.slug] ?? {};
}

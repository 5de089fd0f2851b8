import { z } from 'zod';
import { ConfigError, coreEnvSchema, formatIssues, resolveCoreConfig, type CoreConfig, type Environment } from '../core/config';
import type { LogLevel } from '../core/logger';
import { DEFAULT_TOOLSETS, TOOLSET_DECLARATIONS, TOOLSETS, type ToolsetId } from './toolsets';

export { DEFAULT_TOOLSETS, TOOLSETS };

export interface ServerConfig {
  core: CoreConfig;
  toolsets: ToolsetId[];
  readOnly: boolean;
  exposeTokens: boolean;
  logLevel: LogLevel;
  /** Ceiling on one tool result, in characters of JSON (GITHUB_MAX_RESULT_CHARS). */
  maxResultChars: number;
  /** GITHUB_TOOLS: tools added one by one, beside the toolsets. */
  tools: string[];
  /** GITHUB_EXCLUDE_TOOLS: tools left out whatever else selects them. */
  excludeTools: string[];
  /** GITHUB_READ_ONLY_TOOLSETS: toolsets offered without their write tools. */
  readOnlyToolsets: ToolsetId[];
}

const flag = coreEnvSchema.shape.GITHUB_LAZY.unwrap();

const names = z.string().transform((list) => list.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));

/** A comma list of toolset ids, plus the given group words. */
const toolsetList = (groups: string[]) =>
  names.transform((list, ctx) => {
    const unknown = list.filter((n) => !groups.includes(n) && !TOOLSETS.includes(n as ToolsetId));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `unknown toolset ${unknown.join(', ')}; choose from ${[...groups, ...TOOLSETS].join(', ')}` });
      return z.NEVER;
    }
    return list;
  });

/** The server's options on top of the core's: one schema validates the whole environment. */
export const serverEnvSchema = coreEnvSchema.extend({
  GITHUB_TOOLSETS: toolsetList(['all', 'default']).default(['default']),
  // Tool names are checked against the registry in main.ts: this module does not load the tools.
  GITHUB_TOOLS: names.default([]),
  GITHUB_EXCLUDE_TOOLS: names.default([]),
  GITHUB_READ_ONLY_TOOLSETS: toolsetList([]).default([]),
  GITHUB_EXPOSE_TOKENS: flag.default(false),
  GITHUB_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'off']).default('info'),
  GITHUB_MAX_RESULT_CHARS: z.string().trim().regex(/^\d+$/, 'must be a whole number of characters').transform(Number).refine((n) => n >= 10_000, 'must be at least 10000').default(200_000),
});

/** Environment first, then `--name value` / `--name=value` flags, which win (`--read-only` → GITHUB_READ_ONLY=1). */
export function flagsToEnvironment(argv: string[]): Environment {
  const env: Environment = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/i.exec(argv[i]);
    // The argument itself is not echoed: it may be a token pasted after a stray space.
    if (!match) throw new ConfigError(`Argument ${i + 1} is not a flag; flags look like --toolsets=repos,issues`);
    const name = match[1].toUpperCase().replace(/-/g, '_');
    const variable = name === 'NETRC' || name.startsWith('GITHUB_') ? name : `GITHUB_${name}`;
    // A mistyped flag must not be ignored: --readonly silently meaning "not read-only" would be worse than an error.
    if (!(variable in serverEnvSchema.shape)) throw new ConfigError(`Unknown flag --${match[1]}; see the README for the options`);
    let value = match[2];
    if (value === undefined) value = argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[++i] : '1';
    env[variable] = value;
  }
  return env;
}

export function loadServerConfig(env: Environment, argv: string[] = []): ServerConfig {
  const merged = { ...env, ...flagsToEnvironment(argv) };
  const parsed = serverEnvSchema.safeParse(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${formatIssues(parsed.error)}`);
  const vars = parsed.data;
  const core = resolveCoreConfig(vars);
  return {
    core,
    toolsets: resolveToolsets(vars.GITHUB_TOOLSETS, isAppAuth(core)),
    readOnly: core.readOnly,
    exposeTokens: vars.GITHUB_EXPOSE_TOKENS,
    logLevel: vars.GITHUB_LOG_LEVEL,
    maxResultChars: vars.GITHUB_MAX_RESULT_CHARS,
    tools: vars.GITHUB_TOOLS,
    excludeTools: vars.GITHUB_EXCLUDE_TOOLS,
    readOnlyToolsets: vars.GITHUB_READ_ONLY_TOOLSETS as ToolsetId[],
  };
}

/** App auth (a key or a fixed JWT): the apps toolset joins, as GithubIntegration does. */
export function isAppAuth(core: CoreConfig): boolean {
  return core.auth.method === 'app' || core.auth.method === 'app_token';
}

function resolveToolsets(names: string[], appAuth: boolean): ToolsetId[] {
  const selected = new Set<ToolsetId>();
  for (const name of names) {
    if (name === 'all') TOOLSETS.forEach((t) => selected.add(t));
    else if (name === 'default') DEFAULT_TOOLSETS.forEach((t) => selected.add(t));
    else selected.add(name as ToolsetId);
  }
  for (const toolset of TOOLSET_DECLARATIONS) {
    // A toolset that needs App auth joins with it, as GithubIntegration does; context (auth_status) is always there.
    if (('alwaysOn' in toolset && toolset.alwaysOn) || ('needsApp' in toolset && toolset.needsApp && appAuth)) selected.add(toolset.id);
  }
  return TOOLSETS.filter((t) => selected.has(t));
}

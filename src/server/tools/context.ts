import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import type { GitHub } from '../../core/github';
import type { ServerConfig } from '../config';
import { defineTool, READ } from './defineTool';
import { missingPermissions, missingScope, unusableTools } from './needs';
import { selectTools } from './registry';
import {
  authStatusSchema,
  botLogin,
  identitySchema,
  objectAnswer,
  rateLimitSchema,
  shapeAppIdentity,
  shapeAuthStatus,
  shapeRateLimit,
  shapeUserIdentity,
  login,
  objectOr,
  type CannotUse,
  type Learned,
  type RawUser,
} from './shape';

export const contextTools = [
  defineTool({
    name: 'get_me',
    toolset: 'context',
    title: 'Get my GitHub identity',
    description: 'The account this server acts as: the signed-in user, or a GitHub App\'s bot.',
    input: {},
    output: identitySchema.shape,
    annotations: READ,
    needs: {},
    async handler(_args, { github }) {
      const client = await github.client();
      if (github.isApp) {
        const { data } = await client.request('GET /app');
        return { data: shapeAppIdentity(objectAnswer(data as Record<string, unknown>, 'the App (GET /app)')) };
      }
      if (github.auth.method === 'none') {
        throw new GitHubError('auth', 'No credentials are configured, so there is no identity. Set GITHUB_TOKEN or another method (see auth_status).');
      }
      const { data } = await client.rest.users.getAuthenticated();
      return { data: shapeUserIdentity(objectAnswer(data, 'the authenticated user (GET /user)')) };
    },
  }),

  defineTool({
    name: 'auth_status',
    toolset: 'context',
    title: 'Check authentication',
    description:
      'How this server authenticates: method, identity, token kind and expiry, scopes or permissions, API base URL, and the enabled tools it lacks a scope or permission for.',
    input: {},
    output: authStatusSchema.shape,
    annotations: READ,
    needs: {},
    async handler(_args, { github, config }) {
      const baseUrl = config.core.apiUrl;
      if (github.auth.method === 'none') {
        const problem = 'No credentials configured: public data only, at 60 requests per hour. Set GITHUB_TOKEN or another method.';
        return { data: shapeAuthStatus(github.auth.facts(), { problem }, baseUrl, false) };
      }
      const learned: Learned = {};
      try {
        const client = await github.client();
        if (github.isApp) {
          const { data } = await client.request('GET /app');
          learned.identity = botLogin(data as { slug?: unknown });
        } else {
          const { data, headers } = await client.rest.users.getAuthenticated();
          learned.identity = typeof data?.login === 'string' ? data.login : undefined;
          const scopes = headers['x-oauth-scopes'];
          if (typeof scopes === 'string') learned.scopes = scopes.split(',').map((s) => s.trim()).filter(Boolean);
          const expiration = headers['github-authentication-token-expiration'];
          if (typeof expiration === 'string') learned.expiresAt = parseExpirationHeader(expiration);
        }
      } catch (error) {
        learned.problem = error instanceof Error ? error.message : String(error);
      }
      if (!learned.problem) learned.cannotUse = await cannotUse(github, config, learned.scopes);
      // Facts are read after the calls: they may have minted or refreshed a token.
      return { data: shapeAuthStatus(github.auth.facts(), learned, baseUrl, !learned.problem) };
    },
  }),

  defineTool({
    name: 'get_rate_limit',
    toolset: 'context',
    title: 'Get rate limits',
    description: 'Remaining API quota per resource (core, search, graphql) and when each resets.',
    input: { owner: z.string().optional().describe('GitHub App: whose installation') },
    output: rateLimitSchema.shape,
    annotations: READ,
    needs: {},
    async handler({ owner }, { github }) {
      const client = owner ? await github.forOwner(owner) : await github.client();
      const { data } = await client.rest.rateLimit.get();
      return { data: shapeRateLimit(objectAnswer(data, 'the rate limits (GET /rate_limit)')) };
    },
  }),
];

const MAX_ACCOUNTS = 10;

/**
 * The enabled tools this identity lacks a scope or permission for: judged by a classic token's
 * scopes, a pinned installation's permissions, or for an unpinned App each installation's (the
 * first 100). Undefined when GitHub does not say (fine-grained and user tokens) or cannot be asked.
 */
async function cannotUse(github: GitHub, config: ServerConfig, scopes: string[] | undefined): Promise<CannotUse[] | undefined> {
  const tools = selectTools(config, github.isApp).map((entry) => ({ name: entry.tool.name, needs: entry.needs }));
  if (scopes) return unusableTools(tools, (needs) => missingScope(needs, scopes));
  const integration = github.integration;
  if (!integration) return undefined;
  // No installation can use a tool that acts as a user, whatever it was granted.
  const userOnly = tools.filter((tool) => tool.needs.user).map((tool) => tool.name);
  const asUser: CannotUse[] = userOnly.length > 0 ? [{ missing: "a user's token (GitHub refuses these to GitHub Apps)", tools: userOnly }] : [];
  const installable = tools.filter((tool) => !tool.needs.user);
  try {
    const { installationId, permissions } = github.auth.facts();
    if (installationId !== undefined) {
      const granted = permissions ?? (objectOr((await integration.getInstallation(installationId)).permissions) as Record<string, string> | undefined) ?? {};
      return [...asUser, ...unusableTools(installable, (needs) => missingPermissions(needs, granted))];
    }
    const groups = new Map<string, CannotUse>();
    for (const installation of (await integration.listInstallations(1, 100)).items) {
      const granted = (objectOr(installation.permissions) ?? {}) as Record<string, string>;
      const account = login(installation.account as RawUser) ?? `installation ${String(installation.id)}`;
      for (const group of unusableTools(installable, (needs) => missingPermissions(needs, granted))) {
        const key = `${group.missing}|${group.tools.join(',')}`;
        const merged = groups.get(key) ?? { ...group, accounts: [] };
        merged.accounts!.push(account);
        groups.set(key, merged);
      }
    }
    return [
      ...asUser,
      ...[...groups.values()].map((group) =>
        group.accounts!.length > MAX_ACCOUNTS ? { ...group, accounts: [...group.accounts!.slice(0, MAX_ACCOUNTS), `…and ${group.accounts!.length - MAX_ACCOUNTS} more`] } : group,
      ),
    ];
  } catch {
    return undefined;
  }
}

/** GitHub writes "2026-12-01 10:00:00 UTC" or "2026-12-01 10:00:00 -0700"; anything else is passed on as written. */
export function parseExpirationHeader(value: string): string {
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) (UTC|[+-]\d{4})$/.exec(value.trim());
  if (!match) return value;
  const zone = match[3] === 'UTC' ? 'Z' : `${match[3].slice(0, 3)}:${match[3].slice(3)}`;
  const time = Date.parse(`${match[1]}T${match[2]}${zone}`);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

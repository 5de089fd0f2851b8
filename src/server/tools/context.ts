import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import { defineTool } from './defineTool';

const identity = {
  login: z.string(),
  id: z.number(),
  type: z.string().describe('User, Organization or Bot'),
  name: z.string().nullable().optional(),
  htmlUrl: z.string().optional(),
};

export const contextTools = [
  defineTool({
    name: 'get_me',
    toolset: 'context',
    title: 'Get my GitHub identity',
    description: 'The GitHub account this server acts as: the signed-in user, or for GitHub App auth the App\'s bot account.',
    input: {},
    output: identity,
    annotations: { readOnlyHint: true, openWorldHint: true },
    async handler(_args, { github }) {
      const client = await github.client();
      if (github.isApp) {
        const { data } = await client.request('GET /app');
        const app = data as { id: number; slug?: string; name: string; html_url: string };
        return { data: { login: `${app.slug}[bot]`, id: app.id, type: 'Bot', name: app.name, htmlUrl: app.html_url } };
      }
      if (github.auth.method === 'none') {
        throw new GitHubError('auth', 'No credentials are configured, so there is no identity. Set GITHUB_TOKEN or another method (see auth_status).');
      }
      const { data } = await client.rest.users.getAuthenticated();
      return { data: { login: data.login, id: data.id, type: data.type, name: data.name, htmlUrl: data.html_url } };
    },
  }),

  defineTool({
    name: 'auth_status',
    toolset: 'context',
    title: 'Check authentication',
    description:
      'How this server authenticates: the PyGithub auth method, the identity, the kind of token and its expiry, OAuth scopes or installation permissions, and the API base URL. Never returns a secret.',
    input: {},
    output: {
      method: z.string(),
      pygithubClass: z.string(),
      authenticated: z.boolean(),
      identity: z.string().optional(),
      tokenKind: z.string().optional(),
      expiresAt: z.string().optional(),
      refreshTokenExpiresAt: z.string().optional(),
      scopes: z.array(z.string()).optional(),
      appId: z.number().optional(),
      installationId: z.number().optional(),
      permissions: z.record(z.string(), z.string()).optional(),
      baseUrl: z.string(),
      problem: z.string().optional(),
    },
    annotations: { readOnlyHint: true, openWorldHint: true },
    async handler(_args, { github, config }) {
      const base = { baseUrl: config.core.apiUrl };
      if (github.auth.method === 'none') {
        const problem = 'No credentials configured: public data only, at 60 requests per hour. Set GITHUB_TOKEN or another method.';
        return { data: { ...github.auth.facts(), ...base, authenticated: false, problem } };
      }
      const learned: { identity?: string; scopes?: string[]; expiresAt?: string; problem?: string } = {};
      try {
        const client = await github.client();
        if (github.isApp) {
          const { data } = await client.request('GET /app');
          learned.identity = `${(data as { slug?: string }).slug}[bot]`;
        } else {
          const { data, headers } = await client.rest.users.getAuthenticated();
          learned.identity = data.login;
          const scopes = headers['x-oauth-scopes'];
          if (typeof scopes === 'string') learned.scopes = scopes.split(',').map((s) => s.trim()).filter(Boolean);
          const expiration = headers['github-authentication-token-expiration'];
          if (typeof expiration === 'string') learned.expiresAt = parseExpirationHeader(expiration);
        }
      } catch (error) {
        learned.problem = error instanceof Error ? error.message : String(error);
      }
      // Facts are read after the call: it may have minted or refreshed a token.
      const facts = stripUndefined(github.auth.facts());
      const status = { ...learned, ...facts, expiresAt: facts.expiresAt ?? learned.expiresAt, ...base, authenticated: !learned.problem };
      return { data: stripUndefined(status) };
    },
  }),

  defineTool({
    name: 'get_rate_limit',
    toolset: 'context',
    title: 'Get rate limits',
    description: 'Remaining GitHub API quota per resource (core, search, graphql) and when each resets. For an App, name an owner to see that installation\'s quota.',
    input: { owner: z.string().optional().describe('For GitHub App auth: the account whose installation to ask about') },
    output: {
      resources: z.record(z.string(), z.object({ limit: z.number(), remaining: z.number(), used: z.number(), reset: z.string() })),
    },
    annotations: { readOnlyHint: true, openWorldHint: true },
    async handler({ owner }, { github }) {
      const client = owner ? await github.forOwner(owner) : await github.client();
      const { data } = await client.rest.rateLimit.get();
      const resources: Record<string, { limit: number; remaining: number; used: number; reset: string }> = {};
      for (const [name, r] of Object.entries(data.resources)) {
        // Older GHES releases leave out `used`.
        if (r) resources[name] = { limit: r.limit, remaining: r.remaining, used: r.used ?? r.limit - r.remaining, reset: new Date(r.reset * 1000).toISOString() };
      }
      return { data: { resources } };
    },
  }),
];

/** GitHub writes "2026-12-01 10:00:00 UTC" or "2026-12-01 10:00:00 -0700"; anything else is passed on as written. */
export function parseExpirationHeader(value: string): string {
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) (UTC|[+-]\d{4})$/.exec(value.trim());
  if (!match) return value;
  const zone = match[3] === 'UTC' ? 'Z' : `${match[3].slice(0, 3)}:${match[3].slice(3)}`;
  const time = Date.parse(`${match[1]}T${match[2]}${zone}`);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

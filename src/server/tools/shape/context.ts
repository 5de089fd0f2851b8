import { z } from 'zod';
import type { AuthFacts } from '../../../core/auth/types';
import { defined, objectOr, type Shaped } from './common';

/* Result shaping for the context toolset: who the server is, how it authenticates, its quota. */

type Json = Record<string, unknown>;

// ---------------------------------------------------------------- identity

/*
 * users/get-authenticated answers private-user or public-user, both requiring login, id, type,
 * name (nullable) and html_url. apps/get-authenticated answers `integration`, where slug is
 * optional: an App's login ("<slug>[bot]") is then unknown, hence login is optional.
 */
export const identitySchema = z.object({
  login: z.string().optional().describe('Absent only for an App whose slug GitHub did not send'),
  id: z.number(),
  type: z.string().describe('User, Organization or Bot'),
  name: z.string().nullable().optional(),
  htmlUrl: z.string().optional(),
});

export function shapeUserIdentity(user: { login: string; id: number; type: string; name?: string | null; html_url: string }): Shaped<z.output<typeof identitySchema>> {
  return { login: user.login, id: user.id, type: user.type, name: user.name, htmlUrl: user.html_url };
}

/** The login GitHub gives an App's bot account, when it sent the slug. */
export function botLogin(app: { slug?: unknown } | null | undefined): string | undefined {
  return typeof app?.slug === 'string' && app.slug !== '' ? `${app.slug}[bot]` : undefined;
}

export function shapeAppIdentity(app: Json): Shaped<z.output<typeof identitySchema>> {
  return {
    login: botLogin(app),
    id: typeof app.id === 'number' ? app.id : undefined,
    type: 'Bot',
    name: typeof app.name === 'string' ? app.name : undefined,
    htmlUrl: typeof app.html_url === 'string' ? app.html_url : undefined,
  };
}

// ---------------------------------------------------------------- auth_status

/**
 * Every AuthFacts field has a place here (the `satisfies` fails the build otherwise), so an
 * auth method's facts can never produce a field the advertised schema forbids.
 */
const authStatusShape = {
  method: z.string(),
  pygithubClass: z.string(),
  authenticated: z.boolean(),
  identity: z.string().optional().describe('Login GitHub answered for these credentials'),
  login: z.string().optional().describe('Login configured for Basic or netrc auth (identity is what GitHub answered)'),
  tokenKind: z.string().optional(),
  expiresAt: z.string().optional(),
  refreshTokenExpiresAt: z.string().optional(),
  scopes: z.array(z.string()).optional(),
  appId: z.number().optional(),
  installationId: z.number().optional(),
  permissions: z.record(z.string(), z.string()).optional(),
  baseUrl: z.string(),
  problem: z.string().optional(),
  cannotUse: z
    .array(
      z.object({
        missing: z.string().describe('e.g. "issues: write" or "scope repo"'),
        tools: z.array(z.string()),
        accounts: z.array(z.string()).optional().describe('App: the installations, by account, that lack it'),
      }),
    )
    .optional()
    .describe('Enabled tools this identity cannot use, by what it lacks; absent when GitHub does not say (fine-grained and user tokens)'),
} satisfies { [K in keyof AuthFacts]-?: z.ZodType } & z.ZodRawShape;

export const authStatusSchema = z.object(authStatusShape);

/** The facts fields by name; the `satisfies` fails the build when AuthFacts gains one not listed. */
const FACT_KEYS = {
  method: true,
  pygithubClass: true,
  login: true,
  tokenKind: true,
  expiresAt: true,
  refreshTokenExpiresAt: true,
  appId: true,
  installationId: true,
  permissions: true,
} as const satisfies Record<keyof AuthFacts, true>;

export type CannotUse = NonNullable<z.output<typeof authStatusSchema>['cannotUse']>[number];

export interface Learned {
  identity?: string;
  scopes?: string[];
  expiresAt?: string;
  problem?: string;
  cannotUse?: CannotUse[];
}

/** Facts from the auth method (read after any call: it may have minted a token), then what GitHub told us. */
export function shapeAuthStatus(facts: AuthFacts, learned: Learned, baseUrl: string, authenticated: boolean): Shaped<z.output<typeof authStatusSchema>> {
  const known = Object.fromEntries(Object.keys(FACT_KEYS).map((key) => [key, facts[key as keyof AuthFacts]])) as Partial<AuthFacts>;
  return defined({
    ...learned,
    ...defined(known),
    appId: Number.isFinite(known.appId) ? known.appId : undefined,
    expiresAt: known.expiresAt ?? learned.expiresAt,
    baseUrl,
    authenticated,
  });
}

// ---------------------------------------------------------------- rate limits

/*
 * rate-limit-overview requires resources (with core and search; the others optional), each
 * a rate-limit requiring limit, remaining, reset and used. Older GHES releases leave out
 * `used`: it is then limit - remaining, which is what it means.
 */
const rateLimitResource = z.object({ limit: z.number(), remaining: z.number(), used: z.number(), reset: z.string().describe('ISO 8601 time the window resets') });

export const rateLimitSchema = z.object({ resources: z.record(z.string(), rateLimitResource) });

type Resource = z.output<typeof rateLimitResource>;

function shapeResource(value: unknown): Shaped<Resource> | undefined {
  const r = objectOr(value);
  if (!r) return undefined;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const limit = num(r.limit);
  const remaining = num(r.remaining);
  const reset = num(r.reset);
  const used = num(r.used) ?? (limit !== undefined && remaining !== undefined ? limit - remaining : undefined);
  const when = reset === undefined ? undefined : new Date(reset * 1000);
  return { limit, remaining, used, reset: when && !Number.isNaN(when.getTime()) ? when.toISOString() : undefined };
}

export function shapeRateLimit(data: { resources?: unknown; rate?: unknown }): Shaped<z.output<typeof rateLimitSchema>> {
  // `rate` is the deprecated copy of resources.core; it stands in only when resources is missing.
  const resources = objectOr(data?.resources) ?? (objectOr(data?.rate) ? { core: data.rate } : undefined);
  if (!resources) return { resources: undefined };
  const shaped: Record<string, Shaped<Resource>> = {};
  for (const [name, value] of Object.entries(resources)) {
    const r = shapeResource(value);
    if (r) shaped[name] = r;
  }
  return { resources: shaped };
}

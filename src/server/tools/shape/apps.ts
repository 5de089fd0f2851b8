import { z } from 'zod';
import type { InstallationToken } from '../../../core/auth/installation';
import { defined, objectOr, type Shaped } from './common';

/* Result shaping for the apps toolset (PyGithub's GithubIntegration). */

type Json = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** A map of permission levels ("read", "write", "admin"), keeping only string values. */
function levels(value: unknown): Record<string, string> | undefined {
  const record = objectOr(value);
  if (!record) return undefined;
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** An account is a user or organization (login) or, for enterprise installations, an enterprise (slug). */
function accountName(account: Json | undefined): string | undefined {
  return str(account?.login) ?? str(account?.slug);
}

// ---------------------------------------------------------------- the App

/*
 * `integration` (apps/get-authenticated) requires id, owner (a user or an enterprise), name,
 * description (nullable), html_url, permissions and events; slug and installations_count are optional.
 */
export const appSchema = z.object({
  id: z.number(),
  slug: z.string().optional(),
  name: z.string(),
  owner: z.string().optional().describe('Login (or enterprise slug) of the App\'s owner'),
  description: z.string().nullable().optional(),
  htmlUrl: z.string(),
  permissions: z.record(z.string(), z.string()),
  events: z.array(z.string()),
  installationsCount: z.number().optional(),
});

export function shapeApp(app: Json): Shaped<z.output<typeof appSchema>> {
  return {
    id: num(app.id),
    slug: str(app.slug),
    name: str(app.name),
    owner: accountName(objectOr(app.owner)),
    description: app.description === null ? null : str(app.description),
    htmlUrl: str(app.html_url),
    permissions: levels(app.permissions),
    events: Array.isArray(app.events) ? app.events.filter((e): e is string => typeof e === 'string') : undefined,
    installationsCount: num(app.installations_count),
  };
}

// ---------------------------------------------------------------- installations

/*
 * `installation` (apps/list-installations, get-installation, get-repo-, get-org- and
 * get-user-installation) requires id, account (nullable; a user or an enterprise),
 * target_type, repository_selection, permissions, suspended_at (nullable), created_at and html_url.
 */
export const installationSchema = z.object({
  id: z.number(),
  account: z.string().nullable().describe('Login of the user or organization the App is installed on (an enterprise\'s slug); null when GitHub names none'),
  accountType: z.string().describe('User, Organization or Enterprise'),
  repositorySelection: z.string().describe('"all" or "selected"'),
  permissions: z.record(z.string(), z.string()),
  suspended: z.boolean(),
  suspendedAt: z.string().nullable(),
  createdAt: z.string().optional(),
  htmlUrl: z.string().optional(),
});

export function shapeInstallation(installation: Json): Shaped<z.output<typeof installationSchema>> {
  const account = objectOr(installation.account);
  const suspendedAt = installation.suspended_at === null ? null : str(installation.suspended_at);
  return {
    id: num(installation.id),
    account: account ? accountName(account) : installation.account === null ? null : undefined,
    accountType: str(account?.type) ?? str(installation.target_type),
    repositorySelection: str(installation.repository_selection),
    permissions: levels(installation.permissions),
    suspended: suspendedAt === undefined ? undefined : suspendedAt !== null,
    suspendedAt,
    createdAt: str(installation.created_at),
    htmlUrl: str(installation.html_url),
  };
}

/*
 * apps/list-repos-accessible-to-installation: `repository` items, which require full_name,
 * private, default_branch, description (nullable) and html_url.
 */
export const installationRepositorySchema = z.object({
  fullName: z.string(),
  private: z.boolean(),
  defaultBranch: z.string().optional(),
  description: z.string().nullable().optional(),
  htmlUrl: z.string(),
});

export function shapeInstallationRepository(r: Json): Shaped<z.output<typeof installationRepositorySchema>> {
  return {
    fullName: str(r.full_name),
    private: typeof r.private === 'boolean' ? r.private : undefined,
    defaultBranch: str(r.default_branch),
    description: r.description === null ? null : str(r.description),
    htmlUrl: str(r.html_url),
  };
}

// ---------------------------------------------------------------- tokens

/*
 * `installation-token` (apps/create-installation-access-token) requires only token and
 * expires_at; permissions, repository_selection and repositories are optional.
 */
export const installationTokenSchema = z.object({
  installationId: z.number(),
  expiresAt: z.string(),
  permissions: z.record(z.string(), z.string()).optional(),
  repositorySelection: z.string().optional().describe('"all" or "selected"'),
  repositories: z.array(z.string()).optional(),
  token: z.string().optional(),
  tokenWithheld: z.string().optional(),
});

/** What is known about a minted token, without the token. */
export function shapeInstallationToken(minted: InstallationToken): Shaped<z.output<typeof installationTokenSchema>> {
  return defined({
    installationId: minted.installationId,
    expiresAt: minted.expiresAt,
    permissions: levels(minted.permissions),
    repositorySelection: str(minted.repositorySelection),
    repositories: Array.isArray(minted.repositoryNames) ? minted.repositoryNames : undefined,
  });
}

import { LEVELS, type Account, type Level, type Permissions, type Repo } from './model';
import { ghError, notAccessibleByIntegration, notFound, requiresAuthentication } from './http/errors';
import type { Ctx } from './http/context';
import type { World } from './world';

// Who may see and change which repository. Users get a level from ownership,
// collaboration and org membership; classic tokens are further limited by
// scopes; app tokens by the installation's (or token's) repositories and
// permissions. Invisible repos are 404, as GitHub hides their existence.

export type Category = 'metadata' | 'issues' | 'pull_requests' | 'contents' | 'statuses' | 'checks' | 'actions' | 'discussions' | SecurityCategory;
/** App permissions of the security endpoints (routes/security.ts). */
export type SecurityCategory = 'security_events' | 'secret_scanning_alerts' | 'vulnerability_alerts' | 'repository_advisories';

export function userLevel(world: World, user: Account, repo: Repo): Level | null {
  if (repo.owner.id === user.id) return 'admin';
  const levels: Level[] = [];
  const direct = repo.collaborators.get(user.login);
  if (direct) levels.push(direct);
  const role = world.account(repo.owner.login)?.members?.get(user.login);
  if (role === 'admin') levels.push('admin');
  // Organization members get the default base permission: read.
  if (role === 'member') levels.push('read');
  if (levels.length === 0) return repo.private ? null : 'read';
  return levels.sort((a, b) => LEVELS[b] - LEVELS[a])[0];
}

interface Grant {
  visible: boolean;
  level: number;
  permissions?: Permissions;
  scopes?: string[];
}

export function tokenRepoIds(ctx: Ctx): Set<number> | null {
  const p = ctx.principal;
  if (p.kind !== 'installation') return null;
  if (p.token.repositoryIds) return p.token.repositoryIds;
  return new Set(ctx.services.world.installationRepos(p.installation).map((r) => r.id));
}

function grantFor(ctx: Ctx, repo: Repo): Grant {
  const p = ctx.principal;
  const world = ctx.services.world;
  if (p.kind === 'none') return { visible: !repo.private, level: repo.private ? 0 : 1 };
  if (p.kind === 'jwt') return { visible: false, level: 0 };
  if (p.kind === 'installation') {
    const visible = tokenRepoIds(ctx)?.has(repo.id) ?? false;
    return { visible, level: visible ? 3 : 0, permissions: p.token.permissions };
  }
  const level = userLevel(world, p.user, repo);
  let grant: Grant = { visible: level !== null, level: level ? LEVELS[level] : 0 };
  const token = p.token;
  if (token && (token.kind === 'pat' || token.kind === 'oauth')) {
    const scopes = token.scopes ?? [];
    grant.scopes = scopes;
    if (repo.private && !scopes.includes('repo')) grant = { visible: false, level: 0 };
  }
  if (token?.kind === 'user-to-server') {
    // A user-to-server token reaches only repos where its app is installed.
    const inst = world.installationForRepo(token.appId ?? -1, repo);
    if (!inst) return { visible: false, level: 0 };
    grant.permissions = inst.permissions;
  }
  return grant;
}

export function canSee(ctx: Ctx, repo: Repo): boolean {
  return grantFor(ctx, repo).visible;
}

export interface RequireOptions {
  category: Category;
  access: 'read' | 'write';
  /** A user's own repository level needed; creating issues needs only read, as on GitHub. */
  userNeeds?: 'read' | 'write';
}

export function requireRepo(ctx: Ctx, owner: string, name: string, opts: RequireOptions): Repo {
  const repo = ctx.services.world.repo(owner, name);
  ctx.resHeaders['x-accepted-oauth-scopes'] = 'repo';
  if (!repo) throw notFound();
  const grant = grantFor(ctx, repo);
  if (!grant.visible) throw notFound();
  if (ctx.principal.kind === 'none' && opts.access === 'write') throw requiresAuthentication();
  if (grant.permissions) {
    const have = grant.permissions[opts.category];
    if (!have || LEVELS[have] < LEVELS[opts.access]) {
      const fineGrained = ctx.principal.kind === 'user' && ctx.principal.token?.kind === 'fine-grained';
      throw fineGrained ? ghError(403, 'Resource not accessible by personal access token') : notAccessibleByIntegration();
    }
  }
  const needs = opts.userNeeds ?? opts.access;
  if (needs === 'write') {
    // Classic scopes: writing needs repo (or public_repo on a public repository).
    if (grant.scopes && !grant.scopes.includes('repo') && !(grant.scopes.includes('public_repo') && !repo.private)) throw notFound();
    if (grant.level < LEVELS.write) throw ghError(403, 'Must have push access to repository');
  }
  return repo;
}

/** The `permissions` object GitHub adds to repositories for authenticated callers. */
export function repoPermissions(ctx: Ctx, repo: Repo): Record<string, boolean> | undefined {
  const p = ctx.principal;
  if (p.kind === 'none' || p.kind === 'jwt') return undefined;
  let level = grantFor(ctx, repo).level;
  if (p.kind === 'installation') {
    const contents = p.token.permissions?.contents;
    level = contents ? LEVELS[contents] : 1;
    level = Math.min(level, 2);
  }
  return { admin: level >= 3, maintain: level >= 3, push: level >= 2, triage: level >= 2, pull: level >= 1 };
}

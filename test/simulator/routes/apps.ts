import { iso } from '../clock';
import { LEVELS, type Level, type Permissions, type Repo } from '../model';
import { bodyObject, json, type Ctx, type Reply } from '../http/context';
import { ghError, notFound } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import { appJson, installationJson } from '../render/accounts';
import { repoJson } from '../render/repos';
import { canSee, tokenRepoIds } from '../access';

// GitHub App endpoints: JWT-only app/installation lookups, installation token
// minting (with narrowing rules) and what installation tokens may list.

const TOKEN_DOCS = 'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app';

function jwtApp(ctx: Ctx) {
  if (ctx.principal.kind !== 'jwt') throw notFound();
  return ctx.principal.app;
}

function appInstallation(ctx: Ctx, id: number) {
  const app = jwtApp(ctx);
  const inst = ctx.services.world.installations.get(id);
  if (!inst || inst.appId !== app.id) throw notFound();
  return inst;
}

function narrowPermissions(granted: Permissions, requested: unknown): Permissions {
  if (requested === undefined || requested === null) return { ...granted };
  if (typeof requested !== 'object' || Array.isArray(requested)) throw ghError(422, 'The permissions requested are not granted to this installation.', TOKEN_DOCS);
  const out: Permissions = {};
  for (const [name, level] of Object.entries(requested as Record<string, unknown>)) {
    const have = granted[name];
    if (typeof level !== 'string' || !(level in LEVELS) || !have || LEVELS[level as Level] > LEVELS[have]) {
      throw ghError(422, 'The permissions requested are not granted to this installation.', TOKEN_DOCS);
    }
    out[name] = level as Level;
  }
  // GitHub always includes read access to metadata when the installation has it.
  if (granted.metadata && !out.metadata) out.metadata = 'read';
  return out;
}

function narrowRepositories(available: Repo[], names: unknown, ids: unknown): Repo[] | null {
  const wantNames = Array.isArray(names) ? names : [];
  const wantIds = Array.isArray(ids) ? ids : [];
  if (wantNames.length === 0 && wantIds.length === 0) return null;
  const fail = () => ghError(422, 'There is at least one repository that does not exist or is not accessible to the parent installation.', TOKEN_DOCS);
  const chosen = new Map<number, Repo>();
  for (const name of wantNames) {
    const repo = typeof name === 'string' ? available.find((r) => r.name.toLowerCase() === name.toLowerCase()) : undefined;
    if (!repo) throw fail();
    chosen.set(repo.id, repo);
  }
  for (const id of wantIds) {
    const repo = available.find((r) => r.id === id);
    if (!repo) throw fail();
    chosen.set(repo.id, repo);
  }
  return [...chosen.values()].sort((a, b) => a.id - b.id);
}

function mintToken(ctx: Ctx): Reply {
  const inst = appInstallation(ctx, Number(ctx.params.id));
  if (inst.suspendedAt) throw ghError(403, 'This installation has been suspended', TOKEN_DOCS);
  const body = bodyObject(ctx);
  const { world, tokens, clock } = ctx.services;
  const permissions = narrowPermissions(inst.permissions, body.permissions);
  const narrowed = narrowRepositories(world.installationRepos(inst), body.repositories, body.repository_ids);
  const record = tokens.issue('installation', {
    installationId: inst.id,
    appId: inst.appId,
    permissions,
    repositoryIds: narrowed ? new Set(narrowed.map((r) => r.id)) : null,
    expiresAt: clock.now() + tokens.lifetimes.tokenLifetimeSeconds * 1000,
  });
  const selection = narrowed ? 'selected' : inst.repositorySelection;
  const out: Record<string, unknown> = {
    token: record.value,
    expires_at: iso(record.expiresAt as number),
    permissions,
    repository_selection: selection,
  };
  if (selection === 'selected') out.repositories = (narrowed ?? world.installationRepos(inst)).map((r) => repoJson(ctx, r));
  return json(out, 201);
}

function installationRepositories(ctx: Ctx): Reply {
  const p = ctx.principal;
  if (p.kind !== 'installation') throw ghError(403, 'You must authenticate with an installation access token in order to list repositories for an installation.');
  const ids = tokenRepoIds(ctx) ?? new Set<number>();
  const all = [...ids].map((id) => ctx.services.world.reposById.get(id)).filter((r): r is Repo => !!r).sort((a, b) => a.id - b.id);
  const selection = p.token.repositoryIds ? 'selected' : p.installation.repositorySelection;
  return json({ total_count: all.length, repository_selection: selection, repositories: paginate(ctx, all).map((r) => repoJson(ctx, r)) });
}

function userInstallations(ctx: Ctx): Reply {
  const p = ctx.principal;
  if (p.kind !== 'user' || p.token?.kind !== 'user-to-server') throw ghError(403, 'You must authenticate with an access token authorized to a GitHub App in order to list installations');
  const world = ctx.services.world;
  const list = world.installationsOf(p.token.appId ?? -1).filter((i) => world.installationRepos(i).some((r) => canSee(ctx, r)) || i.account.id === p.user.id);
  return json({ total_count: list.length, installations: paginate(ctx, list).map((i) => installationJson(ctx, i)) });
}

function userInstallationRepos(ctx: Ctx): Reply {
  const p = ctx.principal;
  if (p.kind !== 'user' || p.token?.kind !== 'user-to-server') throw ghError(403, 'You must authenticate with an access token authorized to a GitHub App in order to list repositories');
  const inst = ctx.services.world.installations.get(Number(ctx.params.id));
  if (!inst || inst.appId !== p.token.appId) throw notFound();
  const all = ctx.services.world.installationRepos(inst).filter((r) => canSee(ctx, r));
  return json({ total_count: all.length, repository_selection: inst.repositorySelection, repositories: paginate(ctx, all).map((r) => repoJson(ctx, r)) });
}

export function appRoutes(router: Router): void {
  const jwt = { jwt: true };
  router
    .add('GET', '/app', (ctx) => json(appJson(ctx, jwtApp(ctx))), jwt)
    .add('GET', '/app/installations', (ctx) => json(paginate(ctx, ctx.services.world.installationsOf(jwtApp(ctx).id)).map((i) => installationJson(ctx, i))), jwt)
    .add('GET', '/app/installations/:id', (ctx) => json(installationJson(ctx, appInstallation(ctx, Number(ctx.params.id)))), jwt)
    .add('POST', '/app/installations/:id/access_tokens', mintToken, jwt)
    .add('GET', '/repos/:owner/:repo/installation', (ctx) => {
      const repo = ctx.services.world.repo(ctx.params.owner, ctx.params.repo);
      const inst = repo && ctx.services.world.installationForRepo(jwtApp(ctx).id, repo);
      if (!inst) throw notFound();
      return json(installationJson(ctx, inst));
    }, jwt)
    .add('GET', '/orgs/:org/installation', (ctx) => accountInstallation(ctx, ctx.params.org, 'Organization'), jwt)
    .add('GET', '/users/:user/installation', (ctx) => accountInstallation(ctx, ctx.params.user), jwt)
    .add('GET', '/installation/repositories', installationRepositories)
    .add('DELETE', '/installation/token', (ctx) => {
      if (ctx.principal.kind !== 'installation') throw ghError(403, 'Resource not accessible by integration');
      ctx.services.tokens.revoke(ctx.principal.token.value);
      return { status: 204 };
    })
    .add('GET', '/user/installations', userInstallations)
    .add('GET', '/user/installations/:id/repositories', userInstallationRepos);
}

function accountInstallation(ctx: Ctx, login: string, type?: 'Organization'): Reply {
  const account = ctx.services.world.account(login);
  if (!account || (type && account.type !== type)) throw notFound();
  const inst = ctx.services.world.installationForAccount(jwtApp(ctx).id, account);
  if (!inst) throw notFound();
  return json(installationJson(ctx, inst));
}

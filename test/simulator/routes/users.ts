import { canSee } from '../access';
import { json, type Ctx, type Reply } from '../http/context';
import { notAccessibleByIntegration, notFound, requiresAuthentication } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import { rateIdentity, type RateInfo } from '../http/ratelimit';
import type { Account, Repo } from '../model';
import { fullUser, orgJson } from '../render/accounts';
import { repoJson } from '../render/repos';

// Users, organizations, their repository lists, /rate_limit and the API root.

function counts(ctx: Ctx, account: Account) {
  const repos = ctx.services.world.reposOf(account);
  return { publicRepos: repos.filter((r) => !r.private).length, privateRepos: repos.filter((r) => r.private).length };
}

function sortRepos(ctx: Ctx, repos: Repo[], defaultSort: string): Repo[] {
  const sort = ctx.query.get('sort') ?? defaultSort;
  const key = (r: Repo): string => (sort === 'created' ? r.createdAt : sort === 'updated' ? r.updatedAt : sort === 'pushed' ? r.pushedAt : r.name.toLowerCase());
  const asc = (ctx.query.get('direction') ?? (sort === 'full_name' ? 'asc' : 'desc')) === 'asc';
  return [...repos].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (asc ? 1 : -1));
}

function listRepos(ctx: Ctx, repos: Repo[], defaultSort: string): Reply {
  const type = ctx.query.get('type') ?? 'all';
  const visible = repos.filter((r) => canSee(ctx, r) && (type === 'all' || type === 'owner' || type === 'member' || (type === 'public' ? !r.private : type === 'private' ? r.private : true)));
  return json(paginate(ctx, sortRepos(ctx, visible, defaultSort)).map((r) => repoJson(ctx, r)));
}

function authenticatedUser(ctx: Ctx): Account {
  const p = ctx.principal;
  if (p.kind === 'installation') throw notAccessibleByIntegration();
  if (p.kind !== 'user') throw requiresAuthentication();
  return p.user;
}

function rateLimit(ctx: Ctx): Reply {
  const who = rateIdentity(ctx.principal, ctx.ip);
  const { limiter, clock } = ctx.services;
  const shape = (r: RateInfo) => ({ limit: r.limit, used: r.used, remaining: r.remaining, reset: r.reset });
  // Buckets the simulator does not meter are reported full.
  const unmetered = (limit: number, seconds: number) => ({ limit, used: 0, remaining: limit, reset: Math.ceil(clock.now() / 1000) + seconds });
  const core = shape(limiter.peek(who.key, 'core', who.core));
  return json({
    resources: {
      core,
      search: shape(limiter.peek(who.key, 'search', who.search)),
      graphql: unmetered(ctx.principal.kind === 'none' ? 0 : 5000, 3600),
      integration_manifest: unmetered(5000, 3600),
      code_search: unmetered(ctx.principal.kind === 'none' ? 0 : 10, 60),
    },
    rate: core,
  });
}

export function userRoutes(router: Router): void {
  router
    .add('GET', '/user', (ctx) => {
      const user = authenticatedUser(ctx);
      return json(fullUser(ctx, user, counts(ctx, user), true));
    }, { scopes: '' })
    .add('GET', '/users/:user', (ctx) => {
      const account = ctx.services.world.account(ctx.params.user);
      if (!account) throw notFound();
      return json(fullUser(ctx, account, counts(ctx, account), false));
    })
    .add('GET', '/orgs/:org', (ctx) => {
      const account = ctx.services.world.account(ctx.params.org);
      if (!account || account.type !== 'Organization') throw notFound();
      return json(orgJson(ctx, account, counts(ctx, account).publicRepos));
    }, { scopes: 'admin:org, read:org, repo, user, write:org' })
    .add('GET', '/user/repos', (ctx) => {
      const user = authenticatedUser(ctx);
      const world = ctx.services.world;
      const mine = [...world.repos.values()].filter((r) => r.owner.id === user.id || r.collaborators.has(user.login) || world.account(r.owner.login)?.members?.has(user.login));
      return listRepos(ctx, mine, 'full_name');
    }, { scopes: 'repo' })
    .add('GET', '/users/:user/repos', (ctx) => {
      const account = ctx.services.world.account(ctx.params.user);
      if (!account) throw notFound();
      return listRepos(ctx, ctx.services.world.reposOf(account).filter((r) => !r.private), 'full_name');
    })
    .add('GET', '/orgs/:org/repos', (ctx) => {
      const account = ctx.services.world.account(ctx.params.org);
      if (!account || account.type !== 'Organization') throw notFound();
      return listRepos(ctx, ctx.services.world.reposOf(account), 'created');
    })
    .add('GET', '/rate_limit', rateLimit, { free: true })
    .add('GET', '/meta', () => json({ verifiable_password_authentication: true, installed_version: '3.14.0' }))
    .add('GET', '/', (ctx) => json({
      current_user_url: `${ctx.apiBase}/user`,
      authorizations_url: `${ctx.webBase}/settings/connections/applications{/client_id}`,
      repository_url: `${ctx.apiBase}/repos/{owner}/{repo}`,
      rate_limit_url: `${ctx.apiBase}/rate_limit`,
      user_url: `${ctx.apiBase}/users/{user}`,
    }))
    .add('GET', '/zen', () => ({ status: 200, text: 'Keep it logically awesome.', contentType: 'text/plain; charset=utf-8' }));
}

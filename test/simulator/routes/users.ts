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
      // POST /api/graphql meters one point a request in the same window as core.
      graphql: ctx.principal.kind === 'none' ? unmetered(0, 3600) : shape(limiter.peek(who.key, 'graphql', who.core)),
      integration_manifest: unmetered(5000, 3600),
      code_search: unmetered(ctx.principal.kind === 'none' ? 0 : 10, 60),
    },
    rate: core,
  });
}

/** GET / : GitHub's hypermedia index, with URLs on the request's host. */
function rootJson(ctx: Ctx): Record<string, string> {
  const api = ctx.apiBase;
  const web = ctx.webBase;
  return {
    current_user_url: `${api}/user`,
    current_user_authorizations_html_url: `${web}/settings/connections/applications{/client_id}`,
    authorizations_url: `${api}/authorizations`,
    code_search_url: `${api}/search/code?q={query}{&page,per_page,sort,order}`,
    commit_search_url: `${api}/search/commits?q={query}{&page,per_page,sort,order}`,
    emails_url: `${api}/user/emails`,
    emojis_url: `${api}/emojis`,
    events_url: `${api}/events`,
    feeds_url: `${api}/feeds`,
    followers_url: `${api}/user/followers`,
    following_url: `${api}/user/following{/target}`,
    gists_url: `${api}/gists{/gist_id}`,
    hub_url: `${api}/hub`,
    issue_search_url: `${api}/search/issues?q={query}{&page,per_page,sort,order}`,
    issues_url: `${api}/issues`,
    keys_url: `${api}/user/keys`,
    label_search_url: `${api}/search/labels?q={query}&repository_id={repository_id}{&page,per_page}`,
    notifications_url: `${api}/notifications`,
    organization_url: `${api}/orgs/{org}`,
    organization_repositories_url: `${api}/orgs/{org}/repos{?type,page,per_page,sort}`,
    organization_teams_url: `${api}/orgs/{org}/teams`,
    public_gists_url: `${api}/gists/public`,
    rate_limit_url: `${api}/rate_limit`,
    repository_url: `${api}/repos/{owner}/{repo}`,
    repository_search_url: `${api}/search/repositories?q={query}{&page,per_page,sort,order}`,
    current_user_repositories_url: `${api}/user/repos{?type,page,per_page,sort}`,
    starred_url: `${api}/user/starred{/owner}{/repo}`,
    starred_gists_url: `${api}/gists/starred`,
    topic_search_url: `${api}/search/topics?q={query}{&page,per_page}`,
    user_url: `${api}/users/{user}`,
    user_organizations_url: `${api}/user/orgs`,
    user_repositories_url: `${api}/users/{user}/repos{?type,page,per_page,sort}`,
    user_search_url: `${api}/search/users?q={query}{&page,per_page,sort,order}`,
  };
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
    // GET /user/repos lives in routes/repositories.ts.
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
    .add('GET', '/', (ctx) => json(rootJson(ctx)))
    .add('GET', '/zen', () => ({ status: 200, text: 'Keep it logically awesome.', contentType: 'text/plain; charset=utf-8' }));
}

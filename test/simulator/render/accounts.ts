import { nodeId } from '../random';
import type { Account, App, Installation } from '../model';
import type { Ctx } from '../http/context';

// JSON shapes of users, orgs, apps and installations as GitHub returns them.

export function simpleUser(ctx: Ctx, a: Account): Record<string, unknown> {
  // Bot logins end in "[bot]": GitHub percent-encodes them in URLs and links bots to their App's page.
  const url = `${ctx.apiBase}/users/${encodeURIComponent(a.login)}`;
  return {
    login: a.login,
    id: a.id,
    node_id: nodeId(a.type === 'Organization' ? 'Organization' : a.type === 'Bot' ? 'Bot' : 'User', a.id),
    avatar_url: `${ctx.webBase}/avatars/u/${a.id}?`,
    gravatar_id: '',
    url,
    html_url: a.type === 'Bot' ? `${ctx.webBase}/apps/${a.login.replace(/\[bot\]$/, '')}` : `${ctx.webBase}/${a.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: a.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function fullUser(ctx: Ctx, a: Account, counts: { publicRepos: number; privateRepos: number }, self: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ...simpleUser(ctx, a),
    name: a.name,
    company: a.company,
    blog: a.blog ?? '',
    location: a.location,
    email: a.email,
    hireable: null,
    bio: a.bio,
    twitter_username: null,
    public_repos: counts.publicRepos,
    public_gists: 0,
    followers: a.id * 7,
    following: a.id,
    created_at: a.createdAt,
    updated_at: a.createdAt,
  };
  if (self) {
    Object.assign(out, {
      private_gists: 0,
      total_private_repos: counts.privateRepos,
      owned_private_repos: counts.privateRepos,
      disk_usage: 1024,
      collaborators: 0,
      two_factor_authentication: true,
      plan: { name: 'pro', space: 976562499, collaborators: 0, private_repos: 9999 },
    });
  }
  return out;
}

export function orgJson(ctx: Ctx, a: Account, publicRepos: number): Record<string, unknown> {
  const url = `${ctx.apiBase}/orgs/${a.login}`;
  return {
    login: a.login,
    id: a.id,
    node_id: nodeId('Organization', a.id),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `${ctx.webBase}/avatars/u/${a.id}?`,
    description: a.bio,
    name: a.name,
    company: a.company,
    blog: a.blog ?? '',
    location: a.location,
    email: a.email,
    twitter_username: null,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: publicRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${ctx.webBase}/${a.login}`,
    created_at: a.createdAt,
    updated_at: a.createdAt,
    archived_at: null,
    type: 'Organization',
  };
}

export function appJson(ctx: Ctx, app: App): Record<string, unknown> {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId('App', app.id),
    client_id: app.clientId,
    owner: simpleUser(ctx, app.owner),
    name: app.name,
    description: app.description,
    external_url: `https://example.com/${app.slug}`,
    html_url: `${ctx.webBase}/apps/${app.slug}`,
    created_at: app.createdAt,
    updated_at: app.createdAt,
    permissions: app.permissions,
    events: app.events,
    installations_count: ctx.services.world.installationsOf(app.id).length,
  };
}

export function installationJson(ctx: Ctx, inst: Installation): Record<string, unknown> {
  const app = ctx.services.world.apps.get(inst.appId);
  return {
    id: inst.id,
    client_id: app?.clientId,
    account: simpleUser(ctx, inst.account),
    repository_selection: inst.repositorySelection,
    access_tokens_url: `${ctx.apiBase}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${ctx.apiBase}/installation/repositories`,
    html_url: `${ctx.webBase}/${inst.account.type === 'Organization' ? `organizations/${inst.account.login}/` : ''}settings/installations/${inst.id}`,
    app_id: inst.appId,
    app_slug: app?.slug,
    target_id: inst.account.id,
    target_type: inst.account.type,
    permissions: inst.permissions,
    events: inst.events,
    created_at: inst.createdAt,
    updated_at: inst.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: inst.suspendedAt ? simpleUser(ctx, inst.account) : null,
    suspended_at: inst.suspendedAt,
  };
}

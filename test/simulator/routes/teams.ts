import { json, type Ctx, type Reply } from '../http/context';
import { ghError, notAccessibleByIntegration, notFound, requiresAuthentication } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Account, Team } from '../model';
import { nodeId } from '../random';
import { orgJson, simpleUser } from '../render/accounts';

// Teams: an organization's teams are visible to its members (secret ones only to their
// members and the org's owners) and to an installation on the org with members:read.

const ORG_SCOPES = { scopes: 'admin:org, read:org, repo, user, write:org' };

function teamBase(ctx: Ctx, org: Account, t: Team): Record<string, unknown> {
  const url = `${ctx.apiBase}/organizations/${org.id}/team/${t.id}`;
  return {
    id: t.id,
    node_id: nodeId('Team', t.id),
    url,
    html_url: `${ctx.webBase}/orgs/${org.login}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: t.description,
    privacy: t.privacy,
    notification_setting: 'notifications_enabled',
    permission: t.permission,
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    type: 'organization',
    organization_id: org.id,
  };
}

function teamJson(ctx: Ctx, org: Account, t: Team): Record<string, unknown> {
  return { ...teamBase(ctx, org, t), parent: t.parent ? teamBase(ctx, org, t.parent) : null };
}

/** The team-full shape of GET /user/teams: counts and the organization. */
function teamFullJson(ctx: Ctx, org: Account, t: Team): Record<string, unknown> {
  const publicRepos = ctx.services.world.reposOf(org).filter((r) => !r.private).length;
  // team-organization does not allow null for these (organization-full is patched for it in the OpenAPI test); unset ones are left out.
  const organization = Object.fromEntries(Object.entries(orgJson(ctx, org, publicRepos)).filter(([key, value]) => !(value === null && ['company', 'email', 'location', 'blog'].includes(key))));
  return {
    ...teamJson(ctx, org, t),
    members_count: t.members.size,
    repos_count: t.repos.size,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    organization,
  };
}

/** The teams of `org` the caller may see. */
function visibleTeams(ctx: Ctx, login: string): { org: Account; teams: Team[] } {
  const org = ctx.services.world.account(login);
  if (!org || org.type !== 'Organization') throw notFound();
  const teams = org.teams ?? [];
  const p = ctx.principal;
  if (p.kind === 'installation') {
    if (p.installation.account.id !== org.id || !p.token.permissions?.members) throw notAccessibleByIntegration();
    return { org, teams };
  }
  if (p.kind !== 'user') throw requiresAuthentication();
  const role = org.members?.get(p.user.login);
  if (!role) throw ghError(403, 'You must be a member of this organization to list its teams.', 'https://docs.github.com/rest/teams/teams#list-teams');
  return { org, teams: teams.filter((t) => role === 'admin' || t.privacy === 'closed' || t.members.has(p.user.login)) };
}

function userTeams(ctx: Ctx): Reply {
  const p = ctx.principal;
  if (p.kind === 'installation') throw notAccessibleByIntegration();
  if (p.kind !== 'user') throw requiresAuthentication();
  const rows: Array<[Account, Team]> = [];
  for (const account of ctx.services.world.accountsById.values()) {
    for (const team of account.teams ?? []) if (team.members.has(p.user.login)) rows.push([account, team]);
  }
  rows.sort(([, a], [, b]) => a.id - b.id);
  return json(paginate(ctx, rows).map(([org, team]) => teamFullJson(ctx, org, team)));
}

export function teamRoutes(router: Router): void {
  router
    .add('GET', '/user/teams', userTeams, ORG_SCOPES)
    .add('GET', '/orgs/:org/teams', (ctx) => {
      const { org, teams } = visibleTeams(ctx, ctx.params.org);
      return json(paginate(ctx, [...teams].sort((a, b) => a.name.localeCompare(b.name))).map((t) => teamJson(ctx, org, t)));
    }, ORG_SCOPES)
    .add('GET', '/orgs/:org/teams/:team_slug/members', (ctx) => {
      const { teams } = visibleTeams(ctx, ctx.params.org);
      const team = teams.find((t) => t.slug.toLowerCase() === ctx.params.team_slug.toLowerCase());
      if (!team) throw notFound();
      const role = ctx.query.get('role') ?? 'all';
      const world = ctx.services.world;
      const members = [...team.members.entries()]
        .filter(([, r]) => role === 'all' || r === role)
        .map(([login]) => world.account(login))
        .filter((a): a is Account => !!a)
        .sort((a, b) => a.id - b.id);
      return json(paginate(ctx, members).map((m) => simpleUser(ctx, m)));
    }, ORG_SCOPES);
}

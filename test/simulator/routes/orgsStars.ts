import { canSee } from '../access';
import { iso } from '../clock';
import { json, type Ctx, type Reply } from '../http/context';
import { notAccessibleByIntegration, notFound, requiresAuthentication, validationFailed } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Account, Repo } from '../model';
import { simpleUser } from '../render/accounts';
import { repoJson } from '../render/repos';
import { SEED_EPOCH } from '../seed/accounts';
import type { World } from '../world';

// Organization members and stars (issue 8: orgs and stargazers toolsets).
// - GET /orgs/{org}/members: members see every member; the simulator has no public memberships,
//   so anyone else sees none. Installations on the org need members: read.
// - Stars belong to a user: an installation token is refused (403 "Resource not accessible by
//   integration"); another user's stars (GET /users/{username}/starred) are public, within what
//   the caller can see. Starring changes the repository's stargazers_count.

const stars = new WeakMap<World, Map<string, Map<number, string>>>();

function starsOf(world: World, login: string): Map<number, string> {
  let all = stars.get(world);
  if (!all) stars.set(world, (all = new Map()));
  let mine = all.get(login.toLowerCase());
  if (!mine) all.set(login.toLowerCase(), (mine = new Map()));
  return mine;
}

function listMembers(ctx: Ctx): Reply {
  const org = ctx.services.world.account(ctx.params.org);
  if (!org || org.type !== 'Organization') throw notFound();
  const role = ctx.query.get('role') ?? 'all';
  if (!['all', 'admin', 'member'].includes(role)) throw validationFailed([{ resource: 'Organization', code: 'invalid', field: 'role' }]);
  const p = ctx.principal;
  let sees = false;
  if (p.kind === 'installation') {
    if (p.installation.account.id !== org.id || !p.token.permissions?.members) throw notAccessibleByIntegration();
    sees = true;
  } else if (p.kind === 'user') {
    sees = org.members?.has(p.user.login) ?? false;
  } else if (p.kind === 'jwt') {
    throw notAccessibleByIntegration();
  }
  const world = ctx.services.world;
  const members = sees
    ? [...(org.members ?? new Map<string, string>()).entries()]
        .filter(([, r]) => role === 'all' || r === role)
        .map(([login]) => world.account(login))
        .filter((a): a is Account => !!a)
        .sort((a, b) => a.id - b.id)
    : [];
  return json(paginate(ctx, members).map((m) => simpleUser(ctx, m)));
}

function starUser(ctx: Ctx): Account {
  const p = ctx.principal;
  if (p.kind === 'installation' || p.kind === 'jwt') throw notAccessibleByIntegration();
  if (p.kind !== 'user') throw requiresAuthentication();
  return p.user;
}

function listStarred(ctx: Ctx, user: Account, publicOnly = false): Reply {
  const world = ctx.services.world;
  const sort = ctx.query.get('sort') ?? 'created';
  const direction = ctx.query.get('direction') ?? 'desc';
  if (!['created', 'updated'].includes(sort)) throw validationFailed([{ resource: 'Repository', code: 'invalid', field: 'sort' }]);
  const rows = [...starsOf(world, user.login).entries()]
    .map(([id, at]) => ({ repo: [...world.repos.values()].find((r) => r.id === id), at }))
    .filter((row): row is { repo: Repo; at: string } => !!row.repo && (publicOnly ? !row.repo.private : canSee(ctx, row.repo)));
  const key = (row: { repo: Repo; at: string }) => (sort === 'updated' ? row.repo.updatedAt : row.at);
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.repo.id - b.repo.id) * (direction === 'asc' ? 1 : -1));
  return json(paginate(ctx, rows).map((row) => repoJson(ctx, row.repo)));
}

function starTarget(ctx: Ctx): { user: Account; repo: Repo } {
  const user = starUser(ctx);
  const repo = ctx.services.world.repo(ctx.params.owner, ctx.params.repo);
  if (!repo || !canSee(ctx, repo)) throw notFound();
  return { user, repo };
}

/** Seeds: octocat has starred sim-org/api and hubot/scripts. */
export function seedStars(world: World): void {
  const at = iso(SEED_EPOCH - 10 * 86_400_000);
  const octocat = starsOf(world, 'octocat');
  for (const [owner, name] of [['sim-org', 'api'], ['hubot', 'scripts']]) {
    const repo = world.repo(owner, name);
    if (repo) octocat.set(repo.id, at);
  }
}

export function orgStarRoutes(router: Router): void {
  router
    .add('GET', '/orgs/:org/members', listMembers, { scopes: 'admin:org, read:org, repo, user, write:org' })
    .add('GET', '/user/starred', (ctx) => listStarred(ctx, starUser(ctx)))
    .add('GET', '/users/:username/starred', (ctx) => {
      const user = ctx.services.world.account(ctx.params.username);
      if (!user) throw notFound();
      // Another user's stars: the public repositories among them, whoever asks.
      return listStarred(ctx, user, true);
    })
    .add('GET', '/user/starred/:owner/:repo', (ctx) => {
      const { user, repo } = starTarget(ctx);
      if (!starsOf(ctx.services.world, user.login).has(repo.id)) throw notFound();
      return { status: 204 };
    })
    .add('PUT', '/user/starred/:owner/:repo', (ctx) => {
      const { user, repo } = starTarget(ctx);
      const mine = starsOf(ctx.services.world, user.login);
      if (!mine.has(repo.id)) {
        mine.set(repo.id, iso(ctx.services.clock.now()));
        repo.stars += 1;
      }
      return { status: 204 };
    })
    .add('DELETE', '/user/starred/:owner/:repo', (ctx) => {
      const { user, repo } = starTarget(ctx);
      const mine = starsOf(ctx.services.world, user.login);
      if (mine.delete(repo.id)) repo.stars = Math.max(0, repo.stars - 1);
      return { status: 204 };
    });
}


import { canSee, repoPermissions, requireRepo, userLevel } from '../access';
import { iso } from '../clock';
import { commitToBranch } from '../git';
import { bodyObject, json, optString, type Ctx, type Reply } from '../http/context';
import { ghError, notAccessibleByIntegration, notFound, requiresAuthentication, validationFailed } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import { LEVELS, type Account, type Level, type Repo } from '../model';
import { simpleUser } from '../render/accounts';
import { repoJson } from '../render/repos';

// Repository lists of the authenticated user, creating repositories (for the user or in an
// organization), forking, and listing collaborators.

function authenticatedUser(ctx: Ctx): Account {
  const p = ctx.principal;
  if (p.kind === 'installation') throw notAccessibleByIntegration();
  if (p.kind !== 'user') throw requiresAuthentication();
  return p.user;
}

function sortRepos(ctx: Ctx, repos: Repo[], defaultSort: string): Repo[] {
  const sort = ctx.query.get('sort') ?? defaultSort;
  const key = (r: Repo): string => (sort === 'created' ? r.createdAt : sort === 'updated' ? r.updatedAt : sort === 'pushed' ? r.pushedAt : `${r.owner.login}/${r.name}`.toLowerCase());
  const asc = (ctx.query.get('direction') ?? (sort === 'full_name' ? 'asc' : 'desc')) === 'asc';
  return [...repos].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (asc ? 1 : -1));
}

/** GET /user/repos: type, or visibility and affiliation (GitHub refuses both together). */
function listForUser(ctx: Ctx): Reply {
  const user = authenticatedUser(ctx);
  const world = ctx.services.world;
  const type = ctx.query.get('type');
  const visibility = ctx.query.get('visibility');
  const affiliationParam = ctx.query.get('affiliation');
  if (type !== null && (visibility !== null || affiliationParam !== null)) {
    throw ghError(422, 'If you specify visibility or affiliation, you cannot specify type.', 'https://docs.github.com/rest/repos/repos#list-repositories-for-the-authenticated-user');
  }
  let affiliation = (affiliationParam ?? 'owner,collaborator,organization_member').split(',').map((a) => a.trim());
  let wanted = visibility ?? 'all';
  if (type === 'owner') affiliation = ['owner'];
  else if (type === 'member') affiliation = ['collaborator', 'organization_member'];
  else if (type === 'public' || type === 'private') wanted = type;
  const related = (r: Repo) =>
    (affiliation.includes('owner') && r.owner.id === user.id) ||
    (affiliation.includes('collaborator') && r.collaborators.has(user.login)) ||
    (affiliation.includes('organization_member') && (world.account(r.owner.login)?.members?.has(user.login) ?? false));
  const mine = [...world.repos.values()].filter((r) => related(r) && canSee(ctx, r) && (wanted === 'all' || (wanted === 'private') === r.private));
  return json(paginate(ctx, sortRepos(ctx, mine, 'full_name')).map((r) => repoJson(ctx, r)));
}

/** GitHub replaces characters a repository name may not hold with "-". */
function normalizeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '-');
}

function creationFailed(code: string, field: string, message?: string) {
  return validationFailed([{ resource: 'Repository', code, field, ...(message ? { message } : {}) }], 'Repository creation failed.');
}

/** Classic tokens need repo (or public_repo for a public repository) to create one. */
function requireCreateScope(ctx: Ctx, isPrivate: boolean): void {
  const p = ctx.principal;
  if (p.kind !== 'user' || !p.token || (p.token.kind !== 'pat' && p.token.kind !== 'oauth')) return;
  const scopes = p.token.scopes ?? [];
  if (!scopes.includes('repo') && !(scopes.includes('public_repo') && !isPrivate)) throw notFound();
}

interface NewRepo {
  owner: Account;
  name: string;
  description: string | null;
  private: boolean;
  author: Account | null;
}

function addRepo(ctx: Ctx, spec: NewRepo, extra: Partial<Repo> = {}): Repo {
  const world = ctx.services.world;
  const now = iso(ctx.services.clock.now());
  return world.addRepo({
    id: world.id(),
    owner: spec.owner,
    name: spec.name,
    description: spec.description,
    private: spec.private,
    defaultBranch: 'main',
    language: null,
    topics: [],
    createdAt: now,
    updatedAt: now,
    pushedAt: now,
    stars: 0,
    forks: 0,
    collaborators: new Map(),
    branches: new Map(),
    commits: new Map(),
    issues: [],
    labels: new Map(),
    ...extra,
  });
}

function createRepository(ctx: Ctx, owner: Account, author: Account | null): Reply {
  const body = bodyObject(ctx);
  const rawName = optString(body.name);
  if (rawName === undefined || rawName.trim() === '') throw creationFailed('missing_field', 'name');
  const name = normalizeName(rawName.trim());
  const isPrivate = body.private === true || body.visibility === 'private' || body.visibility === 'internal';
  requireCreateScope(ctx, isPrivate);
  if (ctx.services.world.repo(owner.login, name)) throw creationFailed('custom', 'name', 'name already exists on this account');
  const description = optString(body.description) ?? null;
  const repo = addRepo(ctx, { owner, name, description, private: isPrivate, author });
  if (body.auto_init === true) {
    commitToBranch(repo, 'main', { 'README.md': `# ${name}\n${description ? `\n${description}\n` : ''}` }, 'Initial commit', author, repo.createdAt);
  }
  coverForInstallation(ctx, repo);
  return { ...json(repoJson(ctx, repo, true), 201), headers: { location: `${ctx.apiBase}/repos/${owner.login}/${name}` } };
}

/** A repository an App creates joins its installation, even one with selected repositories. */
function coverForInstallation(ctx: Ctx, repo: Repo): void {
  const p = ctx.principal;
  if (p.kind !== 'installation') return;
  if (p.installation.repositorySelection === 'selected') p.installation.repositoryIds.add(repo.id);
  p.token.repositoryIds?.add(repo.id);
}

/** An organization the caller may create repositories in: a member, or an installation on it with administration:write. */
function orgForWrite(ctx: Ctx, login: string): Account {
  const org = ctx.services.world.account(login);
  if (!org || org.type !== 'Organization') throw notFound();
  const p = ctx.principal;
  if (p.kind === 'installation') {
    if (p.installation.account.id !== org.id) throw notAccessibleByIntegration();
    if (p.token.permissions?.administration !== 'write') throw notAccessibleByIntegration();
    return org;
  }
  if (p.kind !== 'user') throw requiresAuthentication();
  if (!org.members?.has(p.user.login)) throw notFound();
  return org;
}

function createInOrg(ctx: Ctx): Reply {
  const org = orgForWrite(ctx, ctx.params.org);
  const p = ctx.principal;
  const author = p.kind === 'user' ? p.user : p.kind === 'installation' ? (ctx.services.world.apps.get(p.installation.appId)?.bot ?? null) : null;
  return createRepository(ctx, org, author);
}

function fork(ctx: Ctx): Reply {
  const source = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'contents', access: 'read' });
  const body = bodyObject(ctx);
  const organization = optString(body.organization);
  const p = ctx.principal;
  let owner: Account;
  if (organization !== undefined) owner = orgForWrite(ctx, organization);
  else if (p.kind === 'user') owner = p.user;
  else if (p.kind === 'installation') throw notAccessibleByIntegration();
  else throw requiresAuthentication();
  requireCreateScope(ctx, source.private);
  const world = ctx.services.world;
  const existing = world.reposOf(owner).find((r) => r.parent === source);
  if (existing) return json(repoJson(ctx, existing, true), 202);
  const wanted = normalizeName(optString(body.name) ?? source.name);
  if (wanted === source.name && owner.id === source.owner.id) throw ghError(422, 'Repository cannot be forked to the same account with the same name', 'https://docs.github.com/rest/repos/forks#create-a-fork');
  let name = wanted;
  for (let n = 1; world.repo(owner.login, name); n++) name = `${wanted}-${n}`;
  const onlyDefault = body.default_branch_only === true;
  const branches = onlyDefault ? new Map([...source.branches].filter(([b]) => b === source.defaultBranch)) : new Map(source.branches);
  const repo = addRepo(
    ctx,
    { owner, name, description: source.description, private: source.private, author: null },
    { language: source.language, topics: [...source.topics], defaultBranch: source.defaultBranch, branches, commits: new Map(source.commits), pushedAt: source.pushedAt, parent: source },
  );
  source.forks++;
  coverForInstallation(ctx, repo);
  return json(repoJson(ctx, repo, true), 202);
}

const ROLE: Record<Level, string> = { read: 'read', write: 'write', admin: 'admin' };

/** The level a user has on a repository, teams included. */
function effectiveLevel(ctx: Ctx, user: Account, repo: Repo): Level | null {
  const levels: Level[] = [];
  const base = userLevel(ctx.services.world, user, repo);
  // userLevel reads a public repository as "read" for anyone; only real grants count here.
  if (base && (repo.owner.id === user.id || repo.collaborators.has(user.login) || ctx.services.world.account(repo.owner.login)?.members?.has(user.login))) levels.push(base);
  for (const team of ctx.services.world.account(repo.owner.login)?.teams ?? []) {
    const granted = team.repos.get(repo.id);
    if (granted && team.members.has(user.login)) levels.push(granted);
  }
  return levels.sort((a, b) => LEVELS[b] - LEVELS[a])[0] ?? null;
}

function collaboratorJson(ctx: Ctx, user: Account, level: Level): Record<string, unknown> {
  const n = LEVELS[level];
  return { ...simpleUser(ctx, user), permissions: { pull: n >= 1, triage: n >= 2, push: n >= 2, maintain: n >= 3, admin: n >= 3 }, role_name: ROLE[level] };
}

function listCollaborators(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'metadata', access: 'read' });
  if (ctx.principal.kind === 'user' && !repoPermissions(ctx, repo)?.push) {
    throw ghError(403, 'Must have push access to view repository collaborators.', 'https://docs.github.com/rest/collaborators/collaborators#list-repository-collaborators');
  }
  const affiliation = ctx.query.get('affiliation') ?? 'all';
  const permission = ctx.query.get('permission');
  const world = ctx.services.world;
  const org = repo.owner.type === 'Organization' ? repo.owner : undefined;
  const candidates = new Map<string, Account>();
  const add = (login: string) => {
    const account = world.account(login);
    if (account && account.type === 'User') candidates.set(account.login, account);
  };
  if (!org) add(repo.owner.login);
  for (const login of repo.collaborators.keys()) add(login);
  if (affiliation === 'all' && org) {
    for (const login of org.members?.keys() ?? []) add(login);
    for (const team of org.teams ?? []) if (team.repos.has(repo.id)) for (const login of team.members.keys()) add(login);
  }
  const wanted = (user: Account): boolean => {
    if (affiliation === 'outside') return !!org && repo.collaborators.has(user.login) && !org.members?.has(user.login);
    if (affiliation === 'direct') return repo.owner.id === user.id || repo.collaborators.has(user.login);
    return true;
  };
  const needed = permission === null ? 0 : ({ pull: 1, triage: 2, push: 2, maintain: 3, admin: 3 } as Record<string, number>)[permission] ?? 0;
  const rows = [...candidates.values()]
    .filter(wanted)
    .map((user) => [user, effectiveLevel(ctx, user, repo)] as const)
    .filter((row): row is readonly [Account, Level] => row[1] !== null && LEVELS[row[1]] >= needed)
    .sort(([a], [b]) => a.id - b.id);
  return json(paginate(ctx, rows).map(([user, level]) => collaboratorJson(ctx, user, level)));
}

export function repositoryRoutes(router: Router): void {
  router
    .add('GET', '/user/repos', listForUser, { scopes: 'repo' })
    .add('POST', '/user/repos', (ctx) => createRepository(ctx, authenticatedUser(ctx), authenticatedUser(ctx)), { scopes: 'public_repo, repo' })
    .add('POST', '/orgs/:org/repos', createInOrg, { scopes: 'public_repo, repo' })
    .add('POST', '/repos/:owner/:repo/forks', fork, { scopes: 'public_repo, repo' })
    .add('GET', '/repos/:owner/:repo/collaborators', listCollaborators);
}

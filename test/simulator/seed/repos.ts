import { iso } from '../clock';
import { commitToBranch } from '../git';
import { makeTagObject } from '../gitStore';
import { createIssue, mergePull, setIssueState } from '../mutations';
import type { Account, Level, Repo } from '../model';
import type { World } from '../world';
import { INSTALLATION_IDS, SEED_EPOCH } from './accounts';
import { seedHelloWorldIssues } from './issues';

// Repositories with real-looking history. Everything here is deterministic.

export const SERVICE_REPO_COUNT = 32;
const DAY = 86_400_000;

function at(day: number, hour = 0): string {
  return iso(SEED_EPOCH + day * DAY + hour * 3_600_000);
}

interface RepoSpec {
  id: number;
  owner: string;
  name: string;
  private?: boolean;
  description?: string;
  language?: string;
  topics?: string[];
  collaborators?: Array<[string, Level]>;
  files: Record<string, string>;
}

function addRepo(world: World, spec: RepoSpec): Repo {
  const owner = world.account(spec.owner) as Account;
  const created = at(-200 + (spec.id % 97));
  const repo = world.addRepo({
    id: spec.id,
    owner,
    name: spec.name,
    description: spec.description ?? null,
    private: spec.private ?? false,
    defaultBranch: 'main',
    language: spec.language ?? null,
    topics: spec.topics ?? [],
    createdAt: created,
    updatedAt: created,
    pushedAt: created,
    stars: spec.id % 50,
    forks: spec.id % 7,
    collaborators: new Map(spec.collaborators ?? []),
    branches: new Map(),
    commits: new Map(),
    issues: [],
    labels: new Map(),
  });
  const author = owner.type === 'User' ? owner : ((world.account('octocat') as Account));
  commitToBranch(repo, 'main', spec.files, 'Initial commit', author, created);
  return repo;
}

/** A repository as GitHub creates it without auto_init: a default branch name, but no commit and no branch. */
function addEmptyRepo(world: World, spec: Omit<RepoSpec, 'files'>): Repo {
  const created = at(-200 + (spec.id % 97));
  return world.addRepo({
    id: spec.id,
    owner: world.account(spec.owner) as Account,
    name: spec.name,
    description: spec.description ?? null,
    private: spec.private ?? false,
    defaultBranch: 'main',
    language: null,
    topics: [],
    createdAt: created,
    updatedAt: created,
    pushedAt: created,
    stars: 0,
    forks: 0,
    collaborators: new Map(spec.collaborators ?? []),
    branches: new Map(),
    commits: new Map(),
    issues: [],
    labels: new Map(),
  });
}

export function seedRepos(world: World): void {
  const octocat = world.account('octocat') as Account;
  const hubot = world.account('hubot') as Account;
  const monalisa = world.account('monalisa') as Account;

  const hello = addRepo(world, {
    id: 1296269, owner: 'octocat', name: 'hello-world', description: 'My first repository on GitHub!', language: 'JavaScript', topics: ['example', 'octocat'],
    files: { 'README.md': '# Hello World\n\nThis is a sample repository.\n', 'src/hello.js': "console.log('Hello, World!');\n", 'docs/guide.md': '# Guide\n\nRun `node src/hello.js`.\n' },
  });
  commitToBranch(hello, 'main', { 'src/hello.js': "const name = process.argv[2] ?? 'World';\nconsole.log(`Hello, ${name}!`);\n" }, 'Greet by name', octocat, at(-20));
  commitToBranch(hello, 'main', { 'LICENSE': 'MIT License\n\nCopyright (c) 2024 The Octocat\n' }, 'Add license', octocat, at(-10));
  seedHelloWorldIssues(world, hello);

  const priv = addRepo(world, {
    id: 1300001, owner: 'octocat', name: 'private-repo', private: true, description: 'Secret plans', collaborators: [['hubot', 'read']],
    files: { 'README.md': '# Private\n\nNothing to see here.\n', 'plans/world-domination.md': '1. Build robots\n2. ???\n' },
  });
  createIssue(world, priv, { title: 'Keep this private', body: 'Only collaborators can see this.', user: octocat, labels: ['question'], createdAt: at(-5) });

  const sims: Array<[string, Level]> = [['monalisa', 'write']];
  const api = addRepo(world, {
    id: 2000001, owner: 'sim-org', name: 'api', description: 'The API service', language: 'TypeScript', topics: ['api'], collaborators: sims,
    files: { 'README.md': '# api\n\nThe API service.\n\n## Usage\n\nnpm start\n', 'src/index.ts': "export function main(): void {\n  console.log('api');\n}\n", 'package.json': '{\n  "name": "api",\n  "version": "1.0.0"\n}\n' },
  });
  const initialSha = api.branches.get('main') as string;
  // Branch points are arranged so that PR #2 conflicts with main and PR #1 does not.
  api.branches.set('conflict-readme', api.branches.get('main') as string);
  commitToBranch(api, 'conflict-readme', { 'README.md': '# api\n\nRewritten by monalisa.\n' }, 'Rewrite README', monalisa, at(-39));
  commitToBranch(api, 'main', { 'README.md': '# api\n\nThe API service, now with docs.\n\n## Usage\n\nnpm start\n' }, 'Document usage', octocat, at(-38));
  const mainTip = api.branches.get('main') as string;
  for (const b of ['feature-auth', 'wip-docs', 'fix-typo']) api.branches.set(b, mainTip);
  commitToBranch(api, 'feature-auth', { 'src/auth.ts': "export function authenticate(token: string): boolean {\n  return token.length > 0;\n}\n", 'src/index.ts': "import { authenticate } from './auth';\n\nexport function main(): void {\n  console.log('api', authenticate('x'));\n}\n" }, 'Add token auth', monalisa, at(-30));
  commitToBranch(api, 'feature-auth', { 'src/auth.ts': "export function authenticate(token: string): boolean {\n  return token.trim().length > 0;\n}\n" }, 'Trim tokens', monalisa, at(-29));
  commitToBranch(api, 'wip-docs', { 'docs/intro.md': '# Introduction\n\nTODO\n' }, 'Start docs', hubot, at(-28));
  commitToBranch(api, 'fix-typo', { 'package.json': '{\n  "name": "api",\n  "version": "1.0.1"\n}\n' }, 'Bump version', octocat, at(-27));
  const pr = (title: string, headRef: string, user: Account, day: number, draft = false, body: string | null = null) =>
    createIssue(world, api, { title, body, user, createdAt: at(day), pull: { headRef, headSha: api.branches.get(headRef) as string, baseRef: 'main', draft } });
  pr('Add token auth', 'feature-auth', monalisa, -29, false, 'Adds `authenticate()` and uses it from main.');
  pr('Rewrite README', 'conflict-readme', monalisa, -39, false, 'A fresh README.');
  pr('WIP: docs', 'wip-docs', hubot, -28, true);
  const fix = pr('Bump version to 1.0.1', 'fix-typo', octocat, -27);
  mergePull(api, fix, { method: 'merge', by: octocat, date: at(-26) });
  // Tags: v1.0.0 annotated (a tag object) on the first commit, v1.0.1 lightweight on main after the merge.
  const v100 = makeTagObject(api, { tag: 'v1.0.0', message: 'First release\n', tagger: { name: 'The Octocat', email: 'octocat@github.com', date: at(-37) }, objectSha: initialSha, objectType: 'commit' });
  api.tags = new Map([['v1.0.0', v100.sha], ['v1.0.1', api.branches.get('main') as string]]);
  api.protectedBranches = new Set(['main']);
  createIssue(world, api, { title: 'API returns 500 on empty body', body: 'POST / with no body crashes.', user: hubot, labels: ['bug'], assignees: [monalisa], createdAt: at(-20) });
  const done = createIssue(world, api, { title: 'Add health endpoint', body: null, user: octocat, labels: ['enhancement'], createdAt: at(-25) });
  setIssueState(done, 'closed', octocat, at(-15));

  const web = addRepo(world, { id: 2000002, owner: 'sim-org', name: 'web', description: 'The web frontend', language: 'TypeScript', collaborators: sims, files: { 'README.md': '# web\n', 'index.html': '<!doctype html>\n<title>web</title>\n' } });
  // A protected branch besides the default one.
  web.branches.set('release', web.branches.get('main') as string);
  web.protectedBranches = new Set(['release']);
  addEmptyRepo(world, { id: 2000004, owner: 'sim-org', name: 'empty', description: 'Created without a README: no commits, no branches', collaborators: sims });
  addRepo(world, { id: 2000003, owner: 'sim-org', name: 'infra', private: true, description: 'Infrastructure as code', language: 'HCL', collaborators: sims, files: { 'README.md': '# infra\n', 'main.tf': 'terraform {}\n' } });
  for (let n = 1; n <= SERVICE_REPO_COUNT; n++) {
    const name = `service-${String(n).padStart(2, '0')}`;
    addRepo(world, { id: 2000100 + n, owner: 'sim-org', name, private: n % 3 === 0, description: `Generated service ${n}`, language: 'Go', collaborators: sims, files: { 'README.md': `# ${name}\n` } });
  }

  const scripts = addRepo(world, { id: 3000001, owner: 'hubot', name: 'scripts', description: 'Hubot scripts', language: 'CoffeeScript', files: { 'README.md': '# scripts\n', 'scripts/ping.coffee': "module.exports = (robot) ->\n  robot.respond /ping/i, (res) -> res.send 'PONG'\n" } });
  createIssue(world, scripts, { title: 'Add a weather script', body: 'It would be nice.', user: octocat, createdAt: at(-3) });

  const octoInstall = world.installations.get(INSTALLATION_IDS.octocat);
  octoInstall?.repositoryIds.add(hello.id).add(priv.id);
}

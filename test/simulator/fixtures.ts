import type { Permissions } from './model';
import { GENERATED_ORG_COUNT, INSTALLATION_IDS, generatedInstallationId } from './seed/accounts';
import { HELLO_WORLD_ISSUE_COUNT, isSeedPull } from './seed/issues';
import type { World } from './world';

// The read-only view of the seed data that tests assert against. Built once
// at startup from the world, then deep-frozen.

export interface AppFixture {
  id: number;
  slug: string;
  name: string;
  clientId: string;
  clientSecret: string;
  privateKeyPkcs1Pem: string;
  privateKeyPkcs8Pem: string;
  permissions: Permissions;
  botLogin: string;
}

export interface UserFixture {
  id: number;
  login: string;
  password: string;
}

export interface RepoFixture {
  id: number;
  fullName: string;
  owner: string;
  name: string;
  private: boolean;
}

export interface Fixtures {
  apps: readonly AppFixture[];
  /** A classic OAuth App (not a GitHub App): its web and device flows issue gho_ tokens. */
  oauthApp: { clientId: string; clientSecret: string };
  users: readonly UserFixture[];
  orgs: readonly { id: number; login: string }[];
  /** Generated organizations org-01..org-42, each with an installation of app 1001. */
  generatedOrgs: readonly string[];
  installations: {
    octocat: number;
    simOrg: number;
    suspended: number;
    hubot: number;
    generated: readonly number[];
    /** How many installations app 1001 has in total. */
    app1001Count: number;
  };
  repos: readonly RepoFixture[];
  helloWorld: { fullName: string; issueCount: number; pullNumbers: readonly number[] };
  simOrgApi: { fullName: string; mergeablePull: number; conflictingPull: number; draftPull: number; mergedPull: number };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export function buildFixtures(world: World): Fixtures {
  const apps = [...world.apps.values()].map((a) => ({
    id: a.id,
    slug: a.slug,
    name: a.name,
    clientId: a.clientId,
    clientSecret: a.clientSecret,
    privateKeyPkcs1Pem: a.privateKeyPkcs1Pem,
    privateKeyPkcs8Pem: a.privateKeyPkcs8Pem,
    permissions: { ...a.permissions },
    botLogin: a.bot.login,
  }));
  const users = ['octocat', 'hubot', 'monalisa'].map((login) => {
    const a = world.account(login);
    if (!a?.password) throw new Error(`seed user ${login} missing`);
    return { id: a.id, login: a.login, password: a.password };
  });
  const generatedOrgs = Array.from({ length: GENERATED_ORG_COUNT }, (_, i) => `org-${String(i + 1).padStart(2, '0')}`);
  const repos = [...world.repos.values()]
    .sort((a, b) => a.id - b.id)
    .map((r) => ({ id: r.id, fullName: `${r.owner.login}/${r.name}`, owner: r.owner.login, name: r.name, private: r.private }));
  const pullNumbers = Array.from({ length: HELLO_WORLD_ISSUE_COUNT }, (_, i) => i + 1).filter(isSeedPull);
  return deepFreeze({
    apps,
    oauthApp: { clientId: world.oauthApps[0].clientId, clientSecret: world.oauthApps[0].clientSecret },
    users,
    orgs: [{ id: 100, login: 'sim-org' }],
    generatedOrgs,
    installations: {
      ...INSTALLATION_IDS,
      generated: generatedOrgs.map((_, i) => generatedInstallationId(i + 1)),
      app1001Count: world.installationsOf(1001).length,
    },
    repos,
    helloWorld: { fullName: 'octocat/hello-world', issueCount: HELLO_WORLD_ISSUE_COUNT, pullNumbers },
    simOrgApi: { fullName: 'sim-org/api', mergeablePull: 1, conflictingPull: 2, draftPull: 3, mergedPull: 4 },
  });
}

import { createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { iso } from '../clock';
import { randomBase62, randomHex } from '../random';
import type { Account, App, Installation, Permissions } from '../model';
import type { World } from '../world';

// Users, organizations, apps and installations. Ids are fixed so tests can
// name them; secrets (passwords, client secrets, keys) are fresh every start.

export const SEED_EPOCH = Date.UTC(2024, 0, 1);
export const INSTALLATION_IDS = { octocat: 5001, simOrg: 5002, suspended: 5003, hubot: 6001 } as const;
export const GENERATED_ORG_COUNT = 42;

export function generatedInstallationId(n: number): number {
  return 5100 + n;
}

export interface AppKeys {
  pkcs1: string;
  pkcs8: string;
  publicKey: KeyObject;
}

export async function generateAppKeys(): Promise<AppKeys> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return {
    pkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: createPublicKey(privateKey),
  };
}

function user(id: number, login: string, name: string | null, extra: Partial<Account> = {}): Account {
  return {
    id,
    login,
    type: 'User',
    name,
    email: name ? `${login}@example.com` : null,
    company: null,
    location: null,
    bio: null,
    createdAt: iso(SEED_EPOCH - (400 - id) * 86_400_000),
    ...extra,
  };
}

function org(id: number, login: string, members: Array<[string, 'admin' | 'member']>): Account {
  return { ...user(id, login, login), type: 'Organization', email: null, blog: `https://${login}.example.com`, members: new Map(members) };
}

function sentinelPassword(login: string): string {
  // Distinctive and random, so a leak check can find it verbatim in any output.
  return `sim-pw-${login}-${randomBase62(20)}`;
}

export function seedAccounts(world: World, keys: [AppKeys, AppKeys]): void {
  const octocat = world.addAccount(user(1, 'octocat', 'The Octocat', { company: '@github', location: 'San Francisco', password: sentinelPassword('octocat') }));
  const hubot = world.addAccount(user(2, 'hubot', 'Hubot', { password: sentinelPassword('hubot') }));
  world.addAccount(user(3, 'monalisa', 'Mona Lisa Octocat', { password: sentinelPassword('monalisa') }));
  const simOrg = world.addAccount(org(100, 'sim-org', [['octocat', 'admin'], ['monalisa', 'member']]));
  for (let n = 1; n <= GENERATED_ORG_COUNT; n++) {
    world.addAccount(org(200 + n, `org-${String(n).padStart(2, '0')}`, [['octocat', 'admin']]));
  }

  const full: Permissions = { metadata: 'read', issues: 'write', contents: 'write', pull_requests: 'write', statuses: 'write', checks: 'write' };
  // The App may ask for these too; only the sim-org installation grants them (gists is a user
  // permission, for App user tokens; organization_projects the sim-org project's).
  const appOnly: Permissions = { administration: 'write', members: 'read', discussions: 'write', gists: 'write', organization_projects: 'write' };
  const apps: Array<Omit<App, 'bot'>> = [
    { id: 1001, slug: 'sim-app', name: 'Sim App', description: 'The simulator\'s main GitHub App', clientId: 'Iv1.sim0000000000001', clientSecret: `sim-secret-${randomHex(20)}`, privateKeyPkcs1Pem: keys[0].pkcs1, privateKeyPkcs8Pem: keys[0].pkcs8, publicKey: keys[0].publicKey, permissions: { ...full, ...appOnly }, events: ['issues', 'pull_request'], owner: simOrg, createdAt: iso(SEED_EPOCH - 90 * 86_400_000) },
    { id: 1002, slug: 'other-app', name: 'Other App', description: 'A second app with its own key', clientId: 'Iv1.sim0000000000002', clientSecret: `sim-secret-${randomHex(20)}`, privateKeyPkcs1Pem: keys[1].pkcs1, privateKeyPkcs8Pem: keys[1].pkcs8, publicKey: keys[1].publicKey, permissions: { metadata: 'read', contents: 'read' }, events: [], owner: hubot, createdAt: iso(SEED_EPOCH - 60 * 86_400_000) },
  ];
  for (const app of apps) {
    const bot = world.addAccount({ ...user(90_000 + app.id, `${app.slug}[bot]`, null), type: 'Bot' });
    world.apps.set(app.id, { ...app, bot });
  }
  world.oauthApps.push({ clientId: 'Ov23lisim00000000001', clientSecret: `sim-oauth-secret-${randomHex(20)}`, name: 'Sim OAuth App' });

  const created = iso(SEED_EPOCH - 30 * 86_400_000);
  const add = (inst: Omit<Installation, 'events' | 'createdAt' | 'suspendedAt'> & Partial<Installation>): void => {
    world.installations.set(inst.id, { events: [], createdAt: created, suspendedAt: null, ...inst });
  };
  // The octocat installation's repository ids are filled in by seedRepos, once repos exist.
  add({ id: INSTALLATION_IDS.octocat, appId: 1001, account: octocat, repositorySelection: 'selected', repositoryIds: new Set(), permissions: { metadata: 'read', issues: 'write', contents: 'read', pull_requests: 'read' } });
  // administration (create and fork repositories) and members (teams) for the repos/teams tools.
  add({ id: INSTALLATION_IDS.simOrg, appId: 1001, account: simOrg, repositorySelection: 'all', repositoryIds: new Set(), permissions: { ...full, administration: 'write', members: 'read', discussions: 'write', organization_projects: 'write' } });
  add({ id: INSTALLATION_IDS.suspended, appId: 1001, account: world.account('monalisa') as Account, repositorySelection: 'all', repositoryIds: new Set(), permissions: { metadata: 'read', issues: 'read' }, suspendedAt: iso(SEED_EPOCH - 86_400_000) });
  for (let n = 1; n <= GENERATED_ORG_COUNT; n++) {
    const account = world.account(`org-${String(n).padStart(2, '0')}`) as Account;
    add({ id: generatedInstallationId(n), appId: 1001, account, repositorySelection: 'all', repositoryIds: new Set(), permissions: { metadata: 'read', issues: 'read' } });
  }
  add({ id: INSTALLATION_IDS.hubot, appId: 1002, account: hubot, repositorySelection: 'all', repositoryIds: new Set(), permissions: { metadata: 'read', contents: 'read' } });
}

// What the in-VS-Code suite gets from the process that starts VS Code.
//
// The runner (run.ts, or .vscode-test.mjs on machines with the internet) starts the GitHub
// simulator in its own process, calls prepareFixtures(sim), writes the result as JSON to a
// temporary file, and passes that file's path to the extension host in PYGITHUB_TEST_FIXTURES.
// Suites call readFixtures() to get it back.
//
// To give the suite more data (App id, private key PEM, a PAT, ...): add fields to `SuiteFixtures`
// and fill them in prepareFixtures(). Nothing else needs to change.
//
// This file is bundled into the suite (for readFixtures), so it must not import the simulator
// at runtime: only `node:*` modules and `import type` (erased by esbuild).
import { readFileSync } from 'node:fs';
import type { Simulator } from '../../simulator/index';

export interface SuiteFixtures {
  apiUrl: string;
  origin: string;
  /** GitHub App 1001 of the simulator, with its private key (the suite writes it to a temporary .pem). */
  app: { id: number; slug: string; name: string; clientId: string; clientSecret: string; privateKeyPem: string };
  installations: { octocat: number; simOrg: number; suspended: number; total: number };
  /** Repository names the octocat installation selects (see test/simulator/seed/repos.ts). */
  octocatInstallationRepos: string[];
  /** A classic PAT for octocat, to stand in for a VS Code GitHub session. */
  octocatToken: string;
  /** An App-user token pair for octocat through App 1001. */
  appUser: { token: string; refreshToken: string; expiresAt: string; refreshTokenExpiresAt: string };
  helloWorld: string;
}

/** Env variable holding the path of the fixtures JSON file. */
export const FIXTURES_ENV = 'PYGITHUB_TEST_FIXTURES';
/** Env variables with the simulator's addresses (also in the fixtures file). */
export const SIM_API_URL_ENV = 'PYGITHUB_TEST_SIM_API_URL';
export const SIM_ORIGIN_ENV = 'PYGITHUB_TEST_SIM_ORIGIN';

/** Runs in the runner's process (Node), after the simulator has started. */
export async function prepareFixtures(sim: Simulator): Promise<SuiteFixtures> {
  const app = sim.fixtures.apps.find((candidate) => candidate.id === 1001);
  if (!app) throw new Error('the simulator has no App 1001');
  const { installations } = sim.fixtures;
  return {
    apiUrl: sim.apiUrl,
    origin: sim.origin,
    app: { id: app.id, slug: app.slug, name: app.name, clientId: app.clientId, clientSecret: app.clientSecret, privateKeyPem: app.privateKeyPkcs1Pem },
    installations: { octocat: installations.octocat, simOrg: installations.simOrg, suspended: installations.suspended, total: installations.app1001Count },
    octocatInstallationRepos: ['hello-world', 'private-repo'].filter((name) => sim.fixtures.repos.some((repo) => repo.fullName === `octocat/${name}`)),
    octocatToken: sim.createPersonalToken('octocat', { scopes: ['repo', 'read:org', 'read:user'] }),
    appUser: sim.createAppUserToken('octocat', { appId: app.id }),
    helloWorld: sim.fixtures.helloWorld.fullName,
  };
}

/**
 * Runs in the extension host. Returns undefined when the runner did not provide fixtures
 * (e.g. the suite was started some other way).
 */
export function readFixtures(): SuiteFixtures | undefined {
  const path = process.env[FIXTURES_ENV];
  if (!path) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as SuiteFixtures;
}

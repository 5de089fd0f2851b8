import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Octokit } from '@octokit/rest';
import { createAppAuth } from '@octokit/auth-app';
import { startSimulator, type Simulator } from '../../simulator/index';

// The simulator is only useful if real clients accept it: drive it with
// octokit, including auth-app's JWT clock-skew retry and paginate().

describe('simulator: octokit compatibility', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.close());

  const appOctokit = (installationId?: number) =>
    new Octokit({
      baseUrl: sim.apiUrl,
      authStrategy: createAppAuth,
      auth: { appId: sim.fixtures.apps[0].id, privateKey: sim.fixtures.apps[0].privateKeyPkcs1Pem, ...(installationId ? { installationId } : {}) },
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });

  it('authenticates as the app and as an installation', async () => {
    const octokit = appOctokit(sim.fixtures.installations.simOrg);
    const { data: repo } = await octokit.rest.repos.get({ owner: 'sim-org', repo: 'api' });
    assert.equal(repo.full_name, 'sim-org/api');
    assert.equal(sim.stats.tokensMinted(sim.fixtures.installations.simOrg), 1);
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner: 'sim-org', repo: 'api', state: 'all', per_page: 2 });
    assert.equal(issues.length, 6);
  });

  it('paginates installations and survives server clock skew via auth-app\'s retry', async () => {
    sim.clock.advance(20 * 60_000);
    try {
      const octokit = appOctokit();
      const installations = await octokit.paginate(octokit.rest.apps.listInstallations, { per_page: 10 });
      assert.equal(installations.length, 45);
      const pages = sim.stats.requests.filter((r) => r.path === '/app/installations');
      // auth-app does not remember the correction, so every page is rejected once, then retried.
      assert.equal(pages.filter((r) => r.status === 401).length, 5);
      assert.equal(pages.filter((r) => r.status === 200).length, 5);
    } finally {
      sim.clock.advance(-20 * 60_000);
    }
  });

  it('surfaces GitHub errors as RequestError with the right status', async () => {
    const octokit = new Octokit({ baseUrl: sim.apiUrl, auth: sim.createPersonalToken('hubot'), log: { debug() {}, info() {}, warn() {}, error() {} } });
    await assert.rejects(octokit.rest.repos.get({ owner: 'sim-org', repo: 'infra' }), (e: { status?: number }) => e.status === 404);
    const diff = await octokit.rest.pulls.get({ owner: 'sim-org', repo: 'api', pull_number: 1, mediaType: { format: 'diff' } });
    assert.match(String(diff.data), /^diff --git/);
  });
});

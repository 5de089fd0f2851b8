import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { actsAs, identities } from '../../support/identities';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { serverFor, startSimulator, withServer, type Simulator } from '../../support/simServer';

// The security toolsets (opt-in): code_security, secret_protection, dependabot and
// security_advisories, under a PAT of octocat (admin of sim-org) and the unpinned App (its
// sim-org installation 5002 holds the security permissions, octocat's 5001 none). Leaked
// secret values are withheld unless GITHUB_EXPOSE_TOKENS=1; both kinds of run go through stdio,
// so the suite's leak check (zz-no-leak) sees them: the seeded secrets are simulator secrets.

const api = { owner: 'sim-org', repo: 'api' };
const hello = { owner: 'octocat', repo: 'hello-world' };
const web = { owner: 'sim-org', repo: 'web' };
const TOOLSETS = { GITHUB_TOOLSETS: 'default,code_security,secret_protection,dependabot,security_advisories' };
const SIM_ORG_INSTALLATION = 5002;

interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  nextCursor?: string;
}
interface CodeAlertItem {
  number: number;
  state: string | null;
  rule?: string | null;
  severity?: string | null;
  tool?: string;
  location?: string;
  dismissedReason: string | null;
}
interface CodeAlert {
  number: number;
  state: string | null;
  rule: { id?: string; securitySeverityLevel?: string | null };
  tool: { name?: string };
  mostRecentInstance: { ref?: string; path?: string; startLine?: number; message?: string };
  dismissedBy: string | null;
  dismissedReason: string | null;
  dismissedComment?: string | null;
}
interface SecretAlert {
  number?: number;
  state?: string;
  secretType?: string;
  secret?: string;
  secretWithheld?: string;
  resolution?: string | null;
  resolvedBy?: string | null;
  resolutionComment?: string | null;
  validity?: string;
}
interface DependabotAlert {
  number: number;
  state: string;
  package?: { ecosystem?: string; name?: string };
  manifestPath?: string;
  advisory: { ghsaId?: string; severity?: string; description?: string };
  firstPatchedVersion?: string | null;
  dismissedBy: string | null;
  dismissedReason: string | null;
  fixedAt: string | null;
}
interface Advisory {
  ghsaId: string;
  cveId: string | null;
  type?: string;
  severity: string | null;
  state?: string;
  description?: string | null;
  descriptionTruncated?: boolean;
  vulnerabilities: Array<{ package?: string | null; patched?: string | null }> | null;
  references?: string[] | null;
  withdrawnAt: string | null;
  author?: string | null;
}

const numbers = (page: Page<{ number?: number }>) => page.items.map((a) => a.number);

/** The seeded leaked values, as GitHub sends them to an admin. */
async function seededSecrets(sim: Simulator): Promise<Map<number, string>> {
  const token = sim.createPersonalToken('octocat', { scopes: ['repo'] });
  const res = await fetch(`${sim.apiUrl}/repos/sim-org/api/secret-scanning/alerts`, { headers: { authorization: `token ${token}` } });
  const alerts = (await res.json()) as Array<{ number: number; secret: string }>;
  return new Map(alerts.map((a) => [a.number, a.secret]));
}

for (const identity of identities('octocat')) {
  describe(`security toolsets (${identity.label})`, () => {
    let sim: Simulator;
    let server: ServerHandle;
    const as = <T>(act: () => Promise<T>) => actsAs(sim, identity, SIM_ORG_INSTALLATION, act);

    before(async () => {
      sim = await startSimulator();
      server = await serverFor(sim, `toolsets security ${identity.label}`, identity.env(sim, TOOLSETS));
    });
    after(async () => {
      await server.close();
      await sim.close();
    });

    it('list_code_scanning_alerts filters by state, severity, tool and ref, and pages', async () => {
      const all = await as(() => server.data<Page<CodeAlertItem>>('list_code_scanning_alerts', api));
      assert.deepEqual(numbers(all), [4, 3, 2, 1]);
      assert.deepEqual(numbers(await server.data<Page<CodeAlertItem>>('list_code_scanning_alerts', { ...api, state: 'open' })), [4, 1]);
      assert.deepEqual(numbers(await server.data<Page<CodeAlertItem>>('list_code_scanning_alerts', { ...api, state: 'closed' })), [3, 2]);
      assert.deepEqual(numbers(await server.data<Page<CodeAlertItem>>('list_code_scanning_alerts', { ...api, severity: 'high' })), [1]);
      assert.deepEqual(numbers(await server.data<Page<CodeAlertItem>>('list_code_scanning_alerts', { ...api, tool_name: 'Trivy' })), [4]);
      const branch = await server.data<Page<CodeAlertItem>>('list_code_scanning_alerts', { ...api, ref: 'refs/heads/feature-auth' });
      assert.deepEqual(numbers(branch), [5]);
      assert.deepEqual([branch.items[0].rule, branch.items[0].severity, branch.items[0].tool, branch.items[0].location], ['js/xss', 'high', 'CodeQL', 'src/auth.ts:2']);
      const first = await server.data<Page<CodeAlertItem>>('list_code_scanning_alerts', { ...api, perPage: 3 });
      assert.deepEqual([numbers(first), first.hasNextPage], [[4, 3, 2], true]);
      const second = await server.data<Page<CodeAlertItem>>('list_code_scanning_alerts', { ...api, perPage: 3, page: 2 });
      assert.deepEqual([numbers(second), second.hasNextPage], [[1], false]);
    });

    it('get_code_scanning_alert shows the rule, location and dismissal; a missing alert is named', async () => {
      const alert = await as(() => server.data<CodeAlert>('get_code_scanning_alert', { ...api, alertNumber: 2 }));
      assert.equal(alert.state, 'dismissed');
      assert.deepEqual([alert.dismissedBy, alert.dismissedReason, alert.dismissedComment], ['octocat', 'used in tests', 'Only in the test harness.']);
      assert.deepEqual([alert.rule.id, alert.tool.name, alert.mostRecentInstance.path, alert.mostRecentInstance.startLine], ['js/log-injection', 'CodeQL', 'src/index.ts', 3]);
      const missing = await server.call('get_code_scanning_alert', { ...api, alertNumber: 99 });
      assert.equal(missing.isError, true);
      assert.match(textOf(missing), /code scanning alert 99 of sim-org\/api/i);
    });

    it('list_secret_scanning_alerts withholds the secret values by default, also where an alert quotes them', async () => {
      const secrets = await seededSecrets(sim);
      const page = await as(() => server.data<Page<SecretAlert>>('list_secret_scanning_alerts', api));
      assert.deepEqual(numbers(page), [3, 2, 1]);
      for (const alert of page.items) {
        assert.equal(alert.secret, undefined);
        assert.match(alert.secretWithheld ?? '', /GITHUB_EXPOSE_TOKENS=1/);
      }
      const revoked = page.items.find((a) => a.number === 2)!;
      assert.deepEqual([revoked.state, revoked.resolution, revoked.resolvedBy, revoked.validity], ['resolved', 'revoked', 'octocat', 'inactive']);
      // The seeded comment quotes the (shapeless) AWS key; it is scrubbed, the rest of the comment kept.
      assert.match(revoked.resolutionComment ?? '', /^Rotated; the old key \[withheld\] is dead\.$/);
      const text = JSON.stringify(page);
      for (const secret of secrets.values()) assert.ok(!text.includes(secret), 'no seeded secret in the result');
      const open = await server.data<Page<SecretAlert>>('list_secret_scanning_alerts', { ...api, state: 'open' });
      assert.deepEqual(numbers(open), [1]);
      const tests = await server.data<Page<SecretAlert>>('list_secret_scanning_alerts', { ...api, resolution: 'used_in_tests' });
      assert.deepEqual(numbers(tests), [3]);
      const aws = await server.data<Page<SecretAlert>>('list_secret_scanning_alerts', { ...api, secret_type: 'aws_access_key_id' });
      assert.deepEqual(numbers(aws), [2]);
      const paged = await server.data<Page<SecretAlert>>('list_secret_scanning_alerts', { ...api, perPage: 2 });
      assert.deepEqual([numbers(paged), paged.hasNextPage], [[3, 2], true]);
    });

    it('get_secret_scanning_alert withholds the secret by default', async () => {
      const alert = await as(() => server.data<SecretAlert>('get_secret_scanning_alert', { ...api, alertNumber: 1 }));
      assert.deepEqual([alert.number, alert.secretType, alert.state, alert.secret], [1, 'github_personal_access_token', 'open', undefined]);
      assert.match(alert.secretWithheld ?? '', /GITHUB_EXPOSE_TOKENS=1/);
      const missing = await server.call('get_secret_scanning_alert', { ...api, alertNumber: 42 });
      assert.equal(missing.isError, true);
      assert.match(textOf(missing), /secret scanning alert 42 of sim-org\/api/i);
    });

    it('list_dependabot_alerts filters by state, severity, ecosystem and package, and pages by cursor', async () => {
      const all = await as(() => server.data<Page<DependabotAlert>>('list_dependabot_alerts', api));
      assert.deepEqual(numbers(all), [4, 3, 2, 1]);
      assert.equal(all.items[0].advisory.description, undefined, 'lists leave out the advisory description');
      assert.deepEqual(numbers(await server.data<Page<DependabotAlert>>('list_dependabot_alerts', { ...api, state: 'open' })), [4, 1]);
      assert.deepEqual(numbers(await server.data<Page<DependabotAlert>>('list_dependabot_alerts', { ...api, state: 'dismissed,fixed' })), [3, 2]);
      assert.deepEqual(numbers(await server.data<Page<DependabotAlert>>('list_dependabot_alerts', { ...api, severity: 'medium' })), [2]);
      assert.deepEqual(numbers(await server.data<Page<DependabotAlert>>('list_dependabot_alerts', { ...api, package: 'lodash' })), [4, 1]);
      assert.deepEqual(numbers(await server.data<Page<DependabotAlert>>('list_dependabot_alerts', { ...api, ecosystem: 'pip' })), []);
      const first = await server.data<Page<DependabotAlert>>('list_dependabot_alerts', { ...api, perPage: 3 });
      assert.deepEqual([numbers(first), first.hasNextPage], [[4, 3, 2], true]);
      assert.ok(first.nextCursor);
      const second = await server.data<Page<DependabotAlert>>('list_dependabot_alerts', { ...api, perPage: 3, after: first.nextCursor });
      assert.deepEqual([numbers(second), second.hasNextPage, second.nextCursor], [[1], false, undefined]);
    });

    it('get_dependabot_alert shows the advisory, the patched version and the dismissal', async () => {
      const alert = await as(() => server.data<DependabotAlert>('get_dependabot_alert', { ...api, alertNumber: 2 }));
      assert.deepEqual([alert.state, alert.package?.name, alert.advisory.ghsaId, alert.firstPatchedVersion], ['dismissed', 'express', 'GHSA-rv95-896h-c2vc', '4.19.2']);
      assert.deepEqual([alert.dismissedBy, alert.dismissedReason], ['octocat', 'tolerable_risk']);
      assert.match(alert.advisory.description ?? '', /open redirect/);
      const fixed = await server.data<DependabotAlert>('get_dependabot_alert', { ...api, alertNumber: 3 });
      assert.ok(fixed.fixedAt);
      const missing = await server.call('get_dependabot_alert', { ...api, alertNumber: 77 });
      assert.equal(missing.isError, true);
      assert.match(textOf(missing), /Dependabot alert 77 of sim-org\/api/i);
    });

    it('a repository with the features off refuses with GitHub\'s messages', async () => {
      const code = await server.call('list_code_scanning_alerts', web);
      assert.match(textOf(code), /Advanced Security must be enabled for this repository to use code scanning/);
      const secrets = await server.call('list_secret_scanning_alerts', web);
      assert.match(textOf(secrets), /Secret scanning is disabled on this repository/);
      const dependabot = await server.call('get_dependabot_alert', { ...web, alertNumber: 1 });
      assert.match(textOf(dependabot), /Dependabot alerts are disabled for this repository/);
      assert.ok([code, secrets, dependabot].every((r) => r.isError === true));
    });

    it(identity.isApp ? 'an installation without security_events is refused (403)' : 'the PAT reads the alerts of its own public repository', async () => {
      const result = await server.call('list_code_scanning_alerts', hello);
      if (identity.isApp) {
        assert.equal(result.isError, true);
        assert.match(textOf(result), /not accessible by integration/i);
      } else {
        assert.deepEqual(numbers(result.structuredContent as unknown as Page<CodeAlertItem>), [1]);
      }
    });

    it('list_global_security_advisories filters the Advisory Database and pages by cursor; get_global_security_advisory reads one', async () => {
      const reviewed = await server.data<Page<Advisory>>('list_global_security_advisories', {});
      assert.deepEqual(reviewed.items.map((a) => a.ghsaId).sort(), ['GHSA-9c47-m6qq-7p4h', 'GHSA-jf85-cpcp-j695', 'GHSA-rv95-896h-c2vc', 'GHSA-xvch-5gv4-984h']);
      assert.ok(reviewed.items.every((a) => a.type === 'reviewed'));
      assert.ok(reviewed.items.every((a) => a.description === undefined), 'a list leaves descriptions out');
      const malware = await server.data<Page<Advisory>>('list_global_security_advisories', { type: 'malware' });
      assert.deepEqual(malware.items.map((a) => a.ghsaId), ['GHSA-2222-3333-4444']);
      const byCve = await server.data<Page<Advisory>>('list_global_security_advisories', { cve_id: 'CVE-2024-29041' });
      assert.deepEqual(byCve.items.map((a) => a.ghsaId), ['GHSA-rv95-896h-c2vc']);
      const affects = await server.data<Page<Advisory>>('list_global_security_advisories', { affects: ['minimist@1.2.0'] });
      assert.deepEqual(affects.items.map((a) => a.ghsaId), ['GHSA-xvch-5gv4-984h']);
      const withdrawn = await server.data<Page<Advisory>>('list_global_security_advisories', { is_withdrawn: true });
      assert.deepEqual(withdrawn.items.map((a) => [a.ghsaId, a.withdrawnAt !== null]), [['GHSA-9c47-m6qq-7p4h', true]]);
      const critical = await server.data<Page<Advisory>>('list_global_security_advisories', { ecosystem: 'npm', severity: 'critical', perPage: 1 });
      assert.equal(critical.items.length, 1);
      assert.ok(critical.hasNextPage && critical.nextCursor);
      const next = await server.data<Page<Advisory>>('list_global_security_advisories', { ecosystem: 'npm', severity: 'critical', perPage: 1, after: critical.nextCursor });
      assert.equal(next.hasNextPage, false);
      assert.deepEqual([...critical.items, ...next.items].map((a) => a.ghsaId).sort(), ['GHSA-jf85-cpcp-j695', 'GHSA-xvch-5gv4-984h']);

      const one = await server.data<Advisory>('get_global_security_advisory', { ghsa_id: 'GHSA-jf85-cpcp-j695' });
      assert.deepEqual([one.cveId, one.severity, one.vulnerabilities?.[0].package, one.vulnerabilities?.[0].patched], ['CVE-2019-10744', 'critical', 'lodash', '4.17.12']);
      assert.equal(one.descriptionTruncated, undefined);
      assert.deepEqual(one.references, ['https://nvd.nist.gov/vuln/detail/CVE-2019-10744']);
      const missing = await server.call('get_global_security_advisory', { ghsa_id: 'GHSA-xxxx-xxxx-xxxx' });
      assert.equal(missing.isError, true);
      assert.match(textOf(missing), /advisory GHSA-xxxx-xxxx-xxxx/i);
      const malformed = await server.call('get_global_security_advisory', { ghsa_id: 'CVE-2019-10744' });
      assert.match(textOf(malformed), /ghsa_id: must be a GHSA id/);
    });

    it('list_repository_security_advisories and list_org_repository_security_advisories include drafts for an admin', async () => {
      const repo = await as(() => server.data<Page<Advisory>>('list_repository_security_advisories', api));
      assert.deepEqual(repo.items.map((a) => [a.ghsaId, a.state]), [['GHSA-q9r2-v3w4-x5c6', 'draft'], ['GHSA-2f3g-5h6j-7m8p', 'published']]);
      const published = await server.data<Page<Advisory>>('list_repository_security_advisories', { ...api, state: 'published' });
      assert.deepEqual(published.items.map((a) => [a.ghsaId, a.author]), [['GHSA-2f3g-5h6j-7m8p', 'octocat']]);
      const org = await as(() => server.data<Page<Advisory>>('list_org_repository_security_advisories', { org: 'sim-org', sort: 'created', direction: 'asc', perPage: 1 }));
      assert.deepEqual([org.items.map((a) => a.ghsaId), org.hasNextPage], [['GHSA-2f3g-5h6j-7m8p'], true]);
      const rest = await server.data<Page<Advisory>>('list_org_repository_security_advisories', { org: 'sim-org', sort: 'created', direction: 'asc', perPage: 1, after: org.nextCursor });
      assert.deepEqual(rest.items.map((a) => a.ghsaId), ['GHSA-q9r2-v3w4-x5c6']);
    });
  });
}

describe('security toolsets: identities and opt-ins', () => {
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator();
  });
  after(async () => {
    await sim.close();
  });

  it('the toolsets are opt-in', async () => {
    await withServer(sim, 'toolsets security default', { GITHUB_TOKEN: sim.createPersonalToken('octocat') }, async (plain) => {
      const names = plain.tools.map((t) => t.name);
      for (const name of ['list_code_scanning_alerts', 'list_secret_scanning_alerts', 'list_dependabot_alerts', 'list_global_security_advisories']) assert.ok(!names.includes(name), name);
    });
  });

  it('with GITHUB_EXPOSE_TOKENS=1 the secret values are returned, unredacted', async () => {
    const secrets = await seededSecrets(sim);
    await withServer(sim, 'toolsets security exposed', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['repo'] }), GITHUB_EXPOSE_TOKENS: '1', ...TOOLSETS }, async (server) => {
      const page = await server.data<Page<SecretAlert>>('list_secret_scanning_alerts', { ...api });
      assert.deepEqual(page.items.map((a) => [a.number, a.secret]), [3, 2, 1].map((n) => [n, secrets.get(n)]));
      assert.ok(page.items.every((a) => a.secretWithheld === undefined));
      const one = await server.data<SecretAlert>('get_secret_scanning_alert', { ...api, alertNumber: 1 });
      assert.match(one.secret ?? '', /^ghp_[A-Za-z0-9]{36}$/, 'a token-shaped secret passes the redactor when it was asked for');
      assert.equal(one.secret, secrets.get(1));
    });
  });

  it('a repository writer sees code scanning and Dependabot alerts but not secret scanning (admins only)', async () => {
    await withServer(sim, 'toolsets security writer', { GITHUB_TOKEN: sim.createPersonalToken('monalisa', { scopes: ['repo'] }), ...TOOLSETS }, async (server) => {
      assert.deepEqual(numbers(await server.data<Page<CodeAlertItem>>('list_code_scanning_alerts', { ...api, state: 'open' })), [4, 1]);
      assert.deepEqual(numbers(await server.data<Page<DependabotAlert>>('list_dependabot_alerts', { ...api, state: 'open' })), [4, 1]);
      const secrets = await server.call('list_secret_scanning_alerts', api);
      assert.equal(secrets.isError, true);
      assert.match(textOf(secrets), /admin rights/i);
      // Not an admin: published advisories only.
      const advisories = await server.data<Page<Advisory>>('list_repository_security_advisories', api);
      assert.deepEqual(advisories.items.map((a) => a.state), ['published']);
    });
  });

  it('a classic token without repo or security_events is refused; public_repo reads a public repository', async () => {
    await withServer(sim, 'toolsets security scopes', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['read:org'] }), ...TOOLSETS }, async (server) => {
      const refused = await server.call('list_code_scanning_alerts', hello);
      assert.equal(refused.isError, true);
      assert.match(textOf(refused), /not accessible by personal access token/i);
    });
    await withServer(sim, 'toolsets security public_repo', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['public_repo'] }), ...TOOLSETS }, async (server) => {
      assert.deepEqual(numbers(await server.data<Page<CodeAlertItem>>('list_code_scanning_alerts', hello)), [1]);
    });
  });
});

import { iso } from '../clock';
import type { Account, GlobalAdvisory, Repo } from '../model';
import { randomBase62 } from '../random';
import type { World } from '../world';
import { SEED_EPOCH } from './accounts';

// Security alerts (sim-org/api, octocat/hello-world), repository advisories and the global
// advisory database. sim-org/web has every security feature switched off. The App's sim-org
// installation (5002) may read all of it; octocat's (5001) has none of these permissions.

const DAY = 86_400_000;
const at = (day: number) => iso(SEED_EPOCH + day * DAY);

/** The App permissions these endpoints need; the sim-org installation and the App 1001 hold them. */
export const SECURITY_PERMISSIONS = { security_events: 'read', secret_scanning_alerts: 'read', vulnerability_alerts: 'read', repository_advisories: 'read' } as const;

export const GHSA = { lodash: 'GHSA-jf85-cpcp-j695', express: 'GHSA-rv95-896h-c2vc', minimist: 'GHSA-xvch-5gv4-984h', withdrawn: 'GHSA-9c47-m6qq-7p4h', malware: 'GHSA-2222-3333-4444' } as const;

/** The Advisory Database: the same for everyone, readable without authentication. */
export const GLOBAL_ADVISORIES: GlobalAdvisory[] = [
  {
    ghsaId: GHSA.lodash, cveId: 'CVE-2019-10744', summary: 'Prototype Pollution in lodash', description: `Versions of lodash before 4.17.12 are vulnerable to Prototype Pollution. ${'The function defaultsDeep allows a malicious user to modify the prototype of Object. '.repeat(8)}`,
    type: 'reviewed', severity: 'critical', cvssScore: 9.1, cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H', cwes: [{ id: 'CWE-1321', name: "Improperly Controlled Modification of Object Prototype Attributes ('Prototype Pollution')" }],
    vulnerabilities: [{ ecosystem: 'npm', packageName: 'lodash', vulnerableVersionRange: '< 4.17.12', patched: '4.17.12' }], sourceCodeLocation: 'https://github.com/lodash/lodash',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2019-10744'], publishedAt: at(-400), updatedAt: at(-100), withdrawnAt: null,
  },
  {
    ghsaId: GHSA.express, cveId: 'CVE-2024-29041', summary: 'Express.js Open Redirect in malformed URLs', description: 'Versions of Express.js prior to 4.19.2 are vulnerable to an open redirect.',
    type: 'reviewed', severity: 'medium', cvssScore: 6.1, cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', cwes: [{ id: 'CWE-601', name: "URL Redirection to Untrusted Site ('Open Redirect')" }],
    vulnerabilities: [{ ecosystem: 'npm', packageName: 'express', vulnerableVersionRange: '< 4.19.2', patched: '4.19.2' }], sourceCodeLocation: 'https://github.com/expressjs/express',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2024-29041'], publishedAt: at(-200), updatedAt: at(-50), withdrawnAt: null,
  },
  {
    ghsaId: GHSA.minimist, cveId: 'CVE-2021-44906', summary: 'Prototype Pollution in minimist', description: 'Minimist before 1.2.6 is vulnerable to Prototype Pollution via setKey().',
    type: 'reviewed', severity: 'critical', cvssScore: 9.8, cvssVector: null, cwes: [{ id: 'CWE-1321', name: "Improperly Controlled Modification of Object Prototype Attributes ('Prototype Pollution')" }],
    vulnerabilities: [{ ecosystem: 'npm', packageName: 'minimist', vulnerableVersionRange: '< 1.2.6', patched: '1.2.6' }], sourceCodeLocation: null,
    references: [], publishedAt: at(-300), updatedAt: at(-20), withdrawnAt: null,
  },
  {
    ghsaId: GHSA.withdrawn, cveId: null, summary: 'Withdrawn: duplicate of another advisory', description: 'This advisory was withdrawn.',
    type: 'reviewed', severity: 'low', cvssScore: null, cvssVector: null, cwes: [],
    vulnerabilities: [{ ecosystem: 'pip', packageName: 'requests', vulnerableVersionRange: '< 2.0.0', patched: null }], sourceCodeLocation: null,
    references: [], publishedAt: at(-150), updatedAt: at(-140), withdrawnAt: at(-140),
  },
  {
    ghsaId: GHSA.malware, cveId: null, summary: 'Malicious code in evil-package (npm)', description: 'Any computer that has this package installed should be considered compromised.',
    type: 'malware', severity: 'critical', cvssScore: null, cvssVector: null, cwes: [{ id: 'CWE-506', name: 'Embedded Malicious Code' }],
    vulnerabilities: [{ ecosystem: 'npm', packageName: 'evil-package', vulnerableVersionRange: '>= 0', patched: null }], sourceCodeLocation: null,
    references: [], publishedAt: at(-10), updatedAt: at(-10), withdrawnAt: null,
  },
];

function seedApi(api: Repo, octocat: Account, monalisa: Account): void {
  const sha = api.branches.get('main') as string;
  const rule = (id: string, name: string, severity: 'note' | 'warning' | 'error', level: 'low' | 'medium' | 'high' | 'critical' | null) => ({ id, name, severity, securitySeverityLevel: level, description: name.replace(/-/g, ' '), fullDescription: `${name}: full description.`, tags: ['security'] });
  const codeql = { name: 'CodeQL', version: '2.19.0', guid: null };
  api.codeScanningAlerts = [
    { number: 1, state: 'open', rule: rule('js/sql-injection', 'sql-injection', 'error', 'high'), tool: codeql, ref: 'refs/heads/main', commitSha: sha, message: 'This query depends on a user-provided value.', location: { path: 'src/index.ts', startLine: 2, endLine: 2 }, createdAt: at(-20), updatedAt: at(-20), fixedAt: null, dismissedBy: null, dismissedAt: null, dismissedReason: null, dismissedComment: null },
    { number: 2, state: 'dismissed', rule: rule('js/log-injection', 'log-injection', 'warning', 'medium'), tool: codeql, ref: 'refs/heads/main', commitSha: sha, message: 'Log entry depends on a user-provided value.', location: { path: 'src/index.ts', startLine: 3, endLine: 3 }, createdAt: at(-19), updatedAt: at(-5), fixedAt: null, dismissedBy: octocat, dismissedAt: at(-5), dismissedReason: 'used in tests', dismissedComment: 'Only in the test harness.' },
    { number: 3, state: 'fixed', rule: rule('js/hardcoded-credentials', 'hardcoded-credentials', 'error', 'critical'), tool: codeql, ref: 'refs/heads/main', commitSha: sha, message: 'Hard-coded credential.', location: { path: 'src/auth.ts', startLine: 1, endLine: 3 }, createdAt: at(-18), updatedAt: at(-4), fixedAt: at(-4), dismissedBy: null, dismissedAt: null, dismissedReason: null, dismissedComment: null },
    { number: 4, state: 'open', rule: rule('TRIVY-001', 'outdated-base-image', 'note', 'low'), tool: { name: 'Trivy', version: null, guid: null }, ref: 'refs/heads/main', commitSha: sha, message: 'Base image is outdated.', location: { path: 'Dockerfile', startLine: 1, endLine: 1 }, createdAt: at(-3), updatedAt: at(-3), fixedAt: null, dismissedBy: null, dismissedAt: null, dismissedReason: null, dismissedComment: null },
    { number: 5, state: 'open', rule: rule('js/xss', 'xss', 'error', 'high'), tool: codeql, ref: 'refs/heads/feature-auth', commitSha: api.branches.get('feature-auth') as string, message: 'Cross-site scripting.', location: { path: 'src/auth.ts', startLine: 2, endLine: 2 }, createdAt: at(-2), updatedAt: at(-2), fixedAt: null, dismissedBy: null, dismissedAt: null, dismissedReason: null, dismissedComment: null },
  ];
  // A PAT-shaped secret (the redactor's patterns know it) and a shapeless one (only registration does).
  const pat = `ghp_${randomBase62(36)}`;
  const aws = `AKIA${randomBase62(16).toUpperCase()}`;
  api.secretScanningAlerts = [
    { number: 1, state: 'open', secretType: 'github_personal_access_token', secretTypeDisplayName: 'GitHub Personal Access Token', provider: 'GitHub', secret: pat, validity: 'active', publiclyLeaked: false, resolution: null, resolvedBy: null, resolvedAt: null, resolutionComment: null, createdAt: at(-15), updatedAt: at(-15) },
    { number: 2, state: 'resolved', secretType: 'aws_access_key_id', secretTypeDisplayName: 'Amazon AWS Access Key ID', provider: 'Amazon AWS', secret: aws, validity: 'inactive', publiclyLeaked: false, resolution: 'revoked', resolvedBy: octocat, resolvedAt: at(-6), resolutionComment: `Rotated; the old key ${aws} is dead.`, createdAt: at(-14), updatedAt: at(-6) },
    { number: 3, state: 'resolved', secretType: 'github_personal_access_token', secretTypeDisplayName: 'GitHub Personal Access Token', provider: 'GitHub', secret: `ghp_${randomBase62(36)}`, validity: 'unknown', publiclyLeaked: false, resolution: 'used_in_tests', resolvedBy: monalisa, resolvedAt: at(-7), resolutionComment: null, createdAt: at(-13), updatedAt: at(-7) },
  ];
  const dep = (number: number, packageName: string, ghsaId: string, state: 'open' | 'dismissed' | 'fixed' | 'auto_dismissed', day: number, extra: Partial<NonNullable<Repo['dependabotAlerts']>[number]> = {}) => ({
    number, state, ecosystem: 'npm', packageName, manifestPath: 'package-lock.json', scope: 'runtime' as const, ghsaId, createdAt: at(day), updatedAt: at(day), fixedAt: null, dismissedBy: null, dismissedAt: null, dismissedReason: null, dismissedComment: null, ...extra,
  });
  api.dependabotAlerts = [
    dep(1, 'lodash', GHSA.lodash, 'open', -12),
    dep(2, 'express', GHSA.express, 'dismissed', -11, { dismissedBy: octocat, dismissedAt: at(-3), dismissedReason: 'tolerable_risk', dismissedComment: 'Behind a proxy that normalises URLs.', updatedAt: at(-3) }),
    dep(3, 'minimist', GHSA.minimist, 'fixed', -10, { fixedAt: at(-2), updatedAt: at(-2), scope: 'development' }),
    dep(4, 'lodash', GHSA.lodash, 'open', -9, { manifestPath: 'tools/package-lock.json', scope: 'development' }),
  ];
  api.securityAdvisories = [
    { ghsaId: 'GHSA-2f3g-5h6j-7m8p', cveId: null, summary: 'Token check accepts whitespace', description: 'authenticate() accepted a token of spaces.', severity: 'high', state: 'published', author: octocat, publisher: octocat, cweIds: ['CWE-287'], vulnerabilities: [{ ecosystem: 'npm', packageName: 'api', vulnerableVersionRange: '< 1.0.1', patched: '1.0.1' }], createdAt: at(-30), updatedAt: at(-25), publishedAt: at(-25), closedAt: null },
    { ghsaId: 'GHSA-q9r2-v3w4-x5c6', cveId: null, summary: 'Crash on empty body', description: 'POST / with no body crashes the server.', severity: 'medium', state: 'draft', author: monalisa, publisher: null, cweIds: [], vulnerabilities: [{ ecosystem: 'npm', packageName: 'api', vulnerableVersionRange: '<= 1.0.1', patched: null }], createdAt: at(-8), updatedAt: at(-8), publishedAt: null, closedAt: null },
  ];
}

export function seedSecurity(world: World): void {
  const octocat = world.account('octocat') as Account;
  const monalisa = world.account('monalisa') as Account;
  const api = world.repo('sim-org', 'api') as Repo;
  seedApi(api, octocat, monalisa);
  const hello = world.repo('octocat', 'hello-world') as Repo;
  const sha = hello.branches.get(hello.defaultBranch) as string;
  hello.codeScanningAlerts = [
    { number: 1, state: 'open', rule: { id: 'js/unused-local-variable', name: 'unused-local-variable', severity: 'note', securitySeverityLevel: null, description: 'Unused variable', fullDescription: 'Unused variable, import, function or class.', tags: ['maintainability'] }, tool: { name: 'CodeQL', version: '2.19.0', guid: null }, ref: `refs/heads/${hello.defaultBranch}`, commitSha: sha, message: 'Unused variable x.', location: { path: 'src/hello.js', startLine: 1, endLine: 1 }, createdAt: at(-5), updatedAt: at(-5), fixedAt: null, dismissedBy: null, dismissedAt: null, dismissedReason: null, dismissedComment: null },
  ];
  (world.repo('sim-org', 'web') as Repo).securityDisabled = new Set(['code_scanning', 'secret_scanning', 'dependabot']);
  // The App may hold the security permissions; only its sim-org installation grants them.
  const app = world.apps.get(1001);
  if (app) Object.assign(app.permissions, SECURITY_PERMISSIONS);
  const simOrg = world.account('sim-org') as Account;
  const installation = [...world.installations.values()].find((i) => i.appId === 1001 && i.account.id === simOrg.id && i.repositorySelection === 'all' && !i.suspendedAt);
  if (installation) Object.assign(installation.permissions, SECURITY_PERMISSIONS);
}

/** Every leaked value seeded, for the leak check. */
export function seededSecrets(world: World): string[] {
  return [...world.repos.values()].flatMap((repo) => (repo.secretScanningAlerts ?? []).map((a) => a.secret));
}

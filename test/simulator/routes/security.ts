import { requireRepo, userLevel, type SecurityCategory } from '../access';
import { json, type Ctx } from '../http/context';
import { ghError, notFound, requiresAuthentication, validationFailed } from '../http/errors';
import { cursorPaginate, paginate } from '../http/pagination';
import type { Router } from '../http/router';
import { LEVELS, type AdvisoryVulnerability, type CodeScanningAlert, type DependabotAlert, type GlobalAdvisory, type Level, type Repo, type RepositoryAdvisory, type SecretScanningAlert, type SecurityFeature } from '../model';
import { simpleUser } from '../render/accounts';
import { GLOBAL_ADVISORIES } from '../seed/security';

// Code scanning, secret scanning and Dependabot alerts, repository and global advisories.
// Who may read: an installation with the permission (else 403 "Resource not accessible by
// integration"); a classic token with repo or security_events (public_repo on a public
// repository); a user with write access (admin for secret scanning). A feature switched off
// answers as GitHub does. Dependabot and advisories page by cursor (before/after), the
// others by page.

interface Gate {
  feature?: SecurityFeature;
  category: SecurityCategory;
  userNeeds: Level;
  roleMessage: string;
}

const DISABLED: Record<SecurityFeature, () => never> = {
  code_scanning: () => {
    throw ghError(403, 'Advanced Security must be enabled for this repository to use code scanning.');
  },
  secret_scanning: () => {
    throw ghError(404, 'Secret scanning is disabled on this repository.');
  },
  dependabot: () => {
    throw ghError(403, 'Dependabot alerts are disabled for this repository.');
  },
};

const CODE: Gate = { feature: 'code_scanning', category: 'security_events', userNeeds: 'write', roleMessage: 'Must have push access to repository' };
const SECRETS: Gate = { feature: 'secret_scanning', category: 'secret_scanning_alerts', userNeeds: 'admin', roleMessage: 'Must have admin rights to Repository.' };
const DEPENDABOT: Gate = { feature: 'dependabot', category: 'vulnerability_alerts', userNeeds: 'write', roleMessage: 'Must have push access to repository' };

function securityRepo(ctx: Ctx, gate: Gate): Repo {
  if (ctx.principal.kind === 'none') throw requiresAuthentication();
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: gate.category, access: 'read' });
  const p = ctx.principal;
  if (p.kind === 'user') {
    const token = p.token;
    if (token && (token.kind === 'pat' || token.kind === 'oauth')) {
      const scopes = token.scopes ?? [];
      ctx.resHeaders['x-accepted-oauth-scopes'] = 'repo, security_events';
      if (!scopes.includes('repo') && !scopes.includes('security_events') && !(scopes.includes('public_repo') && !repo.private)) {
        throw ghError(403, 'Resource not accessible by personal access token');
      }
    }
    const level = userLevel(ctx.services.world, p.user, repo);
    if (!level || LEVELS[level] < LEVELS[gate.userNeeds]) throw ghError(403, gate.roleMessage);
  }
  if (gate.feature && repo.securityDisabled?.has(gate.feature)) DISABLED[gate.feature]();
  return repo;
}

function alertNumber(ctx: Ctx): number {
  const n = Number(ctx.params.number);
  if (!Number.isInteger(n) || n < 1) throw notFound();
  return n;
}

const full = (repo: Repo) => `${repo.owner.login}/${repo.name}`;
const commaList = (ctx: Ctx, name: string): string[] | undefined => ctx.query.get(name)?.split(',').map((v) => v.trim()).filter(Boolean);
const newestFirst = <T extends { number: number }>(items: T[], direction: string | null) => [...items].sort((a, b) => (direction === 'asc' ? a.number - b.number : b.number - a.number));

// ---- code scanning

function codeScanningJson(ctx: Ctx, repo: Repo, a: CodeScanningAlert, single: boolean): Record<string, unknown> {
  const url = `${ctx.apiBase}/repos/${full(repo)}/code-scanning/alerts/${a.number}`;
  return {
    number: a.number,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    url,
    html_url: `${ctx.webBase}/${full(repo)}/security/code-scanning/${a.number}`,
    instances_url: `${url}/instances`,
    state: a.state,
    fixed_at: a.fixedAt,
    dismissed_by: a.dismissedBy ? simpleUser(ctx, a.dismissedBy) : null,
    dismissed_at: a.dismissedAt,
    dismissed_reason: a.dismissedReason,
    dismissed_comment: a.dismissedComment,
    rule: {
      id: a.rule.id,
      name: a.rule.name,
      severity: a.rule.severity,
      security_severity_level: a.rule.securitySeverityLevel,
      description: a.rule.description,
      tags: a.rule.tags,
      ...(single ? { full_description: a.rule.fullDescription, help: null, help_uri: null } : {}),
    },
    tool: { name: a.tool.name, guid: a.tool.guid, version: a.tool.version },
    most_recent_instance: {
      ref: a.ref,
      analysis_key: '.github/workflows/codeql.yml:analyze',
      environment: '{}',
      category: '.github/workflows/codeql.yml:analyze',
      state: a.state,
      commit_sha: a.commitSha,
      message: { text: a.message },
      location: { path: a.location.path, start_line: a.location.startLine, end_line: a.location.endLine, start_column: 1, end_column: 10 },
      classifications: [],
    },
    assignees: [],
  };
}

const CODE_SEVERITY: Record<string, (a: CodeScanningAlert) => boolean> = {
  critical: (a) => a.rule.securitySeverityLevel === 'critical',
  high: (a) => a.rule.securitySeverityLevel === 'high',
  medium: (a) => a.rule.securitySeverityLevel === 'medium',
  low: (a) => a.rule.securitySeverityLevel === 'low',
  error: (a) => a.rule.severity === 'error',
  warning: (a) => a.rule.severity === 'warning',
  note: (a) => a.rule.severity === 'note',
};

// ---- secret scanning

function secretScanningJson(ctx: Ctx, repo: Repo, a: SecretScanningAlert): Record<string, unknown> {
  const url = `${ctx.apiBase}/repos/${full(repo)}/secret-scanning/alerts/${a.number}`;
  const hide = ctx.query.get('hide_secret') === 'true';
  return {
    number: a.number,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    url,
    html_url: `${ctx.webBase}/${full(repo)}/security/secret-scanning/${a.number}`,
    locations_url: `${url}/locations`,
    state: a.state,
    resolution: a.resolution,
    resolved_at: a.resolvedAt,
    resolved_by: a.resolvedBy ? simpleUser(ctx, a.resolvedBy) : null,
    resolution_comment: a.resolutionComment,
    secret_type: a.secretType,
    secret_type_display_name: a.secretTypeDisplayName,
    provider: a.provider,
    provider_slug: a.provider.toLowerCase().replace(/\s+/g, '_'),
    ...(hide ? {} : { secret: a.secret }),
    push_protection_bypassed: false,
    push_protection_bypassed_by: null,
    push_protection_bypassed_at: null,
    validity: a.validity,
    publicly_leaked: a.publiclyLeaked,
    multi_repo: false,
    is_base64_encoded: false,
    has_more_locations: false,
  };
}

// ---- Dependabot

function globalAdvisory(ghsaId: string): GlobalAdvisory {
  return GLOBAL_ADVISORIES.find((g) => g.ghsaId === ghsaId) as GlobalAdvisory;
}

function dependabotVulnerability(v: AdvisoryVulnerability, severity: string): Record<string, unknown> {
  return { package: { ecosystem: v.ecosystem, name: v.packageName }, severity, vulnerable_version_range: v.vulnerableVersionRange, first_patched_version: v.patched ? { identifier: v.patched } : null };
}

function dependabotJson(ctx: Ctx, repo: Repo, a: DependabotAlert): Record<string, unknown> {
  const g = globalAdvisory(a.ghsaId);
  const vulnerability = g.vulnerabilities.find((v) => v.packageName === a.packageName) ?? g.vulnerabilities[0];
  return {
    number: a.number,
    state: a.state,
    dependency: { package: { ecosystem: a.ecosystem, name: a.packageName }, manifest_path: a.manifestPath, scope: a.scope, relationship: 'direct' },
    security_advisory: {
      ghsa_id: g.ghsaId,
      cve_id: g.cveId,
      summary: g.summary,
      description: g.description,
      vulnerabilities: g.vulnerabilities.map((v) => dependabotVulnerability(v, g.severity)),
      severity: g.severity === 'unknown' ? 'low' : g.severity,
      cvss: { score: g.cvssScore ?? 0, vector_string: g.cvssVector },
      cwes: g.cwes.map((c) => ({ cwe_id: c.id, name: c.name })),
      identifiers: [{ type: 'GHSA', value: g.ghsaId }, ...(g.cveId ? [{ type: 'CVE', value: g.cveId }] : [])],
      references: g.references.map((url) => ({ url })),
      published_at: g.publishedAt,
      updated_at: g.updatedAt,
      withdrawn_at: g.withdrawnAt,
    },
    security_vulnerability: dependabotVulnerability(vulnerability, g.severity === 'unknown' ? 'low' : g.severity),
    url: `${ctx.apiBase}/repos/${full(repo)}/dependabot/alerts/${a.number}`,
    html_url: `${ctx.webBase}/${full(repo)}/security/dependabot/${a.number}`,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    dismissed_at: a.dismissedAt,
    dismissed_by: a.dismissedBy ? simpleUser(ctx, a.dismissedBy) : null,
    dismissed_reason: a.dismissedReason,
    dismissed_comment: a.dismissedComment,
    fixed_at: a.fixedAt,
    auto_dismissed_at: null,
  };
}

// ---- advisories

function globalAdvisoryJson(ctx: Ctx, g: GlobalAdvisory): Record<string, unknown> {
  return {
    ghsa_id: g.ghsaId,
    cve_id: g.cveId,
    url: `${ctx.apiBase}/advisories/${g.ghsaId}`,
    html_url: `${ctx.webBase}/advisories/${g.ghsaId}`,
    repository_advisory_url: null,
    summary: g.summary,
    description: g.description,
    type: g.type,
    severity: g.severity,
    source_code_location: g.sourceCodeLocation,
    identifiers: [{ type: 'GHSA', value: g.ghsaId }, ...(g.cveId ? [{ type: 'CVE', value: g.cveId }] : [])],
    references: g.references,
    published_at: g.publishedAt,
    updated_at: g.updatedAt,
    github_reviewed_at: g.type === 'reviewed' ? g.publishedAt : null,
    nvd_published_at: g.cveId ? g.publishedAt : null,
    withdrawn_at: g.withdrawnAt,
    vulnerabilities: g.vulnerabilities.map((v) => ({ package: { ecosystem: v.ecosystem, name: v.packageName }, vulnerable_version_range: v.vulnerableVersionRange, first_patched_version: v.patched, vulnerable_functions: [] })),
    cvss: g.cvssScore === null ? null : { vector_string: g.cvssVector, score: g.cvssScore },
    cwes: g.cwes.map((c) => ({ cwe_id: c.id, name: c.name })),
    credits: [],
  };
}

function repositoryAdvisoryJson(ctx: Ctx, repo: Repo, a: RepositoryAdvisory): Record<string, unknown> {
  return {
    ghsa_id: a.ghsaId,
    cve_id: a.cveId,
    url: `${ctx.apiBase}/repos/${full(repo)}/security-advisories/${a.ghsaId}`,
    html_url: `${ctx.webBase}/${full(repo)}/security/advisories/${a.ghsaId}`,
    summary: a.summary,
    description: a.description,
    severity: a.severity,
    author: simpleUser(ctx, a.author),
    publisher: a.publisher ? simpleUser(ctx, a.publisher) : null,
    identifiers: [{ type: 'GHSA', value: a.ghsaId }, ...(a.cveId ? [{ type: 'CVE', value: a.cveId }] : [])],
    state: a.state,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    published_at: a.publishedAt,
    closed_at: a.closedAt,
    withdrawn_at: null,
    submission: null,
    vulnerabilities: a.vulnerabilities.map((v) => ({ package: { ecosystem: v.ecosystem, name: v.packageName }, vulnerable_version_range: v.vulnerableVersionRange, patched_versions: v.patched, vulnerable_functions: [] })),
    cvss: null,
    cwes: a.cweIds.map((id) => ({ cwe_id: id, name: id })),
    cwe_ids: a.cweIds,
    credits: [],
    credits_detailed: [],
    collaborating_users: null,
    collaborating_teams: null,
    private_fork: null,
  };
}

/** Published advisories for anyone who sees the repository; the rest for admins (and installations with the permission). */
function visibleAdvisories(ctx: Ctx, repo: Repo): RepositoryAdvisory[] {
  const p = ctx.principal;
  const all = repo.securityAdvisories ?? [];
  const admin = p.kind === 'installation' || (p.kind === 'user' && userLevel(ctx.services.world, p.user, repo) === 'admin');
  return admin ? all : all.filter((a) => a.state === 'published');
}

function sortAdvisories(ctx: Ctx, list: RepositoryAdvisory[]): RepositoryAdvisory[] {
  const state = ctx.query.get('state');
  if (state && !['triage', 'draft', 'published', 'closed'].includes(state)) throw ghError(400, `Invalid state: ${state}. Use one of triage, draft, published, closed.`);
  const key = ({ created: 'createdAt', updated: 'updatedAt', published: 'publishedAt' } as const)[ctx.query.get('sort') ?? 'created'] ?? 'createdAt';
  const asc = ctx.query.get('direction') === 'asc';
  return list
    .filter((a) => !state || a.state === state)
    .sort((a, b) => {
      const x = a[key] ?? '';
      const y = b[key] ?? '';
      return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
    });
}

function matchesRange(value: string, range: string | null): boolean {
  if (!range) return true;
  const day = value.slice(0, 10);
  const between = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(range);
  if (between) return day >= between[1] && day <= between[2];
  const cmp = /^(>=|<=|>|<)?(\d{4}-\d{2}-\d{2})$/.exec(range);
  if (!cmp) return true;
  const [, op, date] = cmp;
  return op === '>=' ? day >= date : op === '<=' ? day <= date : op === '>' ? day > date : op === '<' ? day < date : day === date;
}

export function securityRoutes(router: Router): void {
  router
    .add('GET', '/repos/:owner/:repo/code-scanning/alerts', (ctx) => {
      const repo = securityRepo(ctx, CODE);
      const state = ctx.query.get('state');
      const severity = ctx.query.get('severity');
      const tool = ctx.query.get('tool_name');
      const ref = ctx.query.get('ref') ?? `refs/heads/${repo.defaultBranch}`;
      const fullRef = ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
      if (severity && !CODE_SEVERITY[severity]) throw validationFailed([], `Invalid severity: ${severity}`);
      const alerts = (repo.codeScanningAlerts ?? []).filter(
        (a) => a.ref === fullRef && (!state || (state === 'closed' ? a.state !== 'open' : a.state === state)) && (!severity || CODE_SEVERITY[severity](a)) && (!tool || a.tool.name === tool),
      );
      return json(paginate(ctx, newestFirst(alerts, ctx.query.get('direction'))).map((a) => codeScanningJson(ctx, repo, a, false)));
    })
    .add('GET', '/repos/:owner/:repo/code-scanning/alerts/:number', (ctx) => {
      const repo = securityRepo(ctx, CODE);
      const alert = (repo.codeScanningAlerts ?? []).find((a) => a.number === alertNumber(ctx));
      if (!alert) throw notFound();
      return json(codeScanningJson(ctx, repo, alert, true));
    })
    .add('GET', '/repos/:owner/:repo/secret-scanning/alerts', (ctx) => {
      const repo = securityRepo(ctx, SECRETS);
      const state = ctx.query.get('state');
      if (state && state !== 'open' && state !== 'resolved') throw validationFailed([], `Invalid state: ${state}`);
      const types = commaList(ctx, 'secret_type');
      const resolutions = commaList(ctx, 'resolution');
      const alerts = (repo.secretScanningAlerts ?? []).filter(
        (a) => (!state || a.state === state) && (!types || types.includes(a.secretType)) && (!resolutions || (a.resolution !== null && resolutions.includes(a.resolution))),
      );
      return json(paginate(ctx, newestFirst(alerts, ctx.query.get('direction'))).map((a) => secretScanningJson(ctx, repo, a)));
    })
    .add('GET', '/repos/:owner/:repo/secret-scanning/alerts/:number', (ctx) => {
      const repo = securityRepo(ctx, SECRETS);
      const alert = (repo.secretScanningAlerts ?? []).find((a) => a.number === alertNumber(ctx));
      if (!alert) throw notFound();
      return json(secretScanningJson(ctx, repo, alert));
    })
    .add('GET', '/repos/:owner/:repo/dependabot/alerts', (ctx) => {
      const repo = securityRepo(ctx, DEPENDABOT);
      const states = commaList(ctx, 'state');
      const severities = commaList(ctx, 'severity');
      const ecosystems = commaList(ctx, 'ecosystem');
      const packages = commaList(ctx, 'package');
      const alerts = (repo.dependabotAlerts ?? []).filter(
        (a) =>
          (!states || states.includes(a.state)) &&
          (!severities || severities.includes(globalAdvisory(a.ghsaId).severity)) &&
          (!ecosystems || ecosystems.includes(a.ecosystem)) &&
          (!packages || packages.includes(a.packageName)),
      );
      return json(cursorPaginate(ctx, newestFirst(alerts, ctx.query.get('direction'))).map((a) => dependabotJson(ctx, repo, a)));
    })
    .add('GET', '/repos/:owner/:repo/dependabot/alerts/:number', (ctx) => {
      const repo = securityRepo(ctx, DEPENDABOT);
      const alert = (repo.dependabotAlerts ?? []).find((a) => a.number === alertNumber(ctx));
      if (!alert) throw notFound();
      return json(dependabotJson(ctx, repo, alert));
    })
    .add('GET', '/advisories', (ctx) => {
      const q = ctx.query;
      const type = q.get('type');
      const cwes = commaList(ctx, 'cwes')?.map((c) => c.replace(/^CWE-/i, ''));
      const affects = commaList(ctx, 'affects');
      const withdrawn = q.get('is_withdrawn');
      let list = GLOBAL_ADVISORIES.filter(
        (g) =>
          (type ? g.type === type : g.type === 'reviewed') &&
          (!q.get('ghsa_id') || g.ghsaId === q.get('ghsa_id')) &&
          (!q.get('cve_id') || g.cveId === q.get('cve_id')) &&
          (!q.get('ecosystem') || g.vulnerabilities.some((v) => v.ecosystem === q.get('ecosystem'))) &&
          (!q.get('severity') || g.severity === q.get('severity')) &&
          (!cwes || g.cwes.some((c) => cwes.includes(c.id.replace(/^CWE-/, '')))) &&
          (withdrawn === null || (withdrawn === 'true') === (g.withdrawnAt !== null)) &&
          (!affects || g.vulnerabilities.some((v) => affects.some((spec) => spec.split('@')[0] === v.packageName))) &&
          matchesRange(g.publishedAt, q.get('published')) &&
          matchesRange(g.updatedAt, q.get('updated')) &&
          (!q.get('modified') || matchesRange(g.updatedAt, q.get('modified')) || matchesRange(g.publishedAt, q.get('modified'))),
      );
      const key = q.get('sort') === 'updated' ? 'updatedAt' : 'publishedAt';
      const asc = q.get('direction') === 'asc';
      list = [...list].sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0) * (asc ? 1 : -1));
      return json(cursorPaginate(ctx, list).map((g) => globalAdvisoryJson(ctx, g)));
    })
    .add('GET', '/advisories/:ghsa', (ctx) => {
      const g = GLOBAL_ADVISORIES.find((a) => a.ghsaId.toLowerCase() === ctx.params.ghsa.toLowerCase());
      if (!g) throw notFound();
      return json(globalAdvisoryJson(ctx, g));
    })
    .add('GET', '/repos/:owner/:repo/security-advisories', (ctx) => {
      const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'repository_advisories', access: 'read' });
      return json(cursorPaginate(ctx, sortAdvisories(ctx, visibleAdvisories(ctx, repo))).map((a) => repositoryAdvisoryJson(ctx, repo, a)));
    })
    .add('GET', '/orgs/:org/security-advisories', (ctx) => {
      const world = ctx.services.world;
      const org = world.account(ctx.params.org);
      if (!org || org.type !== 'Organization') throw notFound();
      const p = ctx.principal;
      if (p.kind === 'none') throw requiresAuthentication();
      // An org owner, or an installation on the org with the permission.
      if (p.kind === 'user' && org.members?.get(p.user.login) !== 'admin') throw notFound();
      if (p.kind === 'user' && p.token && (p.token.kind === 'pat' || p.token.kind === 'oauth') && !(p.token.scopes ?? []).includes('repo')) throw notFound();
      if (p.kind === 'jwt' || (p.kind === 'installation' && p.installation.account.id !== org.id)) throw notFound();
      if (p.kind === 'installation' && !p.token.permissions?.repository_advisories) throw ghError(403, 'Resource not accessible by integration');
      const pairs = world.reposOf(org).flatMap((repo) => (repo.securityAdvisories ?? []).map((a) => ({ repo, a })));
      const sorted = sortAdvisories(ctx, pairs.map((x) => x.a));
      const repoOf = new Map(pairs.map((x) => [x.a, x.repo]));
      return json(cursorPaginate(ctx, sorted).map((a) => repositoryAdvisoryJson(ctx, repoOf.get(a) as Repo, a)));
    });
}

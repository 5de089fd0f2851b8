import { z } from 'zod';
import { LIMITS, login, objectOr, truncate, type RawUser, type Shaped } from './common';

/*
 * Security alerts and advisories. Sources (OpenAPI components):
 * - `code-scanning-alert-items` / `code-scanning-alert`: required number, created_at, html_url,
 *   state (nullable), dismissed_by/_at/_reason (nullable), rule, tool, most_recent_instance;
 *   the nested objects' fields are all optional.
 * - `secret-scanning-alert`: nothing required. `secret` is the leaked value itself.
 * - `dependabot-alert`: required number, state, dependency, security_advisory,
 *   security_vulnerability, html_url, created_at, updated_at, dismissed_*, fixed_at.
 * - `global-advisory` and `repository-advisory`: ghsa_id, cve_id, summary, description,
 *   severity, dates and vulnerabilities required (many nullable).
 */

type Raw = Record<string, unknown>;
const obj = (value: unknown): Raw | undefined => objectOr(value) as Raw | undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const strOrNull = (value: unknown): string | null | undefined => (value === null ? null : str(value));
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const bool = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);
/** A user GitHub sent (its login), null where it sent null, undefined where it sent nothing. */
const userLogin = (value: unknown): string | null | undefined => (value === undefined ? undefined : login(value as RawUser | null));

function textFields(value: unknown, limit: number, key = 'description'): Record<string, unknown> {
  if (value === null) return { [key]: null };
  if (typeof value !== 'string') return {};
  const { text, truncated } = truncate(value, limit);
  return truncated ? { [key]: text, [`${key}Truncated`]: true } : { [key]: text };
}

const truncatedFlag = z.boolean().optional().describe('True when the text was cut; it ends with "…[truncated N characters]"');

// ---- code scanning

export const codeScanningAlertSchema = z.object({
  number: z.number(),
  state: z.enum(['open', 'dismissed', 'fixed']).nullable(),
  rule: z.object({
    id: z.string().nullable().optional(),
    name: z.string().optional(),
    severity: z.string().nullable().optional(),
    securitySeverityLevel: z.string().nullable().optional(),
    description: z.string().optional(),
  }),
  tool: z.object({ name: z.string().optional(), version: z.string().nullable().optional() }),
  mostRecentInstance: z.object({
    ref: z.string().optional(),
    state: z.string().nullable().optional(),
    commitSha: z.string().optional(),
    message: z.string().optional(),
    path: z.string().optional(),
    startLine: z.number().optional(),
    endLine: z.number().optional(),
  }),
  createdAt: z.string(),
  updatedAt: z.string().optional(),
  fixedAt: z.string().nullable().optional(),
  dismissedBy: z.string().nullable().describe('Login'),
  dismissedAt: z.string().nullable(),
  dismissedReason: z.string().nullable(),
  dismissedComment: z.string().nullable().optional(),
  htmlUrl: z.string(),
});

export function shapeCodeScanningAlert(a: Raw): Shaped<z.output<typeof codeScanningAlertSchema>> {
  const rule = obj(a.rule);
  const tool = obj(a.tool);
  const instance = obj(a.most_recent_instance);
  const location = obj(instance?.location);
  const message = str(obj(instance?.message)?.text);
  return {
    number: num(a.number),
    state: strOrNull(a.state) as 'open' | null | undefined,
    rule: rule && {
      id: strOrNull(rule.id),
      name: str(rule.name),
      severity: strOrNull(rule.severity),
      securitySeverityLevel: strOrNull(rule.security_severity_level),
      description: str(rule.description),
    },
    tool: tool && { name: str(tool.name), version: strOrNull(tool.version) },
    mostRecentInstance: instance && {
      ref: str(instance.ref),
      state: strOrNull(instance.state),
      commitSha: str(instance.commit_sha),
      message: message === undefined ? undefined : truncate(message, LIMITS.comment).text,
      path: str(location?.path),
      startLine: num(location?.start_line),
      endLine: num(location?.end_line),
    },
    createdAt: str(a.created_at),
    updatedAt: str(a.updated_at),
    fixedAt: strOrNull(a.fixed_at),
    dismissedBy: userLogin(a.dismissed_by),
    dismissedAt: strOrNull(a.dismissed_at),
    dismissedReason: strOrNull(a.dismissed_reason),
    dismissedComment: strOrNull(a.dismissed_comment),
    htmlUrl: str(a.html_url),
  };
}

/** An alert in a list: flat, with the rule's id and the latest location as "path:line". */
export const codeScanningAlertListItemSchema = z.object({
  number: z.number(),
  state: z.enum(['open', 'dismissed', 'fixed']).nullable(),
  rule: z.string().nullable().optional().describe('Rule id'),
  severity: z.string().nullable().optional().describe('Security severity level, else the rule severity'),
  description: z.string().optional(),
  tool: z.string().optional(),
  location: z.string().optional().describe('path:line of the latest instance'),
  dismissedReason: z.string().nullable(),
  createdAt: z.string(),
  htmlUrl: z.string(),
});

export function shapeCodeScanningAlertListItem(a: Raw): Shaped<z.output<typeof codeScanningAlertListItemSchema>> {
  const rule = obj(a.rule);
  const location = obj(obj(a.most_recent_instance)?.location);
  const path = str(location?.path);
  const line = num(location?.start_line);
  return {
    number: num(a.number),
    state: strOrNull(a.state) as 'open' | null | undefined,
    rule: rule && strOrNull(rule.id),
    severity: rule && (strOrNull(rule.security_severity_level) ?? strOrNull(rule.severity)),
    description: str(rule?.description),
    tool: str(obj(a.tool)?.name),
    location: path === undefined ? undefined : line === undefined ? path : `${path}:${line}`,
    dismissedReason: strOrNull(a.dismissed_reason),
    createdAt: str(a.created_at),
    htmlUrl: str(a.html_url),
  };
}

// ---- secret scanning

export const SECRET_WITHHELD = 'Withheld: start the server with GITHUB_EXPOSE_TOKENS=1 to receive leaked secret values.';

export const secretScanningAlertSchema = z.object({
  number: z.number().optional(),
  state: z.enum(['open', 'resolved']).optional(),
  secretType: z.string().optional(),
  secretTypeDisplayName: z.string().optional(),
  provider: z.string().nullable().optional(),
  secret: z.string().optional().describe('The leaked value; only with GITHUB_EXPOSE_TOKENS=1'),
  secretWithheld: z.string().optional(),
  validity: z.string().optional(),
  publiclyLeaked: z.boolean().nullable().optional(),
  resolution: z.string().nullable().optional(),
  resolvedAt: z.string().nullable().optional(),
  resolvedBy: z.string().nullable().optional().describe('Login'),
  resolutionComment: z.string().nullable().optional(),
  pushProtectionBypassed: z.boolean().nullable().optional(),
  pushProtectionBypassedBy: z.string().nullable().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().nullable().optional(),
  htmlUrl: z.string().optional(),
});

/**
 * A secret scanning alert. The leaked value is kept only when `expose` (GITHUB_EXPOSE_TOKENS);
 * otherwise it is dropped and `secretWithheld` says why.
 */
export function shapeSecretScanningAlert(a: Raw, expose = false): Shaped<z.output<typeof secretScanningAlertSchema>> {
  const secret = str(a.secret);
  return {
    number: num(a.number),
    state: str(a.state) as 'open' | undefined,
    secretType: str(a.secret_type),
    secretTypeDisplayName: str(a.secret_type_display_name),
    provider: strOrNull(a.provider),
    ...(expose && secret !== undefined ? { secret } : { secretWithheld: expose ? 'GitHub sent no secret value.' : SECRET_WITHHELD }),
    validity: str(a.validity),
    publiclyLeaked: a.publicly_leaked === null ? null : bool(a.publicly_leaked),
    resolution: strOrNull(a.resolution),
    resolvedAt: strOrNull(a.resolved_at),
    resolvedBy: userLogin(a.resolved_by),
    resolutionComment: strOrNull(a.resolution_comment),
    pushProtectionBypassed: a.push_protection_bypassed === null ? null : bool(a.push_protection_bypassed),
    pushProtectionBypassedBy: userLogin(a.push_protection_bypassed_by),
    createdAt: str(a.created_at),
    updatedAt: strOrNull(a.updated_at),
    htmlUrl: str(a.html_url),
  };
}

// ---- dependabot

export const dependabotAlertSchema = z.object({
  number: z.number(),
  state: z.enum(['auto_dismissed', 'dismissed', 'fixed', 'open']),
  package: z.object({ ecosystem: z.string().optional(), name: z.string().optional() }).optional(),
  manifestPath: z.string().optional(),
  scope: z.string().nullable().optional(),
  advisory: z.object({
    ghsaId: z.string().optional(),
    cveId: z.string().nullable().optional(),
    summary: z.string().optional(),
    severity: z.string().optional(),
    description: z.string().optional(),
    descriptionTruncated: truncatedFlag,
  }),
  vulnerableVersionRange: z.string().optional(),
  firstPatchedVersion: z.string().nullable().optional(),
  severity: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  fixedAt: z.string().nullable(),
  dismissedAt: z.string().nullable(),
  dismissedBy: z.string().nullable().describe('Login'),
  dismissedReason: z.string().nullable(),
  dismissedComment: z.string().nullable(),
  autoDismissedAt: z.string().nullable().optional(),
  htmlUrl: z.string(),
});

function shapeDependabot(a: Raw, descriptionLimit: number): Shaped<z.output<typeof dependabotAlertSchema>> {
  const dependency = obj(a.dependency);
  const pkg = obj(dependency?.package);
  const advisory = obj(a.security_advisory);
  const vulnerability = obj(a.security_vulnerability);
  const patched = vulnerability?.first_patched_version;
  return {
    number: num(a.number),
    state: str(a.state) as 'open' | undefined,
    package: pkg && { ecosystem: str(pkg.ecosystem), name: str(pkg.name) },
    manifestPath: str(dependency?.manifest_path),
    scope: strOrNull(dependency?.scope),
    advisory: advisory && {
      ghsaId: str(advisory.ghsa_id),
      cveId: strOrNull(advisory.cve_id),
      summary: str(advisory.summary),
      severity: str(advisory.severity),
      ...(descriptionLimit > 0 ? textFields(advisory.description, descriptionLimit) : {}),
    },
    vulnerableVersionRange: str(vulnerability?.vulnerable_version_range),
    firstPatchedVersion: patched === null ? null : str(obj(patched)?.identifier),
    severity: str(vulnerability?.severity),
    createdAt: str(a.created_at),
    updatedAt: str(a.updated_at),
    fixedAt: strOrNull(a.fixed_at),
    dismissedAt: strOrNull(a.dismissed_at),
    dismissedBy: userLogin(a.dismissed_by),
    dismissedReason: strOrNull(a.dismissed_reason),
    dismissedComment: strOrNull(a.dismissed_comment),
    autoDismissedAt: strOrNull(a.auto_dismissed_at),
    htmlUrl: str(a.html_url),
  };
}

/** In a list: the advisory without its description. */
export const shapeDependabotAlertListItem = (a: Raw) => shapeDependabot(a, 0);
export const shapeDependabotAlert = (a: Raw) => shapeDependabot(a, LIMITS.body);

// ---- advisories

const vulnerabilitySchema = z.object({
  ecosystem: z.string().optional(),
  package: z.string().nullable().optional(),
  vulnerableVersionRange: z.string().nullable().optional(),
  patched: z.string().nullable().optional().describe('First patched version (global) or patched versions (repository)'),
});

function shapeVulnerabilities(value: unknown, patchedKey: 'first_patched_version' | 'patched_versions') {
  if (value === null) return null;
  if (!Array.isArray(value)) return undefined;
  return value.map((v: unknown) => {
    const item = obj(v) ?? {};
    const pkg = item.package === null ? null : obj(item.package);
    return {
      ecosystem: str(pkg?.ecosystem),
      package: pkg === null ? null : strOrNull(pkg?.name),
      vulnerableVersionRange: strOrNull(item.vulnerable_version_range),
      patched: strOrNull(item[patchedKey]),
    };
  });
}

const advisoryCommon = {
  ghsaId: z.string(),
  cveId: z.string().nullable(),
  summary: z.string(),
  description: z.string().nullable().optional(),
  descriptionTruncated: truncatedFlag,
  severity: z.string().nullable(),
  cvssScore: z.number().nullable().optional(),
  cwes: z.array(z.string()).optional().describe('CWE ids'),
  vulnerabilities: z.array(vulnerabilitySchema).nullable(),
  htmlUrl: z.string(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
};

export const globalAdvisorySchema = z.object({
  ...advisoryCommon,
  type: z.enum(['reviewed', 'unreviewed', 'malware']),
  sourceCodeLocation: z.string().nullable(),
  references: z.array(z.string()).nullable().optional(),
});

function cvssScore(a: Raw): number | null | undefined {
  const cvss = a.cvss === null ? null : obj(a.cvss);
  if (cvss === null) return null;
  return cvss?.score === null ? null : num(cvss?.score);
}

function cweIds(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((c: unknown) => (typeof c === 'string' ? [c] : str(obj(c)?.cwe_id) ? [str(obj(c)?.cwe_id) as string] : []));
}

function shapeGlobal(a: Raw, descriptionLimit: number): Shaped<z.output<typeof globalAdvisorySchema>> {
  return {
    ghsaId: str(a.ghsa_id),
    cveId: strOrNull(a.cve_id),
    summary: str(a.summary),
    ...(descriptionLimit > 0 ? textFields(a.description, descriptionLimit) : {}),
    type: str(a.type) as 'reviewed' | undefined,
    severity: strOrNull(a.severity),
    cvssScore: cvssScore(a),
    cwes: cweIds(a.cwes),
    vulnerabilities: shapeVulnerabilities(a.vulnerabilities, 'first_patched_version'),
    sourceCodeLocation: strOrNull(a.source_code_location),
    ...(descriptionLimit > LIMITS.listBody ? { references: a.references === null ? null : Array.isArray(a.references) ? a.references.filter((r): r is string => typeof r === 'string') : undefined } : {}),
    htmlUrl: str(a.html_url),
    publishedAt: strOrNull(a.published_at),
    updatedAt: strOrNull(a.updated_at),
    withdrawnAt: strOrNull(a.withdrawn_at),
  };
}

/** In a list: without the description (the summary says what it is). */
export const shapeGlobalAdvisoryListItem = (a: Raw) => shapeGlobal(a, 0);
export const shapeGlobalAdvisory = (a: Raw) => shapeGlobal(a, LIMITS.body);

export const repositoryAdvisorySchema = z.object({
  ...advisoryCommon,
  state: z.enum(['published', 'closed', 'withdrawn', 'draft', 'triage']),
  author: z.string().nullable().describe('Login'),
  publisher: z.string().nullable().describe('Login'),
  createdAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});

export function shapeRepositoryAdvisory(a: Raw): Shaped<z.output<typeof repositoryAdvisorySchema>> {
  return {
    ghsaId: str(a.ghsa_id),
    cveId: strOrNull(a.cve_id),
    summary: str(a.summary),
    ...textFields(a.description, LIMITS.listBody),
    state: str(a.state) as 'published' | undefined,
    severity: strOrNull(a.severity),
    cvssScore: cvssScore(a),
    cwes: cweIds(Array.isArray(a.cwe_ids) ? a.cwe_ids : a.cwes),
    vulnerabilities: shapeVulnerabilities(a.vulnerabilities, 'patched_versions'),
    author: userLogin(a.author),
    publisher: userLogin(a.publisher),
    htmlUrl: str(a.html_url),
    createdAt: strOrNull(a.created_at),
    publishedAt: strOrNull(a.published_at),
    updatedAt: strOrNull(a.updated_at),
    closedAt: strOrNull(a.closed_at),
    withdrawnAt: strOrNull(a.withdrawn_at),
  };
}

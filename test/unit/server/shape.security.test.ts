import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerFrom, content, PRESENT_ONLY, runTool, slashedRouteOf, testConfig, validators, variantsBy, type Exchange, type Json } from '../../support/openapiExamples';

/*
 * The security tools' shapers against GitHub's own OpenAPI examples: each tool's real handler
 * runs on a fetch that answers from the examples (as given, stripped to the fields the
 * response schema requires, and with every nullable field null), and its result must validate
 * against the JSON Schema the tool advertises (ajv strict) and mirror the payload's fields.
 * A list result must stay at most a quarter of GitHub's JSON.
 */

// Only nullable fields the payload has are nulled (PRESENT_ONLY), and no 'required-only, nulled' variant.
const VARIANTS = variantsBy(PRESENT_ONLY, ['full', 'required-only', 'nulled']);
type Variant = keyof typeof VARIANTS;

/** The handler on `exchanges` (a last {path} or {ref} may hold slashes; `link` on every answer); the result must meet the advertised schema. */
async function run(name: string, args: Json, exchanges: Exchange[], options: { exposeTokens?: boolean; link?: string } = {}): Promise<{ out: Json; exposedSecrets?: string[] }> {
  const config = testConfig({ readOnlyToolsets: [], exposeTokens: options.exposeTokens === true });
  const { out, output } = await runTool(name, args, answerFrom(exchanges, { route: slashedRouteOf, headers: options.link ? { link: options.link } : {} }), { config });
  const { advertised } = validators(name);
  assert.ok(advertised(out), `${name}: ${JSON.stringify(advertised.errors?.slice(0, 5))}`);
  return { out, exposedSecrets: output.exposedSecrets };
}

/** A payload in one variant, rewritten against its own response schema. */
function variantOf(variant: Variant, op: string, data: unknown): unknown {
  return VARIANTS[variant](structuredClone(data), content(op, 200).schema);
}

const owner = { owner: 'octocat', repo: 'Hello-World' };
const variants = Object.keys(VARIANTS) as Variant[];

/** What GitHub sent, or nothing where it sent nothing. */
function mirrors(actual: unknown, raw: unknown, what: string): void {
  if (raw === undefined) assert.equal(actual, undefined, `${what}: not made up`);
  else assert.deepEqual(actual, raw, what);
}

const loginOf = (user: Json | null | undefined) => (user === undefined ? undefined : (user?.login ?? null));

interface Case {
  tool: string;
  op: string;
  args: Json;
  /** Checks one shaped item against its raw item. */
  check(out: Json, raw: Json): void;
  list?: boolean;
}

function checkCodeAlert(out: Json, raw: Json): void {
  mirrors(out.number, raw.number, 'number');
  mirrors(out.state, raw.state, 'state');
  mirrors(out.htmlUrl, raw.html_url, 'htmlUrl');
  mirrors(out.createdAt, raw.created_at, 'createdAt');
  mirrors(out.dismissedReason, raw.dismissed_reason, 'dismissedReason');
  assert.equal(out.dismissedBy, loginOf(raw.dismissed_by), 'dismissedBy');
  mirrors(out.rule?.id, raw.rule?.id, 'rule.id');
  mirrors(out.rule?.securitySeverityLevel, raw.rule?.security_severity_level, 'rule.securitySeverityLevel');
  mirrors(out.tool?.name, raw.tool?.name, 'tool.name');
  mirrors(out.mostRecentInstance?.ref, raw.most_recent_instance?.ref, 'mostRecentInstance.ref');
  mirrors(out.mostRecentInstance?.path, raw.most_recent_instance?.location?.path, 'mostRecentInstance.path');
  mirrors(out.mostRecentInstance?.startLine, raw.most_recent_instance?.location?.start_line, 'mostRecentInstance.startLine');
}

function checkSecretAlert(out: Json, raw: Json): void {
  mirrors(out.number, raw.number, 'number');
  mirrors(out.state, raw.state, 'state');
  mirrors(out.secretType, raw.secret_type, 'secretType');
  mirrors(out.resolution, raw.resolution, 'resolution');
  assert.equal(out.resolvedBy, loginOf(raw.resolved_by), 'resolvedBy');
  mirrors(out.htmlUrl, raw.html_url, 'htmlUrl');
  // Withheld: these runs are without GITHUB_EXPOSE_TOKENS.
  assert.equal(out.secret, undefined, 'secret withheld');
  assert.equal(typeof out.secretWithheld, 'string');
  if (typeof raw.secret === 'string' && raw.secret.length >= 4) assert.ok(!JSON.stringify(out).includes(raw.secret), 'the secret appears nowhere');
}

function checkDependabotAlert(out: Json, raw: Json): void {
  mirrors(out.number, raw.number, 'number');
  mirrors(out.state, raw.state, 'state');
  mirrors(out.package?.name, raw.dependency?.package?.name, 'package.name');
  mirrors(out.manifestPath, raw.dependency?.manifest_path, 'manifestPath');
  mirrors(out.advisory?.ghsaId, raw.security_advisory?.ghsa_id, 'advisory.ghsaId');
  mirrors(out.advisory?.severity, raw.security_advisory?.severity, 'advisory.severity');
  mirrors(out.vulnerableVersionRange, raw.security_vulnerability?.vulnerable_version_range, 'vulnerableVersionRange');
  const patched = raw.security_vulnerability?.first_patched_version;
  assert.equal(out.firstPatchedVersion, patched === null ? null : patched?.identifier, 'firstPatchedVersion');
  mirrors(out.dismissedReason, raw.dismissed_reason, 'dismissedReason');
  assert.equal(out.dismissedBy, loginOf(raw.dismissed_by), 'dismissedBy');
  mirrors(out.fixedAt, raw.fixed_at, 'fixedAt');
  mirrors(out.htmlUrl, raw.html_url, 'htmlUrl');
}

function checkAdvisory(out: Json, raw: Json): void {
  mirrors(out.ghsaId, raw.ghsa_id, 'ghsaId');
  mirrors(out.cveId, raw.cve_id, 'cveId');
  mirrors(out.summary, raw.summary, 'summary');
  mirrors(out.severity, raw.severity, 'severity');
  mirrors(out.htmlUrl, raw.html_url, 'htmlUrl');
  mirrors(out.withdrawnAt, raw.withdrawn_at, 'withdrawnAt');
  if (raw.vulnerabilities === null) assert.equal(out.vulnerabilities, null);
  else if (Array.isArray(raw.vulnerabilities)) {
    assert.deepEqual(out.vulnerabilities.map((v: Json) => v.package), raw.vulnerabilities.map((v: Json) => (v.package === null ? null : v.package?.name)), 'vulnerabilities');
  }
  if (typeof raw.cvss?.score === 'number') assert.equal(out.cvssScore, raw.cvss.score);
  if (typeof raw.description === 'string' && out.description !== undefined) assert.ok(raw.description.startsWith(String(out.description).replace(/…\[truncated \d+ characters\]$/, '')), 'description');
}

function checkCodeAlertListItem(out: Json, raw: Json): void {
  mirrors(out.number, raw.number, 'number');
  mirrors(out.state, raw.state, 'state');
  mirrors(out.htmlUrl, raw.html_url, 'htmlUrl');
  mirrors(out.rule, raw.rule?.id, 'rule');
  mirrors(out.tool, raw.tool?.name, 'tool');
  mirrors(out.dismissedReason, raw.dismissed_reason, 'dismissedReason');
  const location = raw.most_recent_instance?.location;
  assert.equal(out.location, location?.path === undefined ? undefined : location.start_line === undefined ? location.path : `${location.path}:${location.start_line}`, 'location');
}

const cases: Case[] = [
  { tool: 'list_code_scanning_alerts', op: 'code-scanning/list-alerts-for-repo', args: owner, check: checkCodeAlertListItem, list: true },
  { tool: 'get_code_scanning_alert', op: 'code-scanning/get-alert', args: { ...owner, alertNumber: 42 }, check: checkCodeAlert },
  { tool: 'list_secret_scanning_alerts', op: 'secret-scanning/list-alerts-for-repo', args: owner, check: checkSecretAlert, list: true },
  { tool: 'get_secret_scanning_alert', op: 'secret-scanning/get-alert', args: { ...owner, alertNumber: 42 }, check: checkSecretAlert },
  { tool: 'list_dependabot_alerts', op: 'dependabot/list-alerts-for-repo', args: owner, check: checkDependabotAlert, list: true },
  { tool: 'get_dependabot_alert', op: 'dependabot/get-alert', args: { ...owner, alertNumber: 2 }, check: checkDependabotAlert },
  { tool: 'list_global_security_advisories', op: 'security-advisories/list-global-advisories', args: {}, check: (out, raw) => (checkAdvisory(out, raw), assert.equal(out.description, undefined, 'lists leave descriptions out')), list: true },
  { tool: 'get_global_security_advisory', op: 'security-advisories/get-global-advisory', args: { ghsa_id: 'GHSA-abcd-1234-efgh' }, check: (out, raw) => (checkAdvisory(out, raw), assert.equal(out.description, raw.description, 'description')) },
  { tool: 'list_repository_security_advisories', op: 'security-advisories/list-repository-advisories', args: owner, check: (out, raw) => (checkAdvisory(out, raw), mirrors(out.state, raw.state, 'state')), list: true },
  { tool: 'list_org_repository_security_advisories', op: 'security-advisories/list-org-repository-advisories', args: { org: 'octo-org' }, check: (out, raw) => (checkAdvisory(out, raw), assert.equal(out.author, loginOf(raw.author), 'author')), list: true },
];

describe('security shapers against the OpenAPI examples', () => {
  for (const c of cases) {
    for (const variant of variants) {
      it(`${c.tool} · ${c.op} (every example) · ${variant}`, async () => {
        const examples = Object.values(content(c.op, 200).examples);
        assert.ok(examples.length > 0, `${c.op} has no example`);
        for (const example of examples) {
          const data = variantOf(variant, c.op, example);
          const { out } = await run(c.tool, c.args, [{ op: c.op, data }]);
          if (!c.list) {
            c.check(out, data as Json);
            continue;
          }
          const raw = data as Json[];
          assert.equal(out.items.length, raw.length);
          out.items.forEach((item: Json, i: number) => c.check(item, raw[i]));
          if (variant === 'full') {
            const [shaped, sent] = [JSON.stringify(out.items).length, JSON.stringify(raw).length];
            assert.ok(shaped <= sent / 4, `${c.tool}: ${shaped} of ${sent} characters`);
          }
        }
      });
    }
  }
});

describe('security shapers: secrets and cursors', () => {
  const alert = () => structuredClone(Object.values(content('secret-scanning/get-alert', 200).examples)[0]) as Json;

  it('get_secret_scanning_alert returns the secret with GITHUB_EXPOSE_TOKENS and lists it as an exposed secret', async () => {
    const raw = alert();
    assert.equal(typeof raw.secret, 'string');
    const { out, exposedSecrets } = await run('get_secret_scanning_alert', { ...owner, alertNumber: 42 }, [{ op: 'secret-scanning/get-alert', data: raw }], { exposeTokens: true });
    assert.equal(out.secret, raw.secret);
    assert.equal(out.secretWithheld, undefined);
    assert.deepEqual(exposedSecrets, [raw.secret]);
  });

  it('a withheld secret is scrubbed from every other field that quotes it', async () => {
    const raw = { ...alert(), secret: 'shapeless-secret-9f8e7d', resolution_comment: 'Rotated shapeless-secret-9f8e7d today' };
    const { out, exposedSecrets } = await run('get_secret_scanning_alert', { ...owner, alertNumber: 42 }, [{ op: 'secret-scanning/get-alert', data: raw }]);
    assert.equal(out.resolutionComment, 'Rotated [withheld] today');
    assert.ok(!JSON.stringify(out).includes('shapeless-secret-9f8e7d'));
    assert.equal(exposedSecrets, undefined);
  });

  it('list_dependabot_alerts reads the next cursor from the Link header', async () => {
    const data = Object.values(content('dependabot/list-alerts-for-repo', 200).examples)[0];
    const link = '<https://api.github.com/repositories/1/dependabot/alerts?per_page=2&after=Y3Vyc29yOjI%3D>; rel="next"';
    const { out } = await run('list_dependabot_alerts', { ...owner, perPage: 2 }, [{ op: 'dependabot/list-alerts-for-repo', data }], { link });
    assert.deepEqual([out.hasNextPage, out.nextCursor, out.perPage], [true, 'Y3Vyc29yOjI=', 2]);
    const last = await run('list_dependabot_alerts', { ...owner }, [{ op: 'dependabot/list-alerts-for-repo', data }]);
    assert.deepEqual([last.out.hasNextPage, last.out.nextCursor], [false, undefined]);
  });
});

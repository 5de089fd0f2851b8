import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Octokit } from '@octokit/rest';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { z } from 'zod';
import { createTokenAuth } from '../../../src/core/auth/token';
import type { GitHub } from '../../../src/core/github';
import { Secret } from '../../../src/core/secret';
import type { ServerConfig } from '../../../src/server/config';
import { describeTool } from '../../../src/server/tools/catalog';
import { ALL_TOOLS } from '../../../src/server/tools/all';

/*
 * The security tools' shapers against GitHub's own OpenAPI examples: each tool's real handler
 * runs on a fetch that answers from the examples (as given, stripped to the fields the
 * response schema requires, and with every nullable field null), and its result must validate
 * against the JSON Schema the tool advertises (ajv strict) and mirror the payload's fields.
 * A list result must stay at most a quarter of GitHub's JSON.
 */

type Json = Record<string, any>;
const root = join(__dirname, '..', '..', '..');
const spec = JSON.parse(readFileSync(join(root, 'node_modules/@octokit/openapi/generated/api.github.com.json'), 'utf8'));

interface Operation {
  method: string;
  path: string;
  responses: Json;
}
const operations = new Map<string, Operation>();
for (const [path, item] of Object.entries<Json>(spec.paths)) {
  for (const [method, op] of Object.entries<Json>(item)) if (op?.operationId) operations.set(op.operationId, { method: method.toUpperCase(), path, responses: op.responses });
}

function deref(node: Json | undefined): Json | undefined {
  let current = node;
  for (let i = 0; current && typeof current.$ref === 'string' && i < 20; i++) {
    const [, , kind, name] = current.$ref.split('/');
    current = spec.components[kind]?.[name];
  }
  return current;
}

function content(op: string, status: number): { schema: Json; examples: Record<string, unknown> } {
  const o = operations.get(op);
  assert.ok(o, `no operation ${op}`);
  const json = deref(o.responses[String(status)])?.content?.['application/json'];
  assert.ok(json?.schema, `${op} ${status} has no JSON schema`);
  const examples = Object.fromEntries(Object.entries<Json>(json.examples ?? {}).map(([name, ex]) => [name, deref(ex)?.value]));
  return { schema: json.schema, examples };
}

function example(op: string, status = 200): Json {
  const found = Object.values(content(op, status).examples)[0];
  assert.ok(found, `${op} has no example`);
  return structuredClone(found) as Json;
}

/** The object schema of a value: allOf merged, the oneOf/anyOf branch whose required fields it has. */
function objectSchema(schema: Json | undefined, value: unknown): Json | undefined {
  const s = deref(schema);
  if (!s) return undefined;
  if (s.allOf) {
    const parts = s.allOf.map((p: Json) => objectSchema(p, value)).filter(Boolean) as Json[];
    return { nullable: s.nullable, properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})), required: parts.flatMap((p) => p.required ?? []) };
  }
  const branches = s.oneOf ?? s.anyOf;
  if (branches) {
    const keys = value && typeof value === 'object' ? Object.keys(value) : [];
    const fit = branches.map((b: Json) => objectSchema(b, value)).find((b: Json | undefined) => b && (b.required ?? []).every((k: string) => keys.includes(k)));
    return fit ?? objectSchema(branches[0], value);
  }
  return s;
}

/** Only the fields the schema requires, at every depth. */
function requiredOnly(value: unknown, schema: Json | undefined): unknown {
  const s = objectSchema(schema, value);
  if (Array.isArray(value)) return value.map((v) => requiredOnly(v, s?.items));
  if (!value || typeof value !== 'object' || !s?.properties) return value;
  const out: Json = {};
  for (const key of s.required ?? []) if (key in (value as Json)) out[key] = requiredOnly((value as Json)[key], s.properties[key]);
  return out;
}

/** Every nullable field null, at every depth. */
function nulled(value: unknown, schema: Json | undefined): unknown {
  const s = objectSchema(schema, value);
  if (Array.isArray(value)) return value.map((v) => nulled(v, s?.items));
  if (!value || typeof value !== 'object' || !s?.properties) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value as Json)) {
    const field = deref(s.properties[key]);
    out[key] = field?.nullable ? null : nulled(v, field);
  }
  return out;
}

const VARIANTS = { full: (v: unknown) => v, 'required-only': requiredOnly, nulled } as const;
type Variant = keyof typeof VARIANTS;

interface Exchange {
  op: string;
  status?: number;
  data: unknown;
}

function routeOf(op: Operation): RegExp {
  const pattern = op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\/\{(path|ref)\}$/, '(?:/.*)?').replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`^${pattern}$`);
}

const tools = new Map(ALL_TOOLS.map((t) => [t.name, t]));
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

async function run(name: string, args: Json, exchanges: Exchange[], options: { exposeTokens?: boolean; link?: string } = {}): Promise<{ out: Json; exposedSecrets?: string[] }> {
  const tool = tools.get(name);
  assert.ok(tool, `no tool ${name}`);
  const fetch = async (url: string | URL, init?: { method?: string }) => {
    const { pathname } = new URL(String(url));
    const method = (init?.method ?? 'GET').toUpperCase();
    const hit = exchanges.find((e) => operations.get(e.op)?.method === method && routeOf(operations.get(e.op) as Operation).test(pathname));
    if (!hit) return new Response(JSON.stringify({ message: `test: no payload for ${method} ${pathname}` }), { status: 599, headers: { 'content-type': 'application/json' } });
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', ...(options.link ? { link: options.link } : {}) };
    return new Response(JSON.stringify(hit.data), { status: hit.status ?? 200, headers });
  };
  const octokit = new Octokit({ baseUrl: 'https://api.github.com', request: { fetch, retries: 0 } });
  const github = { isApp: false, auth: createTokenAuth(new Secret('test-token-not-real')), client: async () => octokit, forRepo: async () => octokit, forOwner: async () => octokit, forSearch: async () => octokit, forAnyone: async () => octokit };
  const config = { core: { perPage: 30, apiUrl: 'https://api.github.com' }, readOnly: false, readOnlyToolsets: [], exposeTokens: options.exposeTokens === true } as unknown as ServerConfig;
  const output = await tool.handler(z.object(tool.input).parse(args) as never, { github: github as unknown as GitHub, config, log: { debug() {}, info() {}, warn() {}, error() {} } as never });
  assert.ok(output.data, `${name} returned no data`);
  const out = JSON.parse(JSON.stringify(output.data)) as Json;
  let validate = validators.get(name);
  if (!validate) validators.set(name, (validate = ajv.compile(describeTool(tool).outputSchema as Json)));
  assert.ok(validate(out), `${name}: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
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

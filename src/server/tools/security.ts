import { z } from 'zod';
import { isRequestError } from '../../core/client/errors';
import { GitHubError } from '../../core/errors';
import { registerSecret } from '../../core/redact';
import { cursorPagination, defineTool, ownerRepo, pagination, READ, type ToolOutput } from './defineTool';
import {
  about,
  codeScanningAlertListItemSchema,
  codeScanningAlertSchema,
  dependabotAlertSchema,
  listOutput,
  objectAnswer,
  perPageOf,
  secretScanningAlertSchema,
  shapeCodeScanningAlert,
  shapeCodeScanningAlertListItem,
  shapeDependabotAlert,
  shapeDependabotAlertListItem,
  shapeEach,
  shapeSecretScanningAlert,
  toPage,
  cursorOutput,
  cursorPage,
} from './shape';

/*
 * Security alerts: code scanning, secret scanning, Dependabot. All reads of one repository,
 * so an unpinned App acts as the installation covering it. Leaked secret values are
 * withheld unless the server runs with GITHUB_EXPOSE_TOKENS=1. GitHub is not asked to hide
 * them (hide_secret): a withheld value must be known to be scrubbed from the rest of the
 * alert (a resolution comment quoting it), and to be registered with the redactor so no
 * log line or error repeats it.
 */

const alertNumber = z.number().int().positive();

type Raw = Record<string, unknown>;

/** The secret values of alerts, which the run pipeline lets through only under GITHUB_EXPOSE_TOKENS. */
function secretsOf(alerts: readonly unknown[]): string[] {
  return alerts.flatMap((a) => {
    const secret = (a as { secret?: unknown } | null)?.secret;
    return typeof secret === 'string' && secret !== '' ? [secret] : [];
  });
}

/**
 * Withheld secrets must not surface elsewhere in the result either (a resolution comment that
 * quotes the secret): every string is scrubbed of them.
 */
export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
  const long = secrets.filter((s) => s.length >= 4);
  if (long.length === 0) return value;
  const scrub = (v: unknown): unknown => {
    if (typeof v === 'string') return long.reduce((text, s) => text.split(s).join('[withheld]'), v);
    if (Array.isArray(v)) return v.map(scrub);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, scrub(item)]));
    return v;
  };
  return scrub(value) as T;
}

function secretResult(data: Record<string, unknown>, raw: readonly unknown[], expose: boolean): ToolOutput {
  const secrets = secretsOf(raw);
  if (expose) return { data, exposedSecrets: secrets };
  for (const secret of secrets) registerSecret(secret, true);
  return { data: scrubSecrets(data, secrets) };
}

/**
 * GitHub answers 404 both for a missing alert and for a repository with secret scanning off;
 * the generic 404 text would hide the second, so its own message is kept.
 */
async function aboutSecretScanning<T>(resource: string, owner: string, repo: string, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    const message = isRequestError(error) ? (error as { response?: { data?: { message?: unknown } } }).response?.data?.message : undefined;
    if (typeof message === 'string' && /secret scanning is disabled/i.test(message)) {
      throw new GitHubError('not_found', `Secret scanning is disabled on ${owner}/${repo} (404: ${message.slice(0, 200)}). A repository admin can enable it.`, { status: 404 });
    }
    return about(resource, Promise.reject(error));
  }
}

const codeSecurity = { permissions: { security_events: 'read' }, scope: 'security_events' } as const;
const secretProtection = { permissions: { secret_scanning_alerts: 'read' }, scope: 'security_events' } as const;
const dependabotNeeds = { permissions: { vulnerability_alerts: 'read' }, scope: 'security_events' } as const;

export const securityTools = [
  defineTool({
    name: 'list_code_scanning_alerts',
    toolset: 'code_security',
    title: 'List code scanning alerts',
    description: 'Code scanning alerts of a repository (default branch unless `ref`): rule, severity, tool, state, latest location.',
    input: {
      ...ownerRepo,
      state: z.enum(['open', 'closed', 'dismissed', 'fixed']).optional(),
      ref: z.string().optional().describe('Git ref, e.g. refs/heads/main or refs/pull/1/merge (default: the default branch)'),
      severity: z.enum(['critical', 'high', 'medium', 'low', 'warning', 'note', 'error']).optional(),
      tool_name: z.string().min(1).max(200).optional().describe('e.g. CodeQL'),
      ...pagination,
    },
    output: listOutput(codeScanningAlertListItemSchema),
    annotations: READ,
    needs: codeSecurity,
    async handler(args, ctx) {
      const { owner, repo, state, ref, severity, tool_name, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(
        `code scanning alerts of ${owner}/${repo}`,
        client.rest.codeScanning.listAlertsForRepo({ owner, repo, state: state as 'open' | undefined, ref, severity, tool_name, page, per_page: perPage }),
      );
      return { data: toPage(shapeEach(response.data as unknown as Raw[], shapeCodeScanningAlertListItem), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'get_code_scanning_alert',
    toolset: 'code_security',
    title: 'Get a code scanning alert',
    description: 'One code scanning alert by number, with rule description and latest location.',
    input: { ...ownerRepo, alertNumber },
    output: codeScanningAlertSchema.shape,
    annotations: READ,
    needs: codeSecurity,
    async handler({ owner, repo, alertNumber: alert_number }, { github }) {
      const client = await github.forRepo(owner, repo);
      const what = `code scanning alert ${alert_number} of ${owner}/${repo}`;
      const { data } = await about(what, client.rest.codeScanning.getAlert({ owner, repo, alert_number }));
      return { data: shapeCodeScanningAlert(objectAnswer(data, what) as unknown as Raw) };
    },
  }),

  defineTool({
    name: 'list_secret_scanning_alerts',
    toolset: 'secret_protection',
    title: 'List secret scanning alerts',
    description: 'Secret scanning alerts of a repository: secret type, validity, state and resolution. The secret value is withheld unless the server runs with GITHUB_EXPOSE_TOKENS=1.',
    input: {
      ...ownerRepo,
      state: z.enum(['open', 'resolved']).optional(),
      secret_type: z.string().min(1).max(1000).optional().describe('Comma-separated secret types, e.g. github_personal_access_token'),
      resolution: z.enum(['false_positive', 'wont_fix', 'revoked', 'pattern_edited', 'pattern_deleted', 'used_in_tests']).optional(),
      ...pagination,
    },
    output: listOutput(secretScanningAlertSchema),
    annotations: READ,
    needs: secretProtection,
    async handler(args, ctx) {
      const { owner, repo, state, secret_type, resolution, page } = args;
      const perPage = perPageOf(args, ctx);
      const expose = ctx.config.exposeTokens;
      const client = await ctx.github.forRepo(owner, repo);
      const response = await aboutSecretScanning(
        `secret scanning alerts of ${owner}/${repo}`,
        owner,
        repo,
        client.rest.secretScanning.listAlertsForRepo({ owner, repo, state, secret_type, resolution, page, per_page: perPage }),
      );
      const raw = (Array.isArray(response.data) ? response.data : []) as unknown[];
      const items = shapeEach(response.data as unknown as Raw[], (a) => shapeSecretScanningAlert(a, expose));
      return secretResult(toPage(items, response, page, perPage), raw, expose);
    },
  }),

  defineTool({
    name: 'get_secret_scanning_alert',
    toolset: 'secret_protection',
    title: 'Get a secret scanning alert',
    description: 'One secret scanning alert by number. The secret value is withheld unless the server runs with GITHUB_EXPOSE_TOKENS=1.',
    input: { ...ownerRepo, alertNumber },
    output: secretScanningAlertSchema.shape,
    annotations: READ,
    needs: secretProtection,
    async handler({ owner, repo, alertNumber: alert_number }, ctx) {
      const expose = ctx.config.exposeTokens;
      const client = await ctx.github.forRepo(owner, repo);
      const what = `secret scanning alert ${alert_number} of ${owner}/${repo}`;
      const { data } = await aboutSecretScanning(what, owner, repo, client.rest.secretScanning.getAlert({ owner, repo, alert_number }));
      const alert = objectAnswer(data, what) as unknown as Raw;
      return secretResult(shapeSecretScanningAlert(alert, expose) as Record<string, unknown>, [alert], expose);
    },
  }),

  defineTool({
    name: 'list_dependabot_alerts',
    toolset: 'dependabot',
    title: 'List Dependabot alerts',
    description: 'Dependabot alerts of a repository: package, advisory, vulnerable range, first patched version, state and dismissal.',
    input: {
      ...ownerRepo,
      state: z.string().regex(/^(auto_dismissed|dismissed|fixed|open)(,(auto_dismissed|dismissed|fixed|open))*$/).optional().describe('Comma-separated: open, fixed, dismissed, auto_dismissed'),
      severity: z.string().regex(/^(low|medium|high|critical)(,(low|medium|high|critical))*$/).optional().describe('Comma-separated: low, medium, high, critical'),
      ecosystem: z.string().min(1).max(200).optional().describe('Comma-separated, e.g. npm,pip'),
      package: z.string().min(1).max(1000).optional().describe('Comma-separated package names'),
      ...cursorPagination,
    },
    output: cursorOutput(dependabotAlertSchema),
    annotations: READ,
    needs: dependabotNeeds,
    async handler(args, ctx) {
      const { owner, repo, state, severity, ecosystem, after } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(
        `Dependabot alerts of ${owner}/${repo}`,
        client.rest.dependabot.listAlertsForRepo({ owner, repo, state, severity, ecosystem, package: args.package, after, per_page: perPage }),
      );
      return { data: cursorPage(shapeEach(response.data as unknown as Raw[], shapeDependabotAlertListItem), response, perPage) };
    },
  }),

  defineTool({
    name: 'get_dependabot_alert',
    toolset: 'dependabot',
    title: 'Get a Dependabot alert',
    description: 'One Dependabot alert by number, with the advisory description.',
    input: { ...ownerRepo, alertNumber },
    output: dependabotAlertSchema.shape,
    annotations: READ,
    needs: dependabotNeeds,
    async handler({ owner, repo, alertNumber: alert_number }, { github }) {
      const client = await github.forRepo(owner, repo);
      const what = `Dependabot alert ${alert_number} of ${owner}/${repo}`;
      const { data } = await about(what, client.rest.dependabot.getAlert({ owner, repo, alert_number }));
      return { data: shapeDependabotAlert(objectAnswer(data, what) as unknown as Raw) };
    },
  }),
];

import { requireRepo } from '../access';
import { iso } from '../clock';
import { addCheckRun, CHECK_CONCLUSIONS, CHECK_STATUSES } from '../ci';
import { resolveRef } from '../git';
import { bodyObject, json, optString, type Ctx, type Reply } from '../http/context';
import { ghError, missingField, validationFailed } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { CheckRun } from '../model';
import { checkRunJson } from '../render/checks';

// Check runs: list a ref's runs; create one, which only a GitHub App (installation token) may.

const CREATE_DOCS = 'https://docs.github.com/rest/checks/runs#create-a-check-run';
const LIST_DOCS = 'https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference';

function listForRef(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'checks', access: 'read' });
  const commit = resolveRef(repo, ctx.params.ref);
  if (!commit) throw ghError(404, `No commit found for SHA: ${ctx.params.ref}`, LIST_DOCS);
  const q = ctx.query;
  const filter = q.get('filter') ?? 'latest';
  if (filter !== 'latest' && filter !== 'all') throw validationFailed([{ resource: 'CheckRun', field: 'filter', code: 'invalid', value: filter }]);
  const name = q.get('check_name');
  const status = q.get('status');
  const appId = q.get('app_id');
  // Newest first; "latest" keeps the newest run per name.
  let runs = [...(repo.checkRuns ?? [])].filter((r) => r.headSha === commit.sha).reverse();
  if (filter === 'latest') {
    const seen = new Set<string>();
    runs = runs.filter((r) => {
      if (seen.has(r.name)) return false;
      seen.add(r.name);
      return true;
    });
  }
  runs = runs.filter((r) => (!name || r.name === name) && (!status || r.status === status) && (!appId || String(r.appId) === appId));
  return json({ total_count: runs.length, check_runs: paginate(ctx, runs).map((r) => checkRunJson(ctx, repo, r)) });
}

function createCheckRun(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'checks', access: 'write' });
  if (ctx.principal.kind !== 'installation') throw ghError(403, 'You must authenticate via a GitHub App.', CREATE_DOCS);
  const body = bodyObject(ctx);
  const name = optString(body.name);
  const headSha = optString(body.head_sha);
  if (!name) throw missingField('CheckRun', 'name');
  if (!headSha) throw missingField('CheckRun', 'head_sha');
  const commit = resolveRef(repo, headSha);
  if (!commit || commit.sha !== headSha) throw validationFailed([{ resource: 'CheckRun', field: 'head_sha', code: 'invalid', message: `No commit found for SHA: ${headSha}` }]);
  const status = optString(body.status);
  if (status !== undefined && !CHECK_STATUSES.includes(status as CheckRun['status'])) throw validationFailed([{ resource: 'CheckRun', field: 'status', code: 'invalid', value: status }]);
  const conclusion = optString(body.conclusion);
  if (conclusion !== undefined && !CHECK_CONCLUSIONS.includes(conclusion as NonNullable<CheckRun['conclusion']>)) {
    throw validationFailed([{ resource: 'CheckRun', field: 'conclusion', code: 'invalid', value: conclusion }]);
  }
  if ((status === 'completed' || body.completed_at !== undefined) && conclusion === undefined) throw missingField('CheckRun', 'conclusion');
  const output = body.output && typeof body.output === 'object' ? (body.output as Record<string, unknown>) : {};
  if (body.output !== undefined && (optString(output.title) === undefined || optString(output.summary) === undefined)) throw missingField('CheckRun', 'output');
  const run = addCheckRun(ctx.services.world, repo, {
    headSha,
    name,
    appId: ctx.principal.installation.appId,
    status: status as CheckRun['status'] | undefined,
    conclusion: conclusion as CheckRun['conclusion'] | undefined,
    startedAt: optString(body.started_at),
    completedAt: optString(body.completed_at),
    detailsUrl: optString(body.details_url),
    externalId: optString(body.external_id),
    output: { title: optString(output.title), summary: optString(output.summary), text: optString(output.text) },
    date: iso(ctx.services.clock.now()),
  });
  return json(checkRunJson(ctx, repo, run), 201);
}

export function checkRoutes(router: Router): void {
  router.add('GET', '/repos/:owner/:repo/commits/:ref/check-runs', listForRef).add('POST', '/repos/:owner/:repo/check-runs', createCheckRun);
}

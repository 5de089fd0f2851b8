import { requireRepo } from '../access';
import { iso } from '../clock';
import { addStatus, STATUS_STATES, statusesOf, type StatusState } from '../ci';
import { resolveRef } from '../git';
import { actor, bodyObject, json, optString, type Ctx, type Reply } from '../http/context';
import { ghError, missingField, validationFailed } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Repo } from '../model';
import { combinedStatusJson, statusJson } from '../render/checks';

// Commit statuses: create one on a sha, read a ref's combined status and its full list.

const STATUS_DOCS = 'https://docs.github.com/rest/commits/statuses';

function commitOf(repo: Repo, ref: string): string {
  const commit = resolveRef(repo, ref);
  if (!commit) throw ghError(404, `No commit found for SHA: ${ref}`, STATUS_DOCS);
  return commit.sha;
}

function createStatus(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'statuses', access: 'write' });
  const body = bodyObject(ctx);
  const state = optString(body.state);
  if (state === undefined) throw missingField('Status', 'state');
  if (!STATUS_STATES.includes(state as StatusState)) {
    throw validationFailed([{ resource: 'Status', field: 'state', code: 'custom', message: 'state is not included in the list' }]);
  }
  const sha = ctx.params.sha;
  if (!/^[0-9a-f]{40}$/.test(sha) || !repo.commits.has(sha)) throw validationFailed([{ resource: 'Status', field: 'sha', code: 'custom', message: `No commit found for SHA: ${sha}` }]);
  const description = optString(body.description);
  if (description && description.length > 140) {
    throw validationFailed([{ resource: 'Status', field: 'description', code: 'custom', message: 'description is too long (maximum is 140 characters)' }]);
  }
  const status = addStatus(ctx.services.world, repo, {
    sha,
    state: state as StatusState,
    context: optString(body.context) || 'default',
    description: description ?? null,
    targetUrl: optString(body.target_url) ?? null,
    creator: actor(ctx) ?? null,
    date: iso(ctx.services.clock.now()),
  });
  return json(statusJson(ctx, repo, status), 201);
}

const statusesRead = { category: 'statuses' as const, access: 'read' as const };

export function statusRoutes(router: Router): void {
  router
    .add('POST', '/repos/:owner/:repo/statuses/:sha', createStatus)
    .add('GET', '/repos/:owner/:repo/commits/:ref/status', (ctx) => {
      const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, statusesRead);
      return json(combinedStatusJson(ctx, repo, commitOf(repo, ctx.params.ref)));
    })
    .add('GET', '/repos/:owner/:repo/commits/:ref/statuses', (ctx) => {
      const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, statusesRead);
      return json(paginate(ctx, statusesOf(repo, commitOf(repo, ctx.params.ref))).map((s) => statusJson(ctx, repo, s)));
    });
}

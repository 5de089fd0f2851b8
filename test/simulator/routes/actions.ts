import { requireRepo } from '../access';
import { iso } from '../clock';
import { resolveRef } from '../git';
import { actor, bodyObject, json, type Ctx, type Reply } from '../http/context';
import { ghError, notFound, validationFailed } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Repo, Workflow, WorkflowArtifact, WorkflowJob, WorkflowRun } from '../model';
import { nodeId } from '../random';
import { simpleUser } from '../render/accounts';
import { repoJson } from '../render/repos';

// GitHub Actions: workflows, runs (filters), jobs (latest attempt or all), artifacts, job logs
// and artifact archives as 302s to short-lived signed URLs on the other origin, dispatch
// (a queued run), re-runs (a new attempt) and cancel (409 once completed).

const DOCS = 'https://docs.github.com/rest/actions';
const STATUSES = new Set(['queued', 'in_progress', 'completed', 'requested', 'waiting', 'pending']);

function repoFor(ctx: Ctx, access: 'read' | 'write'): Repo {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'actions', access });
  // GitHub documents the full `repo` scope for the writes, public repositories too (public_repo is not enough).
  const p = ctx.principal;
  if (access === 'write' && p.kind === 'user' && (p.token?.kind === 'pat' || p.token?.kind === 'oauth') && !(p.token.scopes ?? []).includes('repo')) throw notFound();
  return repo;
}

function base(ctx: Ctx, repo: Repo): string {
  return `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}`;
}

function workflowJson(ctx: Ctx, repo: Repo, w: Workflow): Record<string, unknown> {
  const full = `${repo.owner.login}/${repo.name}`;
  return {
    id: w.id,
    node_id: nodeId('Workflow', w.id),
    name: w.name,
    path: w.path,
    state: w.state,
    created_at: w.createdAt,
    updated_at: w.updatedAt,
    url: `${base(ctx, repo)}/actions/workflows/${w.id}`,
    html_url: `${ctx.webBase}/${full}/blob/${repo.defaultBranch}/${w.path}`,
    badge_url: `${ctx.webBase}/${full}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
  };
}

function runJson(ctx: Ctx, repo: Repo, r: WorkflowRun): Record<string, unknown> {
  const url = `${base(ctx, repo)}/actions/runs/${r.id}`;
  const workflow = repo.workflows?.find((w) => w.id === r.workflowId);
  const commit = repo.commits.get(r.headSha);
  const repository = repoJson(ctx, repo);
  return {
    id: r.id,
    name: workflow?.name ?? null,
    node_id: nodeId('WorkflowRun', r.id),
    check_suite_id: r.id + 1_000_000,
    check_suite_node_id: nodeId('CheckSuite', r.id + 1_000_000),
    head_branch: r.headBranch,
    head_sha: r.headSha,
    path: workflow?.path ?? '',
    run_number: r.runNumber,
    run_attempt: r.runAttempt,
    event: r.event,
    display_title: r.displayTitle,
    status: r.status,
    conclusion: r.conclusion,
    workflow_id: r.workflowId,
    url,
    html_url: `${ctx.webBase}/${repo.owner.login}/${repo.name}/actions/runs/${r.id}`,
    pull_requests: [],
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    actor: simpleUser(ctx, r.actor),
    triggering_actor: simpleUser(ctx, r.triggeringActor),
    run_started_at: r.runStartedAt,
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${base(ctx, repo)}/check-suites/${r.id + 1_000_000}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: r.runAttempt > 1 ? `${url}/attempts/${r.runAttempt - 1}` : null,
    workflow_url: `${base(ctx, repo)}/actions/workflows/${r.workflowId}`,
    head_commit: commit
      ? { id: commit.sha, tree_id: commit.treeSha, message: commit.message, timestamp: commit.date, author: { name: commit.authorName, email: commit.authorEmail }, committer: { name: commit.authorName, email: commit.authorEmail } }
      : null,
    repository,
    head_repository: repository,
  };
}

function jobJson(ctx: Ctx, repo: Repo, run: WorkflowRun, j: WorkflowJob): Record<string, unknown> {
  const workflow = repo.workflows?.find((w) => w.id === run.workflowId);
  return {
    id: j.id,
    run_id: run.id,
    run_url: `${base(ctx, repo)}/actions/runs/${run.id}`,
    run_attempt: j.runAttempt,
    node_id: nodeId('CheckRun', j.id),
    head_sha: run.headSha,
    url: `${base(ctx, repo)}/actions/jobs/${j.id}`,
    html_url: `${ctx.webBase}/${repo.owner.login}/${repo.name}/actions/runs/${run.id}/job/${j.id}`,
    status: j.status,
    conclusion: j.conclusion,
    created_at: j.createdAt,
    started_at: j.startedAt,
    completed_at: j.completedAt,
    name: j.name,
    steps: j.steps.map((s) => ({ name: s.name, status: s.status, conclusion: s.conclusion, number: s.number, started_at: s.startedAt, completed_at: s.completedAt })),
    check_run_url: `${base(ctx, repo)}/check-runs/${j.id}`,
    labels: ['ubuntu-latest'],
    runner_id: j.status === 'queued' ? null : 1,
    runner_name: j.status === 'queued' ? null : 'GitHub Actions 1',
    runner_group_id: j.status === 'queued' ? null : 0,
    runner_group_name: j.status === 'queued' ? null : 'GitHub Actions',
    workflow_name: workflow?.name ?? null,
    head_branch: run.headBranch,
  };
}

function artifactJson(ctx: Ctx, repo: Repo, run: WorkflowRun, a: WorkflowArtifact): Record<string, unknown> {
  const url = `${base(ctx, repo)}/actions/artifacts/${a.id}`;
  return {
    id: a.id,
    node_id: nodeId('Artifact', a.id),
    name: a.name,
    size_in_bytes: a.sizeInBytes,
    url,
    archive_download_url: `${url}/zip`,
    expired: a.expired,
    created_at: a.createdAt,
    expires_at: a.expiresAt,
    updated_at: a.createdAt,
    digest: null,
    workflow_run: { id: run.id, repository_id: repo.id, head_repository_id: repo.id, head_branch: run.headBranch, head_sha: run.headSha },
  };
}

/** A workflow by id or by file name (ci.yml), as GitHub accepts both. */
function findWorkflow(repo: Repo, idOrFile: string): Workflow {
  const w = (repo.workflows ?? []).find((x) => String(x.id) === idOrFile || x.path.split('/').pop() === idOrFile);
  if (!w) throw notFound();
  return w;
}

function findRun(repo: Repo, id: string): WorkflowRun {
  const run = (repo.workflowRuns ?? []).find((r) => String(r.id) === id);
  if (!run) throw notFound();
  return run;
}

function findJob(repo: Repo, id: string): { run: WorkflowRun; job: WorkflowJob } {
  for (const run of repo.workflowRuns ?? []) {
    const job = run.jobs.find((j) => String(j.id) === id);
    if (job) return { run, job };
  }
  throw notFound();
}

function listRuns(ctx: Ctx, repo: Repo, workflow?: Workflow): Reply {
  let runs = [...(repo.workflowRuns ?? [])].reverse();
  if (workflow) runs = runs.filter((r) => r.workflowId === workflow.id);
  const q = ctx.query;
  const branch = q.get('branch');
  if (branch) runs = runs.filter((r) => r.headBranch === branch);
  const event = q.get('event');
  if (event) runs = runs.filter((r) => r.event === event);
  const who = q.get('actor');
  if (who) runs = runs.filter((r) => r.actor.login.toLowerCase() === who.toLowerCase());
  const sha = q.get('head_sha');
  if (sha) runs = runs.filter((r) => r.headSha === sha);
  const status = q.get('status');
  // status takes a status or a conclusion.
  if (status) runs = runs.filter((r) => (STATUSES.has(status) ? r.status === status : r.conclusion === status));
  return json({ total_count: runs.length, workflow_runs: paginate(ctx, runs).map((r) => runJson(ctx, repo, r)) });
}

function latestJobs(run: WorkflowRun): WorkflowJob[] {
  return run.jobs.filter((j) => j.runAttempt === run.runAttempt);
}

/** A new attempt of the run, queued; `only` picks the jobs to run again (the others are carried over as they ended). */
function newAttempt(ctx: Ctx, run: WorkflowRun, only?: (j: WorkflowJob) => boolean): void {
  const now = iso(ctx.services.clock.now());
  const previous = latestJobs(run);
  run.runAttempt++;
  for (const j of previous) {
    const again = !only || only(j);
    run.jobs.push({
      ...j,
      id: ctx.services.world.id(),
      runAttempt: run.runAttempt,
      ...(again ? { status: 'queued', conclusion: null, createdAt: now, startedAt: now, completedAt: null, steps: [], log: '' } : {}),
    });
  }
  const who = actor(ctx);
  if (who) run.triggeringActor = who;
  run.status = 'queued';
  run.conclusion = null;
  run.updatedAt = now;
  run.runStartedAt = now;
}

export function actionRoutes(router: Router): void {
  router
    .add('GET', '/repos/:owner/:repo/actions/workflows', (ctx) => {
      const repo = repoFor(ctx, 'read');
      const all = repo.workflows ?? [];
      return json({ total_count: all.length, workflows: paginate(ctx, all).map((w) => workflowJson(ctx, repo, w)) });
    })
    .add('GET', '/repos/:owner/:repo/actions/workflows/:workflow_id/runs', (ctx) => {
      const repo = repoFor(ctx, 'read');
      return listRuns(ctx, repo, findWorkflow(repo, ctx.params.workflow_id));
    })
    .add('POST', '/repos/:owner/:repo/actions/workflows/:workflow_id/dispatches', (ctx) => {
      const repo = repoFor(ctx, 'write');
      const workflow = findWorkflow(repo, ctx.params.workflow_id);
      const body = bodyObject(ctx);
      if (typeof body.ref !== 'string') throw validationFailed([], 'Invalid request.\n\n"ref" wasn\'t supplied.');
      if (body.inputs !== undefined && (typeof body.inputs !== 'object' || body.inputs === null || Array.isArray(body.inputs))) {
        throw ghError(422, 'Invalid request.\n\nFor \'properties/inputs\', "' + String(body.inputs) + '" is not an object.', `${DOCS}/workflows#create-a-workflow-dispatch-event`);
      }
      if (!workflow.dispatchable) throw ghError(422, "Workflow does not have 'workflow_dispatch' trigger", `${DOCS}/workflows#create-a-workflow-dispatch-event`);
      const commit = resolveRef(repo, body.ref);
      if (!commit) throw ghError(422, `No ref found for: ${body.ref}`, `${DOCS}/workflows#create-a-workflow-dispatch-event`);
      const who = actor(ctx);
      if (!who) throw notFound();
      const now = iso(ctx.services.clock.now());
      const runs = (repo.workflowRuns ??= []);
      const runNumber = runs.filter((r) => r.workflowId === workflow.id).reduce((n, r) => Math.max(n, r.runNumber), 0) + 1;
      const id = ctx.services.world.id();
      runs.push({
        id, workflowId: workflow.id, runNumber, runAttempt: 1, event: 'workflow_dispatch', status: 'queued', conclusion: null,
        headBranch: body.ref.replace(/^refs\/(heads|tags)\//, ''), headSha: commit.sha, displayTitle: workflow.name, actor: who, triggeringActor: who,
        createdAt: now, updatedAt: now, runStartedAt: now, artifacts: [], inputs: (body.inputs as Record<string, unknown> | undefined) ?? {},
        jobs: [{ id: ctx.services.world.id(), runId: id, runAttempt: 1, name: 'build', status: 'queued', conclusion: null, createdAt: now, startedAt: now, completedAt: null, steps: [], log: '' }],
      });
      return { status: 204 };
    })
    .add('GET', '/repos/:owner/:repo/actions/runs', (ctx) => listRuns(ctx, repoFor(ctx, 'read')))
    .add('GET', '/repos/:owner/:repo/actions/runs/:run_id', (ctx) => {
      const repo = repoFor(ctx, 'read');
      return json(runJson(ctx, repo, findRun(repo, ctx.params.run_id)));
    })
    .add('GET', '/repos/:owner/:repo/actions/runs/:run_id/jobs', (ctx) => {
      const repo = repoFor(ctx, 'read');
      const run = findRun(repo, ctx.params.run_id);
      const filter = ctx.query.get('filter') ?? 'latest';
      if (filter !== 'latest' && filter !== 'all') throw validationFailed([], `Invalid filter: ${filter}`);
      const jobs = filter === 'all' ? [...run.jobs] : latestJobs(run);
      return json({ total_count: jobs.length, jobs: paginate(ctx, jobs).map((j) => jobJson(ctx, repo, run, j)) });
    })
    .add('GET', '/repos/:owner/:repo/actions/runs/:run_id/artifacts', (ctx) => {
      const repo = repoFor(ctx, 'read');
      const run = findRun(repo, ctx.params.run_id);
      let artifacts = run.artifacts;
      const name = ctx.query.get('name');
      if (name) artifacts = artifacts.filter((a) => a.name === name);
      return json({ total_count: artifacts.length, artifacts: paginate(ctx, artifacts).map((a) => artifactJson(ctx, repo, run, a)) });
    })
    .add('GET', '/repos/:owner/:repo/actions/artifacts/:artifact_id/:archive_format', (ctx) => {
      const repo = repoFor(ctx, 'read');
      if (ctx.params.archive_format !== 'zip') throw notFound();
      for (const run of repo.workflowRuns ?? []) {
        const a = run.artifacts.find((x) => String(x.id) === ctx.params.artifact_id);
        if (!a) continue;
        if (a.expired) throw ghError(410, 'Artifact has expired', `${DOCS}/artifacts#download-an-artifact`);
        const location = ctx.services.downloads!.sign(`/actions-results/artifacts/${a.id}.zip`, `PK sim artifact ${a.name}`, 'application/zip');
        return { status: 302, headers: { location } };
      }
      throw notFound();
    })
    .add('GET', '/repos/:owner/:repo/actions/jobs/:job_id/logs', (ctx) => {
      const repo = repoFor(ctx, 'read');
      const { job } = findJob(repo, ctx.params.job_id);
      const location = ctx.services.downloads!.sign(`/actions-results/logs/${job.id}.txt`, job.log, 'text/plain; charset=utf-8');
      return { status: 302, headers: { location } };
    })
    .add('POST', '/repos/:owner/:repo/actions/runs/:run_id/rerun', (ctx) => {
      const repo = repoFor(ctx, 'write');
      const run = findRun(repo, ctx.params.run_id);
      if (run.status !== 'completed') throw ghError(403, 'This workflow is already running', `${DOCS}/workflow-runs#re-run-a-workflow`);
      newAttempt(ctx, run);
      return json({}, 201);
    })
    .add('POST', '/repos/:owner/:repo/actions/runs/:run_id/rerun-failed-jobs', (ctx) => {
      const repo = repoFor(ctx, 'write');
      const run = findRun(repo, ctx.params.run_id);
      if (run.status !== 'completed') throw ghError(403, 'This workflow is already running', `${DOCS}/workflow-runs#re-run-failed-jobs-from-a-workflow-run`);
      const failed = (j: WorkflowJob) => j.conclusion === 'failure' || j.conclusion === 'cancelled' || j.conclusion === 'timed_out';
      if (!latestJobs(run).some(failed)) throw ghError(403, 'There are no failed jobs to re-run', `${DOCS}/workflow-runs#re-run-failed-jobs-from-a-workflow-run`);
      newAttempt(ctx, run, failed);
      return json({}, 201);
    })
    .add('POST', '/repos/:owner/:repo/actions/runs/:run_id/cancel', (ctx) => {
      const repo = repoFor(ctx, 'write');
      const run = findRun(repo, ctx.params.run_id);
      if (run.status === 'completed') throw ghError(409, 'Cannot cancel a workflow run that is completed.', `${DOCS}/workflow-runs#cancel-a-workflow-run`);
      const now = iso(ctx.services.clock.now());
      run.status = 'completed';
      run.conclusion = 'cancelled';
      run.updatedAt = now;
      for (const j of latestJobs(run)) {
        if (j.status === 'completed') continue;
        j.status = 'completed';
        j.conclusion = 'cancelled';
        j.completedAt = now;
      }
      return json({}, 202);
    });
}

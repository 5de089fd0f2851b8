import { z } from 'zod';
import { readTail, tailHeaders } from '../../core/client/tail';
import { GitHubError } from '../../core/errors';
import { defineTool, ownerRepo, pagination, READ } from './defineTool';
import {
  about,
  artifactSchema,
  jobLogSchema,
  LIMITS,
  listOutput,
  objectAnswer,
  perPageOf,
  shapeArtifact,
  shapeEach,
  shapeWorkflow,
  shapeWorkflowJob,
  shapeWorkflowRun,
  shapeWorkflowRunDetail,
  tailLog,
  toPage,
  workflowJobSchema,
  workflowRunDetailSchema,
  workflowRunSchema,
  workflowSchema,
} from './shape';
import { collectPages } from './collect';
import { actionsWriteTools, runId, workflowId } from './actionsWrites';

export const actionsRead = { permissions: { actions: 'read' } } as const;


const RUN_STATUSES = ['queued', 'in_progress', 'completed', 'requested', 'waiting', 'pending', 'action_required', 'cancelled', 'failure', 'neutral', 'skipped', 'stale', 'success', 'timed_out'] as const;
const FAILED = new Set(['failure', 'timed_out']);

export const actionsTools = [
  defineTool({
    name: 'list_workflows',
    toolset: 'actions',
    title: 'List workflows',
    description: 'GitHub Actions workflows of a repository: id, name, file path, state.',
    input: { ...ownerRepo, ...pagination },
    output: listOutput(workflowSchema),
    annotations: READ,
    needs: actionsRead,
    async handler(args, ctx) {
      const { owner, repo, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(`the workflows of ${owner}/${repo}`, client.rest.actions.listRepoWorkflows({ owner, repo, page, per_page: perPage }));
      return { data: toPage(shapeEach(response.data?.workflows, shapeWorkflow), response, page, perPage, response.data?.total_count) };
    },
  }),

  defineTool({
    name: 'list_workflow_runs',
    toolset: 'actions',
    title: 'List workflow runs',
    description: 'Workflow runs, newest first, of one workflow or the whole repository. status takes a status or a conclusion (failure, success…).',
    input: {
      ...ownerRepo,
      workflow_id: workflowId.optional(),
      branch: z.string().optional(),
      status: z.enum(RUN_STATUSES).optional(),
      event: z.string().regex(/^[a-z_]+$/).optional().describe('Triggering event: push, pull_request, workflow_dispatch…'),
      actor: z.string().optional().describe('Login of the user whose push or action started the run'),
      ...pagination,
    },
    output: listOutput(workflowRunSchema),
    annotations: READ,
    needs: actionsRead,
    async handler(args, ctx) {
      const { owner, repo, page, workflow_id, branch, status, event, actor } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const filters = { owner, repo, branch, status, event, actor, page, per_page: perPage };
      const response =
        workflow_id === undefined
          ? await about(`the workflow runs of ${owner}/${repo}`, client.rest.actions.listWorkflowRunsForRepo(filters))
          : await about(`workflow ${workflow_id} of ${owner}/${repo}`, client.rest.actions.listWorkflowRuns({ ...filters, workflow_id }));
      return { data: toPage(shapeEach(response.data?.workflow_runs, shapeWorkflowRun), response, page, perPage, response.data?.total_count) };
    },
  }),

  defineTool({
    name: 'get_workflow_run',
    toolset: 'actions',
    title: 'Get workflow run',
    description: 'One workflow run: status, conclusion, attempt, head commit.',
    input: { ...ownerRepo, run_id: runId },
    output: workflowRunDetailSchema.shape,
    annotations: READ,
    needs: actionsRead,
    async handler({ owner, repo, run_id }, { github }) {
      const client = await github.forRepo(owner, repo);
      const what = `workflow run ${run_id} of ${owner}/${repo}`;
      const { data } = await about(what, client.rest.actions.getWorkflowRun({ owner, repo, run_id }));
      return { data: shapeWorkflowRunDetail(objectAnswer(data, what)) };
    },
  }),

  defineTool({
    name: 'list_workflow_jobs',
    toolset: 'actions',
    title: 'List workflow jobs',
    description: 'Jobs of a workflow run with their steps and conclusions; filter "latest" (default) is the latest attempt, "all" every attempt.',
    input: { ...ownerRepo, run_id: runId, filter: z.enum(['latest', 'all']).default('latest'), ...pagination },
    output: listOutput(workflowJobSchema),
    annotations: READ,
    needs: actionsRead,
    async handler(args, ctx) {
      const { owner, repo, run_id, filter, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(`the jobs of workflow run ${run_id} of ${owner}/${repo}`, client.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id, filter, page, per_page: perPage }));
      return { data: toPage(shapeEach(response.data?.jobs, shapeWorkflowJob), response, page, perPage, response.data?.total_count) };
    },
  }),

  defineTool({
    name: 'get_job_logs',
    toolset: 'actions',
    title: 'Get job logs',
    description:
      'The end of a job\'s log (job_id), or of every failed job of a run (run_id with failed_only: true): the last tail_lines lines, within max_chars (shared between jobs). firstLine/totalLines say where the window sits.',
    input: {
      ...ownerRepo,
      job_id: z.number().int().positive().optional(),
      run_id: runId.optional(),
      failed_only: z.boolean().optional().describe('With run_id: the logs of its failed jobs (latest attempt)'),
      tail_lines: z.number().int().min(1).max(100_000).default(500),
      max_chars: z.number().int().min(100).max(LIMITS.fileContent).default(LIMITS.body),
    },
    output: { jobs: z.array(jobLogSchema), failedJobs: z.number().int().optional().describe('With run_id: how many jobs failed') },
    annotations: READ,
    needs: actionsRead,
    async handler({ owner, repo, job_id, run_id, failed_only, tail_lines, max_chars }, { github, progress = () => {} }) {
      if ((job_id === undefined) === (run_id === undefined)) throw new GitHubError('validation', 'get_job_logs needs either job_id or run_id (with failed_only: true).');
      if (run_id !== undefined && failed_only !== true) throw new GitHubError('validation', 'get_job_logs with run_id reads the failed jobs only: pass failed_only: true, or a job_id.');
      const client = await github.forRepo(owner, repo);
      // Read by its tail: the transport keeps only the bytes the window can use, so a log of any size,
      // past GITHUB_MAX_RESPONSE_MB too, costs bounded memory and still yields its end, where a job fails.
      const logOf = async (id: number, chars: number) => {
        const { data } = await about(
          `the log of job ${id} of ${owner}/${repo}`,
          client.rest.actions.downloadJobLogsForWorkflowRun({ owner, repo, job_id: id, headers: tailHeaders(4 * chars + 4) }),
        );
        const body = typeof data === 'string' ? data : (data as unknown) instanceof ArrayBuffer ? new TextDecoder().decode(data as unknown as ArrayBuffer) : undefined;
        if (body === undefined) throw new GitHubError('server', `GitHub's answer for the log of job ${id} of ${owner}/${repo} is not text.`);
        const tail = readTail(body);
        return tailLog(tail.text, tail_lines, chars, tail.droppedLines);
      };
      if (job_id !== undefined) return { data: { jobs: [{ jobId: job_id, ...(await logOf(job_id, max_chars)) }] } };
      const jobs = await about(
        `the jobs of workflow run ${run_id} of ${owner}/${repo}`,
        collectPages(client.paginate.iterator(client.rest.actions.listJobsForWorkflowRun, { owner, repo, run_id: run_id as number, filter: 'latest', per_page: 100 }), progress, `the jobs of run ${run_id}`),
      );
      const failed = jobs.filter((j) => j && FAILED.has(j.conclusion ?? ''));
      const shown = failed.slice(0, 10);
      const budget = Math.max(100, Math.floor(max_chars / Math.max(1, shown.length)));
      const logs = [];
      // Page reports went first; the logs' continue from there, so progress only increases.
      const pagesRead = Math.ceil(jobs.length / 100);
      for (const [index, job] of shown.entries()) {
        logs.push({ jobId: job.id, name: job.name, conclusion: job.conclusion, ...(await logOf(job.id, budget)) });
        progress(pagesRead + index + 1, pagesRead + shown.length, `read the log of job ${job.name ?? job.id}`);
      }
      return { data: { jobs: logs, failedJobs: failed.length } };
    },
  }),

  defineTool({
    name: 'list_workflow_run_artifacts',
    toolset: 'actions',
    title: 'List workflow run artifacts',
    description: 'Artifacts a workflow run uploaded: id, name, size, expiry.',
    input: { ...ownerRepo, run_id: runId, ...pagination },
    output: listOutput(artifactSchema),
    annotations: READ,
    needs: actionsRead,
    async handler(args, ctx) {
      const { owner, repo, run_id, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(`the artifacts of workflow run ${run_id} of ${owner}/${repo}`, client.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id, page, per_page: perPage }));
      return { data: toPage(shapeEach(response.data?.artifacts, shapeArtifact), response, page, perPage, response.data?.total_count) };
    },
  }),

  defineTool({
    name: 'download_workflow_run_artifact',
    toolset: 'actions',
    title: 'Download workflow run artifact',
    description: 'A short-lived URL (about a minute) of an artifact\'s zip archive; the URL needs no credentials. Not the bytes.',
    input: { ...ownerRepo, artifact_id: z.number().int().positive() },
    output: { artifactId: z.number(), url: z.string().describe('Signed download URL; expires quickly') },
    annotations: READ,
    needs: actionsRead,
    async handler({ owner, repo, artifact_id }, { github }) {
      const client = await github.forRepo(owner, repo);
      const what = `artifact ${artifact_id} of ${owner}/${repo}`;
      // Not followed: the answer is the 302's Location, the archive itself stays where it is.
      const response = await about(what, client.rest.actions.downloadArtifact({ owner, repo, artifact_id, archive_format: 'zip', request: { redirect: 'manual' } }));
      const location = (response.headers as Record<string, unknown>).location;
      if (typeof location !== 'string' || !location) throw new GitHubError('server', `GitHub answered ${what} with ${response.status} and no download location.`);
      return { data: { artifactId: artifact_id, url: location } };
    },
  }),

  ...actionsWriteTools,
];

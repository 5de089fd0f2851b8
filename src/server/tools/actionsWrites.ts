import { z } from 'zod';
import type { GitHubOctokit } from '../../core/client/octokit';
import { defineTool, DESTRUCTIVE, ownerRepo, WRITE } from './defineTool';
import { about } from './shape';

// The writes of the actions toolset: dispatch, re-run, cancel. GitHub documents the classic `repo` scope for them.
const actionsWrite = { permissions: { actions: 'write' }, scope: 'repo' } as const;
export const runId = z.number().int().positive();
/** A workflow's id, or its file name under .github/workflows (GitHub takes both). */
export const workflowId = z.union([z.number().int().positive(), z.string().regex(/^[\w.-]+\.ya?ml$/, 'a workflow file name such as ci.yml')]).describe('Workflow id or file name (ci.yml)');

const requested = { runId: z.number(), requested: z.literal(true).describe('GitHub accepted the request; the run changes asynchronously') };

export const actionsWriteTools = [
  defineTool({
    name: 'run_workflow',
    toolset: 'actions',
    title: 'Run workflow',
    description: 'Starts a workflow_dispatch run of a workflow on a branch or tag; the workflow must declare the workflow_dispatch trigger. The new run shows in list_workflow_runs (event workflow_dispatch).',
    input: {
      ...ownerRepo,
      workflow_id: workflowId,
      ref: z.string().describe('Branch or tag'),
      inputs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional().describe('The workflow\'s workflow_dispatch inputs'),
    },
    output: { workflowId: z.union([z.number(), z.string()]), ref: z.string(), dispatched: z.literal(true), runId: z.number().optional(), htmlUrl: z.string().optional() },
    annotations: WRITE,
    needs: actionsWrite,
    async handler({ owner, repo, workflow_id, ref, inputs }, { github }) {
      const client = await github.forRepo(owner, repo);
      const response = await about(
        `workflow ${workflow_id} of ${owner}/${repo}`,
        client.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id, ref, ...(inputs ? { inputs } : {}) }),
      );
      // GitHub answers 204, or 200 with the run's details when asked for them.
      const details = ((response.status as number) === 200 ? response.data : undefined) as { workflow_run_id?: number; html_url?: string } | undefined;
      return { data: { workflowId: workflow_id, ref, dispatched: true, ...(details?.workflow_run_id ? { runId: details.workflow_run_id } : {}), ...(details?.html_url ? { htmlUrl: details.html_url } : {}) } };
    },
  }),

  runAction('rerun_workflow_run', 'Re-run workflow run', 'Re-runs every job of a completed workflow run as a new attempt.', WRITE, (client, run) => client.rest.actions.reRunWorkflow(run)),
  runAction(
    'rerun_failed_jobs',
    'Re-run failed jobs',
    'Re-runs the failed jobs of a completed workflow run (and the jobs depending on them) as a new attempt.',
    WRITE,
    (client, run) => client.rest.actions.reRunWorkflowFailedJobs(run),
  ),
  runAction('cancel_workflow_run', 'Cancel workflow run', 'Cancels a queued or running workflow run; a completed run is a conflict (409).', DESTRUCTIVE, (client, run) =>
    client.rest.actions.cancelWorkflowRun(run),
  ),
];

/** A request about one run (re-run, cancel) that GitHub answers with no content worth keeping. */
function runAction(
  name: string,
  title: string,
  description: string,
  annotations: typeof WRITE | typeof DESTRUCTIVE,
  send: (client: GitHubOctokit, run: { owner: string; repo: string; run_id: number }) => Promise<unknown>,
) {
  return defineTool({
    name,
    toolset: 'actions',
    title,
    description,
    input: { ...ownerRepo, run_id: runId },
    output: requested,
    annotations,
    needs: actionsWrite,
    async handler({ owner, repo, run_id }, { github }) {
      await about(`workflow run ${run_id} of ${owner}/${repo}`, send(await github.forRepo(owner, repo), { owner, repo, run_id }));
      return { data: { runId: run_id, requested: true } };
    },
  });
}

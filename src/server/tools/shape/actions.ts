import { z } from 'zod';
import { login, truncate, LIMITS, type RawUser, type Shaped } from './common';

/*
 * Sources (OpenAPI components): `workflow` (actions/list-repo-workflows), `workflow-run`
 * (list-workflow-runs[-for-repo], get-workflow-run), `job` (list-jobs-for-workflow-run) and
 * `artifact` (list-workflow-run-artifacts). Required there: workflow id, name, path, state,
 * html_url, dates; run id, name (nullable), head_branch (nullable), head_sha, run_number,
 * event, status and conclusion (nullable), workflow_id, display_title, html_url, dates;
 * job id, name, status, conclusion (nullable), started_at, completed_at (nullable); artifact
 * id, name, size_in_bytes, expired, expires_at (nullable). Lists keep to what an agent acts on
 * (ids for the next call, states, conclusions), a quarter of GitHub's JSON at most.
 */

interface RawWorkflow {
  id: number;
  name: string;
  path: string;
  state: string;
  html_url: string;
  created_at: string;
  updated_at: string;
}

interface RawRun {
  id: number;
  name?: string | null;
  run_number: number;
  run_attempt?: number;
  event: string;
  status: string | null;
  conclusion: string | null;
  head_branch: string | null;
  head_sha: string;
  display_title: string;
  workflow_id: number;
  actor?: RawUser | null;
  triggering_actor?: RawUser | null;
  html_url: string;
  created_at: string;
  updated_at: string;
  run_started_at?: string;
  pull_requests?: Array<{ number?: number } | null> | null;
  head_commit?: { message?: string } | null;
}

interface RawStep {
  number: number;
  name: string;
  status: string;
  conclusion: string | null;
}

interface RawJob {
  id: number;
  run_id: number;
  run_attempt?: number;
  name: string;
  status: string;
  conclusion: string | null;
  started_at: string;
  completed_at: string | null;
  html_url: string | null;
  steps?: (RawStep | null)[];
}

interface RawArtifact {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
  created_at: string | null;
  expires_at: string | null;
  digest?: string | null;
  workflow_run?: { id?: number } | null;
}

export const workflowSchema = z.object({
  id: z.number(),
  name: z.string(),
  path: z.string(),
  state: z.string().describe('active, disabled_manually…'),
});

export function shapeWorkflow(w: RawWorkflow): Shaped<z.output<typeof workflowSchema>> {
  return { id: w.id, name: w.name, path: w.path, state: w.state };
}

export const workflowRunSchema = z.object({
  id: z.number(),
  name: z.string().nullable().describe('Workflow name'),
  displayTitle: z.string(),
  runNumber: z.number(),
  runAttempt: z.number().optional(),
  event: z.string(),
  status: z.string().nullable(),
  conclusion: z.string().nullable(),
  headBranch: z.string().nullable(),
  headSha: z.string(),
  workflowId: z.number(),
  actor: z.string().nullable().optional(),
  triggeringActor: z.string().nullable().optional(),
  pullRequests: z.array(z.number()).optional().describe('Numbers of open pull requests with this head'),
  createdAt: z.string(),
  updatedAt: z.string(),
  runStartedAt: z.string().optional(),
  htmlUrl: z.string(),
});

export const workflowRunDetailSchema = workflowRunSchema.extend({
  headCommitMessage: z.string().nullable().optional(),
  headCommitMessageTruncated: z.boolean().optional(),
});

export function shapeWorkflowRun(r: RawRun): Shaped<z.output<typeof workflowRunSchema>> {
  return {
    id: r.id,
    name: r.name ?? null,
    displayTitle: r.display_title,
    runNumber: r.run_number,
    runAttempt: r.run_attempt,
    event: r.event,
    status: r.status,
    conclusion: r.conclusion,
    headBranch: r.head_branch,
    headSha: r.head_sha,
    workflowId: r.workflow_id,
    ...(r.actor === undefined ? {} : { actor: login(r.actor) }),
    ...(r.triggering_actor === undefined || r.triggering_actor?.login === r.actor?.login ? {} : { triggeringActor: login(r.triggering_actor) }),
    pullRequests: Array.isArray(r.pull_requests) ? r.pull_requests.flatMap((p) => (typeof p?.number === 'number' ? [p.number] : [])) : undefined,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    runStartedAt: r.run_started_at,
    htmlUrl: r.html_url,
  };
}

export function shapeWorkflowRunDetail(r: RawRun): Shaped<z.output<typeof workflowRunDetailSchema>> {
  const message = r.head_commit === undefined ? undefined : typeof r.head_commit?.message === 'string' ? truncate(r.head_commit.message, LIMITS.commitMessage) : null;
  return {
    ...shapeWorkflowRun(r),
    ...(message === undefined ? {} : message === null ? { headCommitMessage: null } : { headCommitMessage: message.text, ...(message.truncated ? { headCommitMessageTruncated: true } : {}) }),
  };
}

export const workflowJobSchema = z.object({
  id: z.number(),
  runAttempt: z.number().optional(),
  name: z.string(),
  status: z.string(),
  conclusion: z.string().nullable(),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
  steps: z.array(z.string()).optional().describe('"<number> <name>: <conclusion or status>"'),
});

export function shapeWorkflowJob(j: RawJob): Shaped<z.output<typeof workflowJobSchema>> {
  return {
    id: j.id,
    runAttempt: j.run_attempt,
    name: j.name,
    status: j.status,
    conclusion: j.conclusion,
    startedAt: j.started_at,
    completedAt: j.completed_at,
    steps: Array.isArray(j.steps) ? j.steps.map((s) => `${s?.number} ${s?.name}: ${s?.conclusion ?? s?.status}`) : undefined,
  };
}

export const artifactSchema = z.object({
  id: z.number(),
  name: z.string(),
  sizeInBytes: z.number(),
  expired: z.boolean(),
  expiresAt: z.string().nullable(),
});

export function shapeArtifact(a: RawArtifact): Shaped<z.output<typeof artifactSchema>> {
  return { id: a.id, name: a.name, sizeInBytes: a.size_in_bytes, expired: a.expired, expiresAt: a.expires_at };
}

export const jobLogSchema = z.object({
  jobId: z.number(),
  name: z.string().optional(),
  conclusion: z.string().nullable().optional(),
  text: z.string().describe('The log lines of the window'),
  firstLine: z.number().int().describe('1-based number of the first line returned'),
  lines: z.number().int().describe('Lines returned'),
  totalLines: z.number().int(),
  cut: z.boolean().optional().describe('True when the character budget dropped earlier lines of the tail'),
});

/**
 * The last `tailLines` lines of a log, then as many of those (from the end) as fit in
 * `maxChars`: a failing job's error is near its end. A single longer last line keeps its end.
 * `before` counts lines the transport already dropped from the front (a log read by its tail).
 */
export function tailLog(log: string, tailLines: number, maxChars: number, before = 0): { text: string; firstLine: number; lines: number; totalLines: number; cut?: true } {
  const all = log === '' ? [] : log.split(/(?<=\n)/);
  const start = Math.max(0, all.length - tailLines);
  let used = 0;
  let from = all.length;
  while (from > start && used + all[from - 1].length <= maxChars) used += all[--from].length;
  let text = all.slice(from).join('');
  if (from === all.length && all.length > start) {
    const last = all[all.length - 1];
    text = `…${last.slice(last.length - Math.max(0, maxChars - 1))}`;
    from = all.length - 1;
  }
  const cut = from > start || (before > 0 && all.length - from < tailLines);
  return { text, firstLine: before + from + 1, lines: all.length - from, totalLines: before + all.length, ...(cut ? { cut: true as const } : {}) };
}

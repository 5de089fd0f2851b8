import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_TOOLS } from '../../../src/server/tools/all';
import { answering, assertConforms, example, exampleCases, runTool, tools, type ExampleCase, type Json, type Sent } from '../../support/openapiExamples';

/*
 * The actions shapers against GitHub's own response examples
 * (@octokit/openapi, api.github.com): each example goes through the tool's real handler
 * (a fetch answers from it), in full, stripped to the fields the response schema requires,
 * and with every nullable field null. Each result must validate against the JSON Schema the
 * tool advertises (ajv strict) and against the strict schema writes are not relaxed from;
 * field checks tie results to the examples, and lists stay within a quarter of the raw JSON.
 */


type Case = ExampleCase;

const repo = { owner: 'octocat', repo: 'Hello-World' };
const rawItems = (raw: any): any[] => (Array.isArray(raw) ? raw : (raw.workflows ?? raw.workflow_runs ?? raw.jobs ?? raw.artifacts));

const eachItem = (check: (o: Json, r: Json) => void) => (out: Json, raw: any) => {
  const items = rawItems(raw);
  assert.equal(out.items.length, items.length);
  assert.equal(out.totalCount, raw.total_count);
  out.items.forEach((o: Json, i: number) => check(o, items[i]));
};

function checkRun(o: Json, r: Json) {
  assert.equal(o.id, r.id);
  assert.equal(o.name, r.name ?? null);
  assert.equal(o.runNumber, r.run_number);
  assert.equal(o.runAttempt, r.run_attempt);
  assert.equal(o.event, r.event);
  assert.equal(o.status, r.status);
  assert.equal(o.conclusion, r.conclusion);
  assert.equal(o.headBranch, r.head_branch);
  assert.equal(o.headSha, r.head_sha);
  assert.equal(o.workflowId, r.workflow_id);
  assert.equal(o.htmlUrl, r.html_url);
  if (r.actor === undefined) assert.equal('actor' in o, false, 'actor not made up');
  else assert.equal(o.actor, r.actor?.login ?? null);
}

const cases: Case[] = [
  {
    tool: 'list_workflows',
    args: repo,
    op: 'actions/list-repo-workflows',
    list: true,
    check: eachItem((o, r) => {
      assert.equal(o.id, r.id);
      assert.equal(o.name, r.name);
      assert.equal(o.path, r.path);
      assert.equal(o.state, r.state);
    }),
  },
  { tool: 'list_workflow_runs', args: repo, op: 'actions/list-workflow-runs-for-repo', list: true, check: eachItem(checkRun) },
  { tool: 'list_workflow_runs', args: { ...repo, workflow_id: 'ci.yml', status: 'failure' }, op: 'actions/list-workflow-runs', list: true, check: eachItem(checkRun) },
  {
    tool: 'get_workflow_run',
    args: { ...repo, run_id: 30433642 },
    op: 'actions/get-workflow-run',
    check: (o, r) => {
      checkRun(o, r);
      if (r.head_commit === undefined) assert.equal('headCommitMessage' in o, false);
      else assert.equal(o.headCommitMessage, r.head_commit?.message ?? null);
    },
  },
  {
    tool: 'list_workflow_jobs',
    args: { ...repo, run_id: 29679449 },
    op: 'actions/list-jobs-for-workflow-run',
    list: true,
    check: eachItem((o, r) => {
      assert.equal(o.id, r.id);
      assert.equal(o.name, r.name);
      assert.equal(o.status, r.status);
      assert.equal(o.conclusion, r.conclusion);
      assert.equal(o.completedAt, r.completed_at);
      if (r.steps === undefined) assert.equal(o.steps, undefined, 'steps not made up');
      else assert.deepEqual(o.steps, r.steps.map((s: Json) => `${s.number} ${s.name}: ${s.conclusion ?? s.status}`));
    }),
  },
  {
    tool: 'list_workflow_run_artifacts',
    args: { ...repo, run_id: 2 },
    op: 'actions/list-workflow-run-artifacts',
    list: true,
    check: eachItem((o, r) => {
      assert.equal(o.id, r.id);
      assert.equal(o.name, r.name);
      assert.equal(o.sizeInBytes, r.size_in_bytes);
      assert.equal(o.expired, r.expired);
      assert.equal(o.expiresAt, r.expires_at);
    }),
  },
];

/** A tool's handler against one hand-made answer (text, a redirect, an empty body). */
async function runWith({ tool: toolName, args }: { tool: string; args: Json }, answer: (url: URL, init: RequestInit) => Response): Promise<{ out: Json; requests: Sent[] }> {
  const requests: Sent[] = [];
  const { out } = await runTool(toolName, args, answering(answer, requests));
  assertConforms(toolName, out);
  return { out, requests };
}

describe('actions shapers on GitHub\'s OpenAPI examples', () => {
  exampleCases(cases, rawItems);

  const LOG = Array.from({ length: 50 }, (_, i) => `2024-01-01T00:00:00Z line ${i + 1}\n`).join('');

  it('get_job_logs (job_id): the tail of the text GitHub sends, with where it sits', async () => {
    const { out, requests } = await runWith({ tool: 'get_job_logs', args: { ...repo, job_id: 399444496, tail_lines: 3 } }, () => new Response(LOG, { status: 200, headers: { 'content-type': 'text/plain' } }));
    assert.equal(requests[0].url.pathname, '/repos/octocat/Hello-World/actions/jobs/399444496/logs');
    assert.deepEqual(out.jobs, [{ jobId: 399444496, text: 'line 48\nline 49\nline 50\n'.replace(/line/g, '2024-01-01T00:00:00Z line'), firstLine: 48, lines: 3, totalLines: 50 }]);
  });

  it('get_job_logs (run_id, failed_only): only jobs that failed, the budget shared', async () => {
    const { value } = example('actions/list-jobs-for-workflow-run', 200);
    const jobs = structuredClone(value) as Json;
    jobs.jobs = [{ ...jobs.jobs[0], id: 1, name: 'ok', conclusion: 'success' }, { ...jobs.jobs[0], id: 2, name: 'broken', conclusion: 'failure' }, { ...jobs.jobs[0], id: 3, name: 'slow', conclusion: 'timed_out' }];
    jobs.total_count = 3;
    const { out, requests } = await runWith({ tool: 'get_job_logs', args: { ...repo, run_id: 5, failed_only: true, max_chars: 400 } }, (url) =>
      url.pathname.endsWith('/jobs') ? Response.json(jobs) : new Response(LOG, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
    );
    assert.deepEqual(requests.map((r) => r.url.pathname.split('/').slice(-2).join('/')), ['5/jobs', '2/logs', '3/logs']);
    assert.equal(requests[0].url.searchParams.get('filter'), 'latest');
    assert.equal(out.failedJobs, 2);
    assert.deepEqual(out.jobs.map((j: Json) => [j.jobId, j.name, j.conclusion, j.cut]), [[2, 'broken', 'failure', true], [3, 'slow', 'timed_out', true]]);
    for (const j of out.jobs) assert.ok(j.text.length <= 200 && j.text.endsWith('line 50\n'), j.text);
  });

  it('download_workflow_run_artifact: the Location of the 302, not followed', async () => {
    const location = 'https://pipelines.actions.githubusercontent.com/abc/_apis/artifact?sig=xyz';
    const { out, requests } = await runWith({ tool: 'download_workflow_run_artifact', args: { ...repo, artifact_id: 11 } }, () => new Response(null, { status: 302, headers: { location } }));
    assert.equal(requests.length, 1);
    assert.equal(requests[0].init.redirect, 'manual');
    assert.equal(requests[0].url.pathname, '/repos/octocat/Hello-World/actions/artifacts/11/zip');
    assert.deepEqual(out, { artifactId: 11, url: location });
  });

  it('the writes: what they send, and what they answer', async () => {
    const dispatch = await runWith({ tool: 'run_workflow', args: { ...repo, workflow_id: 'ci.yml', ref: 'main', inputs: { level: 'debug', dry: true } } }, () => new Response(null, { status: 204 }));
    assert.equal(dispatch.requests[0].url.pathname, '/repos/octocat/Hello-World/actions/workflows/ci.yml/dispatches');
    assert.deepEqual(JSON.parse(String(dispatch.requests[0].init.body)), { ref: 'main', inputs: { level: 'debug', dry: true } });
    assert.deepEqual(dispatch.out, { workflowId: 'ci.yml', ref: 'main', dispatched: true });
    const details = await runWith({ tool: 'run_workflow', args: { ...repo, workflow_id: 7, ref: 'main' } }, () => Response.json({ workflow_run_id: 42, run_url: 'https://api.github.com/x', html_url: 'https://github.com/x' }));
    assert.deepEqual(details.out, { workflowId: 7, ref: 'main', dispatched: true, runId: 42, htmlUrl: 'https://github.com/x' });
    const writes = [
      { tool: 'rerun_workflow_run', path: 'rerun', status: 201 },
      { tool: 'rerun_failed_jobs', path: 'rerun-failed-jobs', status: 201 },
      { tool: 'cancel_workflow_run', path: 'cancel', status: 202 },
    ];
    for (const { tool, path, status } of writes) {
      const { out, requests } = await runWith({ tool, args: { ...repo, run_id: 30433642 } }, () => Response.json({}, { status }));
      assert.equal(requests[0].init.method, 'POST');
      assert.equal(requests[0].url.pathname, `/repos/octocat/Hello-World/actions/runs/30433642/${path}`);
      assert.deepEqual(out, { runId: 30433642, requested: true });
    }
  });

  it('tailLog keeps the end of a single line longer than the budget', async () => {
    const { tailLog } = await import('../../../src/server/tools/shape/actions');
    assert.deepEqual(tailLog('', 10, 100), { text: '', firstLine: 1, lines: 0, totalLines: 0 });
    const long = tailLog(`a\n${'x'.repeat(50)}END\n`, 10, 20);
    assert.equal(long.text.length, 20);
    assert.ok(long.text.endsWith('END\n'));
    assert.deepEqual([long.firstLine, long.lines, long.totalLines, long.cut], [2, 1, 2, true]);
  });

  it('covers every tool of the area', () => {
    const names = ['list_workflows', 'list_workflow_runs', 'get_workflow_run', 'list_workflow_jobs', 'get_job_logs', 'list_workflow_run_artifacts', 'download_workflow_run_artifact', 'run_workflow', 'rerun_workflow_run', 'rerun_failed_jobs', 'cancel_workflow_run'];
    assert.deepEqual(names.filter((n) => !tools.has(n)), []);
    assert.deepEqual(ALL_TOOLS.filter((t) => t.toolset === 'actions').map((t) => t.name).sort(), [...names].sort());
  });
});

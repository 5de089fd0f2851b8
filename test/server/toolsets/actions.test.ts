import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FAILED_LOG_LINE } from '../../simulator/seed/actions';
import { actsAs, identities } from '../../support/identities';
import { inProcessServer, withInProcessServer } from '../../support/inProcess';
import { textOf, type ServerHandle, type ToolClient } from '../../support/serverHarness';
import { appEnv, serverFor, startSimulator, withServer, type Simulator } from '../../support/simServer';

// The actions toolset (opt-in): workflows, runs, jobs, logs (a 302 to a signed URL on another
// origin, followed without credentials), artifacts (the signed URL itself), dispatch, re-runs
// and cancel, under a PAT and an unpinned App; every write is read back.

const api = { owner: 'sim-org', repo: 'api' };
const TOOLSETS = { GITHUB_TOOLSETS: 'default,actions' };
const FAILED_RUN = 30433644;
const GREEN_RUN = 30433642;
const WRITES = ['run_workflow', 'rerun_workflow_run', 'rerun_failed_jobs', 'cancel_workflow_run'];
const READS = ['list_workflows', 'list_workflow_runs', 'get_workflow_run', 'list_workflow_jobs', 'get_job_logs', 'list_workflow_run_artifacts', 'download_workflow_run_artifact'];

interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  totalCount?: number;
}
interface Run {
  id: number;
  name: string | null;
  runNumber: number;
  runAttempt?: number;
  event: string;
  status: string | null;
  conclusion: string | null;
  headBranch: string | null;
  actor?: string | null;
  triggeringActor?: string | null;
  headCommitMessage?: string | null;
}
interface Job {
  id: number;
  runAttempt?: number;
  name: string;
  status: string;
  conclusion: string | null;
  steps?: string[];
}
interface JobLog {
  jobId: number;
  name?: string;
  text: string;
  firstLine: number;
  lines: number;
  totalLines: number;
  cut?: boolean;
}

function noAuthorizationOffOrigin(sim: Simulator): void {
  const received = sim.otherOrigin.received;
  assert.ok(received.length > 0, 'something went to the other origin');
  for (const r of received) {
    assert.equal(r.headers.authorization, undefined, `Authorization reached the other origin: ${r.method} ${r.path}`);
    assert.equal(r.headers.cookie, undefined);
  }
}

for (const identity of identities('octocat')) {
  describe(`actions toolset (${identity.label})`, () => {
    let sim: Simulator;
    let server: ToolClient;

    before(async () => {
      sim = await startSimulator();
      server = await inProcessServer(sim, `toolsets actions ${identity.label}`, identity.env(sim, TOOLSETS));
    });
    after(async () => {
      await server.close();
      await sim.close();
    });

    it('lists the workflows, and the runs with filters', async () => {
      const workflows = await actsAs(sim, identity, 5002, () => server.data<Page<{ id: number; name: string; path: string; state: string }>>('list_workflows', api));
      assert.deepEqual(workflows.items.map((w) => [w.name, w.path, w.state]), [['CI', '.github/workflows/ci.yml', 'active'], ['Release', '.github/workflows/release.yml', 'active']]);
      assert.equal(workflows.totalCount, 2);

      const all = await server.data<Page<Run>>('list_workflow_runs', api);
      assert.deepEqual(all.items.map((r) => r.id), [30433645, FAILED_RUN, 30433643, GREEN_RUN]);
      const ci = await server.data<Page<Run>>('list_workflow_runs', { ...api, workflow_id: 'ci.yml' });
      assert.deepEqual(ci.items.map((r) => r.runNumber), [3, 2, 1]);
      const byId = await server.data<Page<Run>>('list_workflow_runs', { ...api, workflow_id: 161336 });
      assert.deepEqual(byId.items.map((r) => r.name), ['Release']);
      assert.deepEqual((await server.data<Page<Run>>('list_workflow_runs', { ...api, status: 'failure' })).items.map((r) => r.id), [FAILED_RUN]);
      assert.deepEqual((await server.data<Page<Run>>('list_workflow_runs', { ...api, branch: 'feature-auth' })).items.map((r) => r.headBranch), ['feature-auth']);
      assert.deepEqual((await server.data<Page<Run>>('list_workflow_runs', { ...api, event: 'pull_request' })).items.map((r) => r.id), [30433643]);
      assert.deepEqual((await server.data<Page<Run>>('list_workflow_runs', { ...api, actor: 'monalisa' })).items.map((r) => r.actor), ['monalisa']);
      const paged = await server.data<Page<Run>>('list_workflow_runs', { ...api, perPage: 2 });
      assert.equal(paged.items.length, 2);
      assert.equal(paged.hasNextPage, true);
      assert.equal(paged.totalCount, 4);
    });

    it('gets a run and its jobs with steps', async () => {
      const run = await actsAs(sim, identity, 5002, () => server.data<Run>('get_workflow_run', { ...api, run_id: FAILED_RUN }));
      assert.equal(run.conclusion, 'failure');
      assert.equal(run.status, 'completed');
      assert.equal(run.runAttempt, 1);
      assert.equal(typeof run.headCommitMessage, 'string');
      const jobs = await server.data<Page<Job>>('list_workflow_jobs', { ...api, run_id: FAILED_RUN });
      assert.deepEqual(jobs.items.map((j) => [j.name, j.conclusion]), [['build', 'success'], ['test', 'failure']]);
      assert.deepEqual(jobs.items[1].steps, ['1 Set up job: success', '2 Checkout: success', '3 npm test: failure', '4 Post Checkout: skipped']);
    });

    it('get_job_logs follows the 302 to the other origin without credentials, and tails', async () => {
      sim.otherOrigin.reset();
      const jobs = await server.data<Page<Job>>('list_workflow_jobs', { ...api, run_id: FAILED_RUN });
      const testJob = jobs.items.find((j) => j.name === 'test')!;
      const one = await actsAs(sim, identity, 5002, () => server.data<{ jobs: JobLog[] }>('get_job_logs', { ...api, job_id: testJob.id }));
      assert.equal(one.jobs.length, 1);
      assert.ok(one.jobs[0].text.includes(FAILED_LOG_LINE), one.jobs[0].text);
      assert.equal(one.jobs[0].firstLine, 1);
      assert.equal(one.jobs[0].lines, one.jobs[0].totalLines);
      noAuthorizationOffOrigin(sim);
      assert.ok(sim.otherOrigin.received.every((r) => /^\/actions-results\/logs\/\d+\.txt\?se=.+&sig=\w+$/.test(r.path)), 'the signed URL was followed');

      const tail = await server.data<{ jobs: JobLog[] }>('get_job_logs', { ...api, job_id: testJob.id, tail_lines: 3 });
      assert.equal(tail.jobs[0].lines, 3);
      assert.equal(tail.jobs[0].firstLine, tail.jobs[0].totalLines - 2);
      assert.equal(tail.jobs[0].text.split('\n').filter(Boolean).length, 3);
      assert.match(tail.jobs[0].text, /##\[endgroup\]\n$/);
      assert.ok(!tail.jobs[0].text.includes('ok 1 - case 1\n'));

      const small = await server.data<{ jobs: JobLog[] }>('get_job_logs', { ...api, job_id: testJob.id, max_chars: 300 });
      assert.ok(small.jobs[0].text.length <= 300);
      assert.equal(small.jobs[0].cut, true);
      assert.ok(small.jobs[0].firstLine > 1);
    });

    it('get_job_logs with run_id and failed_only reads every failed job, and only those', async () => {
      sim.otherOrigin.reset();
      const failed = await server.data<{ jobs: JobLog[]; failedJobs: number }>('get_job_logs', { ...api, run_id: FAILED_RUN, failed_only: true });
      assert.equal(failed.failedJobs, 1);
      assert.deepEqual(failed.jobs.map((j) => j.name), ['test']);
      assert.ok(failed.jobs[0].text.includes(FAILED_LOG_LINE));
      assert.equal(sim.otherOrigin.received.length, 1, 'only the failed job log was fetched');
      noAuthorizationOffOrigin(sim);
      const green = await server.data<{ jobs: JobLog[]; failedJobs: number }>('get_job_logs', { ...api, run_id: GREEN_RUN, failed_only: true });
      assert.deepEqual(green, { jobs: [], failedJobs: 0 });
      const refused = await server.call('get_job_logs', { ...api, run_id: FAILED_RUN });
      assert.equal(refused.isError, true);
      assert.match(textOf(refused), /failed_only/);
    });

    it('artifacts: listed, and the download is a short-lived URL that works without credentials', async () => {
      const artifacts = await server.data<Page<{ id: number; name: string; expired: boolean; sizeInBytes: number }>>('list_workflow_run_artifacts', { ...api, run_id: FAILED_RUN });
      assert.deepEqual(artifacts.items.map((a) => [a.name, a.expired]), [['test-report', false], ['old-coverage', true]]);
      sim.otherOrigin.reset();
      const link = await actsAs(sim, identity, 5002, () => server.data<{ artifactId: number; url: string }>('download_workflow_run_artifact', { ...api, artifact_id: 12 }));
      assert.equal(sim.otherOrigin.received.length, 0, 'the archive was not fetched');
      assert.ok(link.url.startsWith(sim.otherOrigin.url), link.url);
      const archive = await fetch(link.url);
      assert.equal(archive.status, 200);
      assert.match(await archive.text(), /test-report/);
      const withAuth = await fetch(link.url, { headers: { authorization: 'Bearer x' } });
      assert.equal(withAuth.status, 400, 'the storage host refuses credentials');
      const expired = await server.call('download_workflow_run_artifact', { ...api, artifact_id: 13 });
      assert.equal(expired.isError, true);
      assert.match(textOf(expired), /410|expired/i);
    });

    it('run_workflow dispatches a queued run; rerun, rerun_failed_jobs and cancel change the run', async () => {
      const dispatched = await actsAs(sim, identity, 5002, () => server.data<{ dispatched: boolean }>('run_workflow', { ...api, workflow_id: 'ci.yml', ref: 'main', inputs: { level: 'debug' } }));
      assert.equal(dispatched.dispatched, true);
      const newest = (await server.data<Page<Run>>('list_workflow_runs', { ...api, event: 'workflow_dispatch' })).items[0];
      assert.equal(newest.status, 'queued');
      assert.equal(newest.actor, identity.author);
      assert.equal(newest.headBranch, 'main');

      const cancelled = await server.data<{ runId: number }>('cancel_workflow_run', { ...api, run_id: newest.id });
      assert.equal(cancelled.runId, newest.id);
      const after = await server.data<Run>('get_workflow_run', { ...api, run_id: newest.id });
      assert.deepEqual([after.status, after.conclusion], ['completed', 'cancelled']);
      const again = await server.call('cancel_workflow_run', { ...api, run_id: newest.id });
      assert.equal(again.isError, true);
      assert.match(textOf(again), /409/);
      assert.match(textOf(again), /Cannot cancel a workflow run that is completed/);

      await server.data('rerun_failed_jobs', { ...api, run_id: FAILED_RUN });
      const rerun = await server.data<Run>('get_workflow_run', { ...api, run_id: FAILED_RUN });
      assert.deepEqual([rerun.runAttempt, rerun.status, rerun.conclusion], [2, 'queued', null]);
      const latest = await server.data<Page<Job>>('list_workflow_jobs', { ...api, run_id: FAILED_RUN });
      assert.deepEqual(latest.items.map((j) => [j.name, j.runAttempt, j.status]), [['build', 2, 'completed'], ['test', 2, 'queued']]);
      const every = await server.data<Page<Job>>('list_workflow_jobs', { ...api, run_id: FAILED_RUN, filter: 'all' });
      assert.equal(every.items.length, 4);

      await server.data('rerun_workflow_run', { ...api, run_id: GREEN_RUN });
      const green = await server.data<Run>('get_workflow_run', { ...api, run_id: GREEN_RUN });
      assert.deepEqual([green.runAttempt, green.status], [2, 'queued']);
      assert.equal(green.triggeringActor ?? green.actor, identity.author);
      assert.deepEqual((await server.data<Page<Job>>('list_workflow_jobs', { ...api, run_id: GREEN_RUN })).items.map((j) => j.status), ['queued', 'queued']);
    });

    it('refusals: a workflow without workflow_dispatch, an unknown ref, an unknown run (422, 404)', async () => {
      const noTrigger = await server.call('run_workflow', { ...api, workflow_id: 'release.yml', ref: 'main' });
      assert.equal(noTrigger.isError, true);
      assert.match(textOf(noTrigger), /workflow_dispatch/);
      const noRef = await server.call('run_workflow', { ...api, workflow_id: 161335, ref: 'no-such-branch' });
      assert.equal(noRef.isError, true);
      assert.match(textOf(noRef), /No ref found for: no-such-branch/);
      const missing = await server.call('get_workflow_run', { ...api, run_id: 999 });
      assert.equal(missing.isError, true);
      assert.match(textOf(missing), /workflow run 999 of sim-org\/api/i);
      assert.match(textOf(missing), /404|not found/i);
      const missingJob = await server.call('get_job_logs', { ...api, job_id: 1 });
      assert.equal(missingJob.isError, true);
      assert.match(textOf(missingJob), /404|not found/i);
    });

    if (identity.isApp) {
      it('the octocat installation has no actions permission: a clear 403', async () => {
        const refused = await server.call('list_workflows', { owner: 'octocat', repo: 'hello-world' });
        assert.equal(refused.isError, true);
        assert.match(textOf(refused), /403|not accessible/i);
      });
    }
  });
}

describe('actions toolset: surface and read-only mode', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator();
  });
  after(async () => {
    await sim.close();
  });

  it('is opt-in', async () => {
    await withInProcessServer(sim, 'toolsets actions default', { GITHUB_TOKEN: sim.createPersonalToken('octocat') }, async (plain) => {
      assert.ok(![...READS, ...WRITES].some((name) => plain.tools.some((t) => t.name === name)));
    });
  });

  it('read-only mode keeps the reads and hides the writes', async () => {
    await withInProcessServer(sim, 'toolsets actions read-only', { GITHUB_TOKEN: sim.createPersonalToken('octocat'), ...TOOLSETS, GITHUB_READ_ONLY: '1' }, async (ro) => {
      const names = ro.tools.map((t) => t.name);
      for (const name of READS) assert.ok(names.includes(name), name);
      for (const name of WRITES) assert.ok(!names.includes(name), name);
      // get_job_logs still works: following the redirect is a GET.
      const failed = await ro.data<{ jobs: JobLog[] }>('get_job_logs', { ...api, run_id: FAILED_RUN, failed_only: true });
      assert.ok(failed.jobs[0].text.includes(FAILED_LOG_LINE));
    });
  });

  it('over stdio under the unpinned App: the log comes back, and no credential reached the other origin', async () => {
    sim.otherOrigin.reset();
    await withServer(sim, 'toolsets actions stdio app', appEnv(sim, TOOLSETS), async (server) => {
      const failed = await server.data<{ jobs: JobLog[] }>('get_job_logs', { ...api, run_id: FAILED_RUN, failed_only: true, tail_lines: 5 });
      assert.equal(failed.jobs[0].lines, 5);
      assert.ok(failed.jobs[0].text.includes(FAILED_LOG_LINE));
    });
    noAuthorizationOffOrigin(sim);
    assert.equal(sim.otherOrigin.received.length, 1);
  });

  it('a classic token with public_repo only cannot dispatch (GitHub documents repo for the writes)', async () => {
    await withInProcessServer(sim, 'toolsets actions public_repo', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['public_repo'] }), ...TOOLSETS }, async (narrow) => {
      const before = (await narrow.data<Page<Run>>('list_workflow_runs', { ...api, event: 'workflow_dispatch' })).items.length;
      const refused = await narrow.call('run_workflow', { ...api, workflow_id: 'ci.yml', ref: 'main' });
      assert.equal(refused.isError, true);
      assert.match(textOf(refused), /404|not found/i);
      assert.equal((await narrow.data<Page<Run>>('list_workflow_runs', { ...api, event: 'workflow_dispatch' })).items.length, before, 'no run was created');
    });
  });

  it('an expired signed URL is refused by the storage host', async () => {
    // The build job of the failed run; its log URL, as the API hands it out.
    const res = await fetch(`${sim.apiUrl}/repos/sim-org/api/actions/jobs/399444494/logs`, { redirect: 'manual', headers: { authorization: `token ${sim.createPersonalToken('octocat')}` } });
    assert.equal(res.status, 302);
    const url = res.headers.get('location') as string;
    assert.equal((await fetch(url)).status, 200);
    sim.clock.advance(120_000);
    const stale = await fetch(url);
    assert.equal(stale.status, 403);
    sim.clock.advance(-120_000);
  });
});

describe('get_job_logs on a log past GITHUB_MAX_RESPONSE_MB (stdio)', () => {
  let sim: Simulator;
  let server: ServerHandle;
  // 40,000 numbered lines, about 3 MB: three times the cap the server runs with.
  const LINES = 40_000;
  const bigLog = Array.from({ length: LINES }, (_, i) => `2026-12-01T10:00:00.0000000Z line ${i + 1} ${'x'.repeat(60)}\n`).join('');

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, 'actions big log', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['repo'] }), GITHUB_MAX_RESPONSE_MB: '1', ...TOOLSETS });
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  function serveBigLog(): void {
    sim.otherOrigin.reset();
    sim.otherOrigin.respond({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: bigLog });
    sim.hostile.when(/^\/repos\/sim-org\/api\/actions\/jobs\/\d+\/logs$/, { kind: 'redirect', status: 302, to: `${sim.otherOrigin.url}/big/job.txt` });
  }

  it('still returns the end of the log, numbered against the whole log', async () => {
    assert.ok(bigLog.length > 2.5 * 1024 * 1024);
    serveBigLog();
    const result = await server.data<{ jobs: JobLog[] }>('get_job_logs', { ...api, job_id: 399444494, tail_lines: 3 });
    const [job] = result.jobs;
    assert.equal(job.totalLines, LINES);
    assert.equal(job.firstLine, LINES - 2);
    assert.equal(job.lines, 3);
    assert.deepEqual(job.text.split('\n').filter(Boolean).map((line) => line.split(' ')[2]), [String(LINES - 2), String(LINES - 1), String(LINES)]);
    assert.equal(job.cut, undefined);
    assert.equal(sim.otherOrigin.received.length, 1);
    assert.equal(sim.otherOrigin.received[0].headers.authorization, undefined);
  });

  it('a character budget smaller than tail_lines marks the window cut', async () => {
    serveBigLog();
    const [job] = (await server.data<{ jobs: JobLog[] }>('get_job_logs', { ...api, job_id: 399444494, tail_lines: 100_000, max_chars: 1000 })).jobs;
    assert.ok(job.text.length <= 1000);
    assert.equal(job.cut, true);
    assert.equal(job.totalLines, LINES);
    assert.equal(job.firstLine + job.lines - 1, LINES);
    assert.ok(job.text.startsWith('2026-12-01T'), 'the window starts at a whole line');
  });

  it('other answers keep the cap: a listing past 1 MB is still refused', async () => {
    sim.hostile.when('/repos/sim-org/api/actions/runs', { kind: 'huge-json-array', bytes: 3 * 1024 * 1024 });
    const refused = await server.call('list_workflow_runs', api);
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /larger than 1 MB/);
  });

  it('with run_id, reports the job pages and each log read as progress', async () => {
    const from = server.transport.stdoutLines.length;
    const result = await server.call('get_job_logs', { ...api, run_id: FAILED_RUN, failed_only: true }, { onprogress: () => undefined });
    assert.equal(result.isError, undefined, textOf(result));
    const sent = server.transport.stdoutLines.slice(from).map((line) => JSON.parse(line)).filter((m) => m.method === 'notifications/progress').map((m) => m.params as { progress: number; total?: number; message?: string });
    assert.deepEqual(sent.map((p) => [p.progress, p.total]), [[1, 1], [2, 2]], JSON.stringify(sent));
    assert.match(sent[0].message ?? '', /read page 1 of the jobs of run 30433644/);
    assert.match(sent[1].message ?? '', /read the log of job test/);
  });
});

import { iso } from '../clock';
import type { Account, Repo, WorkflowJob, WorkflowRun, WorkflowStep } from '../model';
import type { World } from '../world';
import { INSTALLATION_IDS, SEED_EPOCH } from './accounts';

// GitHub Actions on sim-org/api: two workflows (ci.yml on push and workflow_dispatch with an
// input; release.yml on push of tags only, so not dispatchable), three runs of CI (the
// newest failed: its "test" job's log carries a recognisable error line) and one of Release.
// The App and its sim-org installation gain `actions: write`; the octocat installation has none.

const HOUR = 3_600_000;

export const FAILED_LOG_LINE = "Error: expected 200 but got 500 (test/api.test.ts:42)";

function logFor(name: string, lines: string[]): string {
  const stamp = '2024-01-01T00:00:00.0000000Z';
  return [`${stamp} ##[group]Run ${name}`, ...lines.map((l) => `${stamp} ${l}`), `${stamp} ##[endgroup]`].join('\n') + '\n';
}

export function seedActions(world: World): void {
  world.apps.get(1001)!.permissions.actions = 'write';
  world.installations.get(INSTALLATION_IDS.simOrg)!.permissions.actions = 'write';

  const api = world.repo('sim-org', 'api') as Repo;
  const octocat = world.account('octocat') as Account;
  const monalisa = world.account('monalisa') as Account;
  const at = (hoursAfter: number) => iso(SEED_EPOCH - 20 * 24 * HOUR + hoursAfter * HOUR);
  const main = api.branches.get('main') as string;
  const feature = api.branches.get('feature-auth') ?? main;

  api.workflows = [
    { id: 161335, name: 'CI', path: '.github/workflows/ci.yml', state: 'active', dispatchable: true, createdAt: at(0), updatedAt: at(0) },
    { id: 161336, name: 'Release', path: '.github/workflows/release.yml', state: 'active', dispatchable: false, createdAt: at(0), updatedAt: at(0) },
  ];

  let jobId = 399444490;
  const steps = (conclusions: Array<[string, string]>, start: string, end: string): WorkflowStep[] =>
    conclusions.map(([name, conclusion], i) => ({ name, number: i + 1, status: 'completed', conclusion, startedAt: start, completedAt: end }));
  const job = (runId: number, name: string, conclusion: string, start: string, end: string, stepList: Array<[string, string]>, log: string): WorkflowJob => ({
    id: jobId++, runId, runAttempt: 1, name, status: 'completed', conclusion, createdAt: start, startedAt: start, completedAt: end, steps: steps(stepList, start, end), log,
  });
  const run = (id: number, workflowId: number, runNumber: number, o: Partial<WorkflowRun> & Pick<WorkflowRun, 'headBranch' | 'headSha' | 'displayTitle' | 'actor'>): WorkflowRun => ({
    id, workflowId, runNumber, runAttempt: 1, event: 'push', status: 'completed', conclusion: 'success', triggeringActor: o.actor, createdAt: at(runNumber), updatedAt: at(runNumber + 1), runStartedAt: at(runNumber), jobs: [], artifacts: [], ...o,
  });

  const passing = (runId: number, h: number): WorkflowJob[] => [
    job(runId, 'build', 'success', at(h), at(h + 0.5), [['Set up job', 'success'], ['Checkout', 'success'], ['npm run build', 'success']], logFor('npm run build', ['> api@1.0.0 build', 'Build finished.'])),
    job(runId, 'test', 'success', at(h), at(h + 0.5), [['Set up job', 'success'], ['Checkout', 'success'], ['npm test', 'success']], logFor('npm test', ['> api@1.0.0 test', '# pass 42', '# fail 0'])),
  ];

  const r1 = run(30433642, 161335, 1, { headBranch: 'main', headSha: main, displayTitle: 'Initial commit', actor: octocat });
  r1.jobs = passing(r1.id, 1);
  r1.artifacts = [{ id: 11, name: 'dist', sizeInBytes: 556, createdAt: at(1.5), expiresAt: at(24 * 90), expired: false }];

  const r2 = run(30433643, 161335, 2, { headBranch: 'feature-auth', headSha: feature, displayTitle: 'Add token auth', actor: monalisa, event: 'pull_request' });
  r2.jobs = passing(r2.id, 2);

  const r3 = run(30433644, 161335, 3, { headBranch: 'main', headSha: main, displayTitle: 'Nightly check', actor: octocat, conclusion: 'failure' });
  const failingLog = logFor('npm test', [
    '> api@1.0.0 test',
    ...Array.from({ length: 20 }, (_, i) => `ok ${i + 1} - case ${i + 1}`),
    'not ok 21 - GET /health answers 200',
    `##[error]${FAILED_LOG_LINE}`,
    '# pass 20',
    '# fail 1',
    '##[error]Process completed with exit code 1.',
  ]);
  r3.jobs = [
    job(r3.id, 'build', 'success', at(3), at(3.5), [['Set up job', 'success'], ['Checkout', 'success'], ['npm run build', 'success']], logFor('npm run build', ['Build finished.'])),
    job(r3.id, 'test', 'failure', at(3), at(3.5), [['Set up job', 'success'], ['Checkout', 'success'], ['npm test', 'failure'], ['Post Checkout', 'skipped']], failingLog),
  ];
  r3.artifacts = [
    { id: 12, name: 'test-report', sizeInBytes: 2048, createdAt: at(3.5), expiresAt: at(24 * 90), expired: false },
    { id: 13, name: 'old-coverage', sizeInBytes: 1024, createdAt: at(3.5), expiresAt: at(4), expired: true },
  ];

  const r4 = run(30433645, 161336, 1, { headBranch: 'v1.0.0', headSha: main, displayTitle: 'v1.0.0', actor: octocat });
  r4.jobs = [job(r4.id, 'publish', 'success', at(4), at(4.5), [['Set up job', 'success'], ['Publish', 'success']], logFor('npm publish', ['+ api@1.0.0']))];

  api.workflowRuns = [r1, r2, r3, r4];
}

import { iso } from '../clock';
import { addCheckRun, addStatus } from '../ci';
import { pullHeadSha } from '../git';
import type { Account, Repo } from '../model';
import type { World } from '../world';
import { SEED_EPOCH } from './accounts';

// CI results on the heads of sim-org/api's open pull requests 1 and 2: commit statuses
// (one context reported twice, so "latest per context" matters) and check runs by sim-app,
// with one failing run on PR 1 and one failing status on PR 2.

const HOUR = 3_600_000;

export function seedChecks(world: World): void {
  const api = world.repo('sim-org', 'api') as Repo;
  const bot = world.account('sim-app[bot]') as Account;
  const at = (hoursAfter: number) => iso(SEED_EPOCH - 29 * 24 * HOUR + hoursAfter * HOUR);
  const head = (number: number) => pullHeadSha(api, api.issues.find((i) => i.number === number && i.pull) as NonNullable<Repo['issues'][number]>);
  const ci = 'https://ci.example.com/sim-org/api/builds';

  const one = head(1);
  addStatus(world, api, { sha: one, state: 'pending', context: 'ci/build', description: 'Build queued', targetUrl: `${ci}/101`, creator: bot, date: at(1) });
  addStatus(world, api, { sha: one, state: 'success', context: 'ci/build', description: 'Build passed', targetUrl: `${ci}/101`, creator: bot, date: at(2) });
  addStatus(world, api, { sha: one, state: 'success', context: 'ci/coverage', description: 'Coverage 91%', targetUrl: `${ci}/102`, creator: bot, date: at(2) });
  addCheckRun(world, api, { headSha: one, name: 'test', appId: 1001, status: 'completed', conclusion: 'success', output: { title: '42 tests passed', summary: 'All tests passed.' }, startedAt: at(1), completedAt: at(2), date: at(1) });
  addCheckRun(world, api, { headSha: one, name: 'lint', appId: 1001, status: 'completed', conclusion: 'failure', output: { title: '3 problems', summary: 'src/auth.ts: missing return type.' }, startedAt: at(1), completedAt: at(2), date: at(1) });
  addCheckRun(world, api, { headSha: one, name: 'e2e', appId: 1001, status: 'in_progress', startedAt: at(2), date: at(2) });

  const two = head(2);
  addStatus(world, api, { sha: two, state: 'failure', context: 'ci/build', description: 'Build failed', targetUrl: `${ci}/201`, creator: bot, date: at(3) });
  addCheckRun(world, api, { headSha: two, name: 'test', appId: 1001, status: 'completed', conclusion: 'success', output: { title: '40 tests passed', summary: 'All tests passed.' }, startedAt: at(3), completedAt: at(4), date: at(3) });
}

import { iso } from '../clock';
import { commitToBranch } from '../git';
import { createIssue, setIssueState } from '../mutations';
import { seededRandom } from '../random';
import type { Account, Repo } from '../model';
import type { World } from '../world';
import { SEED_EPOCH } from './accounts';

// octocat/hello-world's 120 issues: varied state, labels, comments and
// assignees, with pull requests interleaved (GitHub's issue list includes PRs).

export const HELLO_WORLD_ISSUE_COUNT = 120;
const LABELS = ['bug', 'enhancement', 'documentation', 'question', 'good first issue', 'help wanted'];
const TOPICS = ['login page', 'README typo', 'CLI flags', 'unicode names', 'error messages', 'the build', 'Windows paths', 'dark mode', 'pagination', 'rate limits'];

export function isSeedPull(n: number): boolean {
  return n % 10 === 3;
}

function longBody(n: number, rand: () => number): string {
  const target = 5_000 + Math.floor(rand() * 15_000);
  const lines = [`## Report for #${n}`, ''];
  let i = 0;
  while (lines.join('\n').length < target) {
    lines.push(`${++i}. Step ${i}: the output contains \`value-${n}-${i}\` where we expected something else, see log below.`);
  }
  return lines.join('\n');
}

export function seedHelloWorldIssues(world: World, repo: Repo): void {
  const rand = seededRandom(1296269);
  const people = ['octocat', 'hubot', 'monalisa'].map((l) => world.account(l) as Account);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const hour = 3_600_000;
  const start = SEED_EPOCH - 180 * 24 * hour;

  for (let n = 1; n <= HELLO_WORLD_ISSUE_COUNT; n++) {
    const createdMs = start + n * 30 * hour;
    const createdAt = iso(createdMs);
    const author = people[n % 3];
    const labels = LABELS.filter(() => rand() < 0.25);
    const assignees = people.filter(() => rand() < 0.3);
    const topic = pick(TOPICS);
    let pull: { headRef: string; headSha: string; baseRef: string; draft: boolean } | undefined;
    if (isSeedPull(n)) {
      // Each PR branch forks from main and adds one note file.
      const headRef = `feature-${n}`;
      repo.branches.set(headRef, repo.branches.get('main') as string);
      const c = commitToBranch(repo, headRef, { [`notes/feature-${n}.md`]: `# Feature ${n}\n\nImproves ${topic}.\n` }, `Improve ${topic}`, author, createdAt);
      pull = { headRef, headSha: c.sha, baseRef: 'main', draft: n === 43 };
    }
    const body = n % 15 === 7 ? longBody(n, rand) : rand() < 0.1 ? null : `Something is off with ${topic}.\n\nSeen in build ${n * 7}.`;
    const issue = createIssue(world, repo, {
      title: pull ? `Improve ${topic} (#${n})` : `${pick(['Bug', 'Question', 'Idea', 'Problem'])}: ${topic} #${n}`,
      body,
      user: author,
      labels,
      assignees,
      createdAt,
      pull,
    });
    const commentCount = Math.floor(rand() * 6);
    let last = createdMs;
    for (let c = 0; c < commentCount; c++) {
      last += Math.floor(rand() * 48 + 1) * hour;
      const when = iso(last);
      issue.comments.push({ id: world.id(), user: pick(people), body: `Comment ${c + 1} on #${n}: ${pick(['+1', 'Can reproduce.', 'Fixed in main?', 'Working on it.'])}`, createdAt: when, updatedAt: when });
    }
    // Updated time is independent of creation order so sort=updated differs from sort=created.
    issue.updatedAt = iso(Math.max(last, createdMs + Math.floor(rand() * 2000) * hour));
    if (rand() < 0.3) {
      const updated = issue.updatedAt;
      setIssueState(issue, 'closed', pick(people), updated, rand() < 0.8 ? 'completed' : 'not_planned');
      if (issue.pull) issue.stateReason = null;
    }
  }
}

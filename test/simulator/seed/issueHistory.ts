import { iso } from '../clock';
import { setMilestone } from '../mutations';
import type { Account, Issue, Milestone, Repo } from '../model';
import { recordEvent, recordMentions } from '../timeline';
import type { World } from '../world';
import { SEED_EPOCH } from './accounts';

// Milestones, sim-org's issue types, sub-issues and some timeline history (a rename, a commit
// reference, cross-references from public and private repositories), built after seedRepos.

const DAY = 86_400_000;
const at = (day: number) => iso(SEED_EPOCH + day * DAY);

function milestone(world: World, repo: Repo, spec: Omit<Milestone, 'id' | 'number' | 'createdAt' | 'updatedAt' | 'closedAt'> & { day: number; closedDay?: number }): Milestone {
  const list = (repo.milestones ??= []);
  const m: Milestone = {
    id: world.id(),
    number: list.length + 1,
    title: spec.title,
    description: spec.description,
    state: spec.state,
    creator: spec.creator,
    createdAt: at(spec.day),
    updatedAt: at(spec.closedDay ?? spec.day),
    closedAt: spec.closedDay === undefined ? null : at(spec.closedDay),
    dueOn: spec.dueOn,
  };
  list.push(m);
  return m;
}

function issue(repo: Repo, n: number): Issue {
  const found = repo.issues.find((i) => i.number === n);
  if (!found) throw new Error(`seed: no issue ${repo.name}#${n}`);
  return found;
}

function comment(world: World, repo: Repo, target: Issue, user: Account, body: string, when: string): void {
  target.comments.push({ id: world.id(), user, body, createdAt: when, updatedAt: when });
  recordMentions(world, repo, target, body, user, when);
}

export function seedIssueHistory(world: World): void {
  const octocat = world.account('octocat') as Account;
  const hubot = world.account('hubot') as Account;
  const hello = world.repo('octocat', 'hello-world') as Repo;
  const api = world.repo('sim-org', 'api') as Repo;
  const priv = world.repo('octocat', 'private-repo') as Repo;
  const simOrg = world.account('sim-org') as Account;

  const v1 = milestone(world, hello, { title: 'v1.0', description: 'Tracking milestone for version 1.0', state: 'open', creator: octocat, dueOn: at(30), day: -170 });
  const v09 = milestone(world, hello, { title: 'v0.9', description: 'The beta', state: 'closed', creator: octocat, dueOn: at(-60), day: -175, closedDay: -58 });
  milestone(world, hello, { title: 'Backlog', description: null, state: 'open', creator: hubot, dueOn: null, day: -100 });
  for (const i of hello.issues) {
    if (i.pull) continue;
    if (i.number % 10 === 1) setMilestone(hello, i, v1, octocat, i.createdAt);
    if (i.number % 10 === 5) setMilestone(hello, i, v09, octocat, i.createdAt);
  }
  milestone(world, api, { title: 'Q1', description: 'First quarter', state: 'open', creator: octocat, dueOn: at(60), day: -40 });

  simOrg.issueTypes = [
    { id: 410, name: 'Task', description: 'A specific piece of work', color: 'yellow', createdAt: at(-90), updatedAt: at(-90) },
    { id: 411, name: 'Bug', description: 'An unexpected problem or behavior', color: 'red', createdAt: at(-90), updatedAt: at(-90) },
    { id: 412, name: 'Feature', description: 'A request, idea, or new functionality', color: 'blue', createdAt: at(-90), updatedAt: at(-90) },
  ];

  // hello-world #1: renamed, referenced by a commit, mentioned from #2, sim-org/api#5 and private-repo#1.
  const one = issue(hello, 1);
  recordEvent(one, { event: 'renamed', actor: octocat, createdAt: iso(Date.parse(one.createdAt) + 3_600_000), rename: { from: 'Draft', to: one.title } });
  const greet = [...hello.commits.values()].find((c) => c.message === 'Greet by name');
  if (greet) recordEvent(one, { event: 'referenced', actor: octocat, createdAt: greet.date, commitId: greet.sha });
  comment(world, hello, issue(hello, 2), hubot, 'Same cause as #1, I think.', at(-19));
  comment(world, api, issue(api, 5), hubot, 'Upstream: octocat/hello-world#1', at(-18));
  comment(world, priv, issue(priv, 1), octocat, 'Related to octocat/hello-world#1 (private note).', at(-4));

  // Sub-issues: hello-world #1 has #2 and #4; sim-org/api #5 has #6.
  for (const [repo, parent, subs] of [[hello, 1, [2, 4]], [api, 5, [6]]] as const) {
    const p = issue(repo, parent);
    for (const n of subs) {
      const child = issue(repo, n);
      child.parent = { repo, issue: p };
      (p.subIssues ??= []).push({ repo, issue: child });
    }
  }
}

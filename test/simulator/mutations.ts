import { comparePull, createCommit, pullHeadSha } from './git';
import type { Account, Commit, Issue, Label, Milestone, Repo } from './model';
import { recordAssignees, recordEvent, recordLabels, recordMentions } from './timeline';
import type { World } from './world';

// State changes shared by the seed data and the HTTP routes, so fixtures are
// built through the same code paths that tests later exercise.

const LABEL_COLORS: Record<string, string> = {
  bug: 'd73a4a',
  documentation: '0075ca',
  duplicate: 'cfd3d7',
  enhancement: 'a2eeef',
  'good first issue': '7057ff',
  'help wanted': '008672',
  invalid: 'e4e669',
  question: 'd876e3',
  wontfix: 'ffffff',
};

export function ensureLabel(world: World, repo: Repo, name: string): Label {
  const key = name.toLowerCase();
  let label = repo.labels.get(key);
  if (!label) {
    const isDefault = name in LABEL_COLORS;
    label = { id: world.id(), name, color: LABEL_COLORS[name] ?? 'ededed', description: null, isDefault };
    repo.labels.set(key, label);
  }
  return label;
}

export interface NewIssue {
  title: string;
  body: string | null;
  user: Account;
  labels?: string[];
  assignees?: Account[];
  createdAt: string;
  pull?: { headRef: string; headSha: string; baseRef: string; draft: boolean };
}

export function createIssue(world: World, repo: Repo, input: NewIssue): Issue {
  // Discussions share the numbering, as on GitHub.
  const number = [...repo.issues, ...(repo.discussions ?? [])].reduce((max, i) => Math.max(max, i.number), 0) + 1;
  const labels = (input.labels ?? []).map((name) => ensureLabel(world, repo, name).name);
  const issue: Issue = {
    id: world.id(),
    number,
    title: input.title,
    body: input.body,
    state: 'open',
    stateReason: null,
    user: input.user,
    labels,
    assignees: input.assignees ?? [],
    comments: [],
    createdAt: input.createdAt,
    updatedAt: input.createdAt,
    closedAt: null,
    closedBy: null,
    locked: false,
  };
  if (input.pull) {
    issue.pull = { id: world.id(), ...input.pull, merged: false, mergedAt: null, mergedBy: null, mergeCommitSha: null };
  }
  repo.issues.push(issue);
  // GitHub's timeline starts with the labels and assignees an issue was opened with.
  recordLabels(issue, [], labels, (name) => repo.labels.get(name.toLowerCase()), input.user, input.createdAt);
  recordAssignees(issue, [], issue.assignees, input.user, input.createdAt);
  recordMentions(world, repo, issue, input.body, input.user, input.createdAt);
  return issue;
}

/** Sets (or with null clears) an issue's milestone and records milestoned/demilestoned. */
export function setMilestone(repo: Repo, issue: Issue, milestone: Milestone | null, by: Account, date: string): void {
  const current = repo.milestones?.find((m) => m.number === issue.milestoneNumber);
  if (current?.number === milestone?.number) return;
  if (current) recordEvent(issue, { event: 'demilestoned', actor: by, createdAt: date, milestone: { title: current.title } });
  if (milestone) recordEvent(issue, { event: 'milestoned', actor: by, createdAt: date, milestone: { title: milestone.title } });
  issue.milestoneNumber = milestone?.number ?? null;
}

export function setIssueState(issue: Issue, state: 'open' | 'closed', by: Account, date: string, reason?: Issue['stateReason']): void {
  if (issue.state === state) return;
  issue.state = state;
  issue.updatedAt = date;
  if (state === 'closed') {
    issue.closedAt = date;
    issue.closedBy = by;
    issue.stateReason = reason ?? (issue.pull ? null : 'completed');
  } else {
    issue.closedAt = null;
    issue.closedBy = null;
    issue.stateReason = issue.pull ? null : 'reopened';
  }
  recordEvent(issue, { event: state === 'closed' ? 'closed' : 'reopened', actor: by, createdAt: date, stateReason: issue.stateReason });
}

export type MergeMethod = 'merge' | 'squash' | 'rebase';

/** Merges a pull request into its base branch; returns null on a conflict. */
export function mergePull(
  repo: Repo,
  issue: Issue,
  opts: { method: MergeMethod; by: Account; date: string; title?: string; message?: string },
): Commit | null {
  const pull = issue.pull;
  if (!pull) throw new Error('not a pull request');
  const headSha = pullHeadSha(repo, issue);
  const baseSha = repo.branches.get(pull.baseRef);
  if (!baseSha) return null;
  const cmp = comparePull(repo, baseSha, headSha);
  if (!cmp.mergedTree) return null;
  const title =
    opts.title ??
    (opts.method === 'merge' ? `Merge pull request #${issue.number} from ${repo.owner.login}/${pull.headRef}` : `${issue.title} (#${issue.number})`);
  const message = opts.message ?? (opts.method === 'merge' ? issue.title : '');
  const commit = createCommit(repo, {
    // Rebase is simplified to one commit on top of the base branch.
    parents: opts.method === 'merge' ? [baseSha, headSha] : [baseSha],
    tree: cmp.mergedTree,
    message: message ? `${title}\n\n${message}` : title,
    author: opts.by,
    date: opts.date,
  });
  repo.branches.set(pull.baseRef, commit.sha);
  repo.pushedAt = opts.date;
  pull.headSha = headSha;
  pull.merged = true;
  pull.mergedAt = opts.date;
  pull.mergedBy = opts.by;
  pull.mergeCommitSha = commit.sha;
  recordEvent(issue, { event: 'merged', actor: opts.by, createdAt: opts.date, commitId: commit.sha });
  setIssueState(issue, 'closed', opts.by, opts.date);
  return commit;
}

import { nodeId } from '../random';
import { comparePull, pullBaseSha, pullHeadSha } from '../git';
import type { Account, Comment, Issue, Label, Milestone, Repo } from '../model';
import type { Ctx } from '../http/context';
import { simpleUser } from './accounts';
import { repoJson } from './repos';

// Issues, comments, labels and pull requests in GitHub's JSON shapes.

export function authorAssociation(ctx: Ctx, repo: Repo, user: Account): string {
  if (repo.owner.id === user.id) return 'OWNER';
  if (ctx.services.world.account(repo.owner.login)?.members?.has(user.login)) return 'MEMBER';
  if (repo.collaborators.has(user.login)) return 'COLLABORATOR';
  return 'NONE';
}

export function labelJson(ctx: Ctx, repo: Repo, label: Label): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.isDefault,
    description: label.description,
  };
}

export function milestoneJson(ctx: Ctx, repo: Repo, m: Milestone): Record<string, unknown> {
  const url = `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}/milestones/${m.number}`;
  const inIt = repo.issues.filter((i) => i.milestoneNumber === m.number);
  return {
    url,
    html_url: `${ctx.webBase}/${repo.owner.login}/${repo.name}/milestone/${m.number}`,
    labels_url: `${url}/labels`,
    id: m.id,
    node_id: nodeId('Milestone', m.id),
    number: m.number,
    state: m.state,
    title: m.title,
    description: m.description,
    creator: m.creator ? simpleUser(ctx, m.creator) : null,
    open_issues: inIt.filter((i) => i.state === 'open').length,
    closed_issues: inIt.filter((i) => i.state === 'closed').length,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    closed_at: m.closedAt,
    due_on: m.dueOn,
  };
}

function milestoneOf(ctx: Ctx, repo: Repo, issue: Issue): Record<string, unknown> | null {
  const m = issue.milestoneNumber ? repo.milestones?.find((x) => x.number === issue.milestoneNumber) : undefined;
  return m ? milestoneJson(ctx, repo, m) : null;
}

/** GitHub's sub_issues_summary: how many sub-issues, how many closed as completed. */
function subIssuesSummary(issue: Issue): Record<string, number> {
  const subs = issue.subIssues ?? [];
  const completed = subs.filter((s) => s.issue.state === 'closed').length;
  return { total: subs.length, completed, percent_completed: subs.length ? Math.floor((completed * 100) / subs.length) : 0 };
}

function labelsOf(ctx: Ctx, repo: Repo, issue: Issue): Array<Record<string, unknown>> {
  return issue.labels.map((name) => repo.labels.get(name.toLowerCase())).filter((l): l is Label => !!l).map((l) => labelJson(ctx, repo, l));
}

export function issueJson(ctx: Ctx, repo: Repo, issue: Issue, single = false): Record<string, unknown> {
  const repoUrl = `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}`;
  const url = `${repoUrl}/issues/${issue.number}`;
  const html = `${ctx.webBase}/${repo.owner.login}/${repo.name}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`;
  const out: Record<string, unknown> = {
    url,
    repository_url: repoUrl,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    id: issue.id,
    node_id: nodeId(issue.pull ? 'PullRequest' : 'Issue', issue.id),
    number: issue.number,
    title: issue.title,
    user: simpleUser(ctx, issue.user),
    labels: labelsOf(ctx, repo, issue),
    state: issue.state,
    locked: issue.locked,
    assignee: issue.assignees[0] ? simpleUser(ctx, issue.assignees[0]) : null,
    assignees: issue.assignees.map((a) => simpleUser(ctx, a)),
    milestone: milestoneOf(ctx, repo, issue),
    comments: issue.comments.length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: authorAssociation(ctx, repo, issue.user),
    active_lock_reason: null,
    body: issue.body,
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.stateReason,
  };
  if (!issue.pull) out.sub_issues_summary = subIssuesSummary(issue);
  if (issue.parent) out.parent_issue_url = `${ctx.apiBase}/repos/${issue.parent.repo.owner.login}/${issue.parent.repo.name}/issues/${issue.parent.issue.number}`;
  if (issue.pull) {
    out.draft = issue.pull.draft;
    const pullUrl = `${repoUrl}/pulls/${issue.number}`;
    out.pull_request = { url: pullUrl, html_url: html, diff_url: `${html}.diff`, patch_url: `${html}.patch`, merged_at: issue.pull.mergedAt };
  }
  if (single) out.closed_by = issue.closedBy ? simpleUser(ctx, issue.closedBy) : null;
  return out;
}

export function commentJson(ctx: Ctx, repo: Repo, issue: Issue, c: Comment): Record<string, unknown> {
  const repoUrl = `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}`;
  return {
    url: `${repoUrl}/issues/comments/${c.id}`,
    html_url: `${ctx.webBase}/${repo.owner.login}/${repo.name}/${issue.pull ? 'pull' : 'issues'}/${issue.number}#issuecomment-${c.id}`,
    issue_url: `${repoUrl}/issues/${issue.number}`,
    id: c.id,
    node_id: nodeId('IssueComment', c.id),
    user: simpleUser(ctx, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: authorAssociation(ctx, repo, c.user),
    body: c.body,
    performed_via_github_app: null,
  };
}

function branchRef(ctx: Ctx, repo: Repo, ref: string, sha: string): Record<string, unknown> {
  return { label: `${repo.owner.login}:${ref}`, ref, sha, user: simpleUser(ctx, repo.owner), repo: repoJson(ctx, repo) };
}

export function pullJson(ctx: Ctx, repo: Repo, issue: Issue, single = false): Record<string, unknown> {
  const pull = issue.pull;
  if (!pull) throw new Error('not a pull request');
  const repoUrl = `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}`;
  const url = `${repoUrl}/pulls/${issue.number}`;
  const html = `${ctx.webBase}/${repo.owner.login}/${repo.name}/pull/${issue.number}`;
  const headSha = pullHeadSha(repo, issue);
  const baseSha = pullBaseSha(repo, issue) ?? headSha;
  const out: Record<string, unknown> = {
    url,
    id: pull.id,
    node_id: nodeId('PullRequest', pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${repoUrl}/issues/${issue.number}`,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: simpleUser(ctx, issue.user),
    body: issue.body,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: issue.assignees[0] ? simpleUser(ctx, issue.assignees[0]) : null,
    assignees: issue.assignees.map((a) => simpleUser(ctx, a)),
    requested_reviewers: (pull.requestedReviewers ?? []).map((u) => simpleUser(ctx, u)),
    requested_teams: [],
    labels: labelsOf(ctx, repo, issue),
    milestone: milestoneOf(ctx, repo, issue),
    draft: pull.draft,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoUrl}/pulls/comments{/number}`,
    comments_url: `${repoUrl}/issues/${issue.number}/comments`,
    statuses_url: `${repoUrl}/statuses/${headSha}`,
    head: branchRef(ctx, repo, pull.headRef, headSha),
    base: branchRef(ctx, repo, pull.baseRef, baseSha),
    author_association: authorAssociation(ctx, repo, issue.user),
    auto_merge: null,
    active_lock_reason: null,
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: `${repoUrl}/issues/${issue.number}` },
      comments: { href: `${repoUrl}/issues/${issue.number}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${repoUrl}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${repoUrl}/statuses/${headSha}` },
    },
  };
  if (single) {
    const cmp = repo.commits.has(baseSha) ? comparePull(repo, baseSha, headSha) : undefined;
    const mergeable = issue.state === 'open' ? !!cmp?.mergedTree : null;
    Object.assign(out, {
      merged: pull.merged,
      mergeable,
      rebaseable: mergeable,
      mergeable_state: issue.state !== 'open' ? 'unknown' : pull.draft ? 'draft' : mergeable ? 'clean' : 'dirty',
      merged_by: pull.mergedBy ? simpleUser(ctx, pull.mergedBy) : null,
      comments: issue.comments.length,
      review_comments: submittedReviewComments(issue),
      maintainer_can_modify: pull.maintainerCanModify ?? false,
      commits: cmp?.commits.length ?? 0,
      additions: cmp?.changes.reduce((n, c) => n + c.additions, 0) ?? 0,
      deletions: cmp?.changes.reduce((n, c) => n + c.deletions, 0) ?? 0,
      changed_files: cmp?.changes.length ?? 0,
    });
  }
  return out;
}

/** Review comments everyone sees: those of submitted reviews. */
function submittedReviewComments(issue: Issue): number {
  const state = issue.pull?.reviews;
  if (!state) return 0;
  const pending = new Set(state.reviews.filter((r) => r.state === 'PENDING').map((r) => r.id));
  return state.comments.filter((c) => !pending.has(c.reviewId)).length;
}

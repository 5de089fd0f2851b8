import { nodeId } from '../random';
import type { Comment, Commit, Issue, IssueType, Repo, TimelineEvent } from '../model';
import type { Ctx } from '../http/context';
import { simpleUser } from './accounts';
import { authorAssociation, commentJson, issueJson } from './issues';
import { repoJson } from './repos';

// Timeline events and organization issue types in GitHub's JSON shapes.

/** A recorded event: the issue-event core (id, actor, commit_id...) plus its own fields. */
export function eventJson(ctx: Ctx, repo: Repo, e: TimelineEvent): Record<string, unknown> {
  if (e.event === 'cross-referenced' && e.source) {
    return {
      event: e.event,
      actor: e.actor ? simpleUser(ctx, e.actor) : null,
      created_at: e.createdAt,
      updated_at: e.createdAt,
      source: { type: 'issue', issue: issueJson(ctx, e.source.repo, e.source.issue) },
    };
  }
  const repoUrl = `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}`;
  const out: Record<string, unknown> = {
    id: e.id,
    node_id: nodeId(eventNodeType(e.event), e.id),
    url: `${repoUrl}/issues/events/${e.id}`,
    actor: e.actor ? simpleUser(ctx, e.actor) : null,
    event: e.event,
    commit_id: e.commitId ?? null,
    commit_url: e.commitId ? `${repoUrl}/commits/${e.commitId}` : null,
    created_at: e.createdAt,
    performed_via_github_app: null,
  };
  if (e.label) out.label = e.label;
  if (e.assignee) out.assignee = simpleUser(ctx, e.assignee);
  if (e.rename) out.rename = e.rename;
  if (e.milestone) out.milestone = e.milestone;
  if (e.event === 'closed' || e.event === 'reopened') out.state_reason = e.stateReason ?? null;
  if (e.related) {
    const { repo: where, issue: other } = e.related;
    out[e.event.startsWith('sub_issue') ? 'sub_issue' : 'parent_issue'] = {
      number: other.number,
      title: other.title,
      state: other.state,
      state_reason: other.stateReason,
      repository: repoJson(ctx, where),
      issue_type: null,
    };
  }
  return out;
}

function eventNodeType(event: string): string {
  const words = event.split(/[-_]/).map((w) => w[0].toUpperCase() + w.slice(1));
  return `${words.join('')}Event`;
}

export function commentedJson(ctx: Ctx, repo: Repo, issue: Issue, c: Comment): Record<string, unknown> {
  return { event: 'commented', actor: simpleUser(ctx, c.user), ...commentJson(ctx, repo, issue, c), author_association: authorAssociation(ctx, repo, c.user) };
}

export function committedJson(ctx: Ctx, repo: Repo, c: Commit): Record<string, unknown> {
  const repoUrl = `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}`;
  const web = `${ctx.webBase}/${repo.owner.login}/${repo.name}`;
  const person = { name: c.authorName, email: c.authorEmail, date: c.date };
  return {
    event: 'committed',
    sha: c.sha,
    node_id: nodeId('Commit', Number.parseInt(c.sha.slice(0, 8), 16)),
    url: `${repoUrl}/git/commits/${c.sha}`,
    html_url: `${web}/commit/${c.sha}`,
    author: person,
    committer: person,
    tree: { sha: c.treeSha, url: `${repoUrl}/git/trees/${c.treeSha}` },
    message: c.message,
    parents: c.parents.map((sha) => ({ sha, url: `${repoUrl}/git/commits/${sha}`, html_url: `${web}/commit/${sha}` })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

export function issueTypeJson(t: IssueType): Record<string, unknown> {
  return { id: t.id, node_id: nodeId('IssueType', t.id), name: t.name, description: t.description, color: t.color, created_at: t.createdAt, updated_at: t.updatedAt, is_enabled: true };
}

import { nodeId } from '../random';
import { repoPermissions } from '../access';
import type { Repo } from '../model';
import type { Ctx } from '../http/context';
import { simpleUser } from './accounts';

// The full repository object (GET /repos/{owner}/{repo} and every list).

/** `single`: the single-repository answer (GET /repos/{owner}/{repo}), which adds counts and the organization. */
export function repoJson(ctx: Ctx, repo: Repo, single = false): Record<string, unknown> {
  const full = `${repo.owner.login}/${repo.name}`;
  const url = `${ctx.apiBase}/repos/${full}`;
  const html = `${ctx.webBase}/${full}`;
  const host = new URL(ctx.webBase).host;
  const openIssues = repo.issues.filter((i) => i.state === 'open').length;
  const out: Record<string, unknown> = {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: full,
    private: repo.private,
    owner: simpleUser(ctx, repo.owner),
    html_url: html,
    description: repo.description,
    fork: repo.parent !== undefined,
    url,
    forks_url: `${url}/forks`,
    keys_url: `${url}/keys{/key_id}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    teams_url: `${url}/teams`,
    hooks_url: `${url}/hooks`,
    issue_events_url: `${url}/issues/events{/number}`,
    events_url: `${url}/events`,
    assignees_url: `${url}/assignees{/user}`,
    branches_url: `${url}/branches{/branch}`,
    tags_url: `${url}/tags`,
    blobs_url: `${url}/git/blobs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    trees_url: `${url}/git/trees{/sha}`,
    statuses_url: `${url}/statuses/{sha}`,
    languages_url: `${url}/languages`,
    stargazers_url: `${url}/stargazers`,
    contributors_url: `${url}/contributors`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    commits_url: `${url}/commits{/sha}`,
    git_commits_url: `${url}/git/commits{/sha}`,
    comments_url: `${url}/comments{/number}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    contents_url: `${url}/contents/{+path}`,
    compare_url: `${url}/compare/{base}...{head}`,
    merges_url: `${url}/merges`,
    archive_url: `${url}/{archive_format}{/ref}`,
    downloads_url: `${url}/downloads`,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    labels_url: `${url}/labels{/name}`,
    releases_url: `${url}/releases{/id}`,
    deployments_url: `${url}/deployments`,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    pushed_at: repo.pushedAt,
    git_url: `git://${host}/${full}.git`,
    ssh_url: `git@${host}:${full}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: null,
    size: 108,
    stargazers_count: repo.stars,
    watchers_count: repo.stars,
    language: repo.language,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: repo.forks,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: repo.topics,
    visibility: repo.private ? 'private' : 'public',
    forks: repo.forks,
    open_issues: openIssues,
    watchers: repo.stars,
    default_branch: repo.defaultBranch,
  };
  const permissions = repoPermissions(ctx, repo);
  if (permissions) out.permissions = permissions;
  if (single) {
    if (repo.owner.type === 'Organization') out.organization = simpleUser(ctx, repo.owner);
    out.network_count = repo.forks;
    out.subscribers_count = repo.collaborators.size + 1;
    if (repo.parent) {
      // A fork names its parent and the root of its network.
      let source = repo.parent;
      while (source.parent) source = source.parent;
      out.parent = repoJson(ctx, repo.parent);
      out.source = repoJson(ctx, source);
    }
  }
  return out;
}

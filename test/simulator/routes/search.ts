import { canSee } from '../access';
import { json, type Ctx, type Reply } from '../http/context';
import { validationFailed } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Issue, Repo } from '../model';
import { simpleUser } from '../render/accounts';
import { issueJson } from '../render/issues';
import { repoJson } from '../render/repos';
import { sortIssues } from './issues';

// /search/issues, /search/repositories and /search/users: a faithful subset
// of GitHub's query language (qualifiers plus free-text words).

interface Query {
  words: string[];
  quals: Array<{ key: string; value: string; negated: boolean }>;
}

function parseQuery(ctx: Ctx): Query {
  const q = ctx.query.get('q');
  if (!q || !q.trim()) throw validationFailed([{ resource: 'Search', field: 'q', code: 'missing' }]);
  const tokens = q.match(/-?\w+:"[^"]*"|-?\w+:\S+|"[^"]*"|\S+/g) ?? [];
  const parsed: Query = { words: [], quals: [] };
  for (const token of tokens) {
    const m = /^(-?)(\w+):(.+)$/.exec(token);
    if (m) parsed.quals.push({ negated: m[1] === '-', key: m[2].toLowerCase(), value: m[3].replace(/^"|"$/g, '') });
    else parsed.words.push(token.replace(/^"|"$/g, '').toLowerCase());
  }
  return parsed;
}

function searchReply(ctx: Ctx, items: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}): Reply {
  const page = paginate(ctx, items);
  return json({ total_count: items.length, incomplete_results: false, ...extra, items: page.map((i) => ({ ...i, score: 1 })) });
}

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function repoQualifier(repo: Repo, key: string, value: string): boolean | undefined {
  switch (key) {
    case 'repo':
      return eq(`${repo.owner.login}/${repo.name}`, value);
    case 'user':
    case 'org':
    case 'owner':
      return eq(repo.owner.login, value);
    case 'language':
      return !!repo.language && eq(repo.language, value);
    case 'topic':
      return repo.topics.some((t) => eq(t, value));
    default:
      return undefined;
  }
}

function issueMatches(issue: Issue, repo: Repo, q: Query): boolean {
  for (const { key, value, negated } of q.quals) {
    let ok = repoQualifier(repo, key, value);
    const v = value.toLowerCase();
    if (ok === undefined) {
      if (key === 'is' || key === 'type' || key === 'state') {
        if (v === 'issue') ok = !issue.pull;
        else if (v === 'pr' || v === 'pull-request') ok = !!issue.pull;
        else if (v === 'open' || v === 'closed') ok = issue.state === v;
        else if (v === 'merged') ok = !!issue.pull?.merged;
        else if (v === 'unmerged') ok = !!issue.pull && !issue.pull.merged && issue.state === 'closed';
        else if (v === 'public' || v === 'private') ok = repo.private === (v === 'private');
        else if (v === 'draft') ok = !!issue.pull?.draft;
        else ok = true;
      } else if (key === 'label') ok = value.split(',').some((l) => issue.labels.some((x) => eq(x, l)));
      else if (key === 'author') ok = eq(issue.user.login, value);
      else if (key === 'assignee') ok = issue.assignees.some((a) => eq(a.login, value));
      else if (key === 'no') ok = v === 'label' ? issue.labels.length === 0 : v === 'assignee' ? issue.assignees.length === 0 : true;
      else if (key === 'in') ok = true;
      else if (key === 'review-requested') ok = !!issue.pull?.requestedReviewers?.some((u) => eq(u.login, value));
      else if (key === 'draft') ok = !!issue.pull && issue.pull.draft === (v === 'true');
      else if (key === 'head' || key === 'base') ok = !!issue.pull && eq(key === 'head' ? issue.pull.headRef : issue.pull.baseRef, value);
      else ok = true; // Unsupported qualifiers are ignored rather than failing the search.
    }
    if (ok === negated) return false;
  }
  const scopes = q.quals.filter((x) => x.key === 'in').map((x) => x.value.toLowerCase());
  const text = [scopes.length === 0 || scopes.includes('title') ? issue.title : '', scopes.length === 0 || scopes.includes('body') ? (issue.body ?? '') : '', scopes.length === 0 || scopes.includes('comments') ? issue.comments.map((c) => c.body).join('\n') : '']
    .join('\n')
    .toLowerCase();
  return q.words.every((w) => text.includes(w));
}

function searchIssues(ctx: Ctx): Reply {
  const q = parseQuery(ctx);
  const hits: Array<[Repo, Issue]> = [];
  for (const repo of ctx.services.world.repos.values()) {
    if (!canSee(ctx, repo)) continue;
    for (const issue of repo.issues) if (issueMatches(issue, repo, q)) hits.push([repo, issue]);
  }
  const byIssue = new Map(hits.map(([repo, issue]) => [issue, repo]));
  const sorted = sortIssues([...byIssue.keys()], ctx.query.get('sort') ?? 'created', ctx.query.get('order') ?? 'desc');
  // Issue search also says which engine answered; this one is plain lexical matching.
  return searchReply(ctx, sorted.map((issue) => issueJson(ctx, byIssue.get(issue) as Repo, issue)), { search_type: 'lexical' });
}

function searchRepos(ctx: Ctx): Reply {
  const q = parseQuery(ctx);
  const repos = [...ctx.services.world.repos.values()].filter((repo) => {
    if (!canSee(ctx, repo)) return false;
    for (const { key, value, negated } of q.quals) {
      let ok = repoQualifier(repo, key, value);
      if (ok === undefined && key === 'is') ok = value === 'private' ? repo.private : value === 'public' ? !repo.private : true;
      if (ok === undefined) ok = true;
      if (ok === negated) return false;
    }
    const text = `${repo.owner.login}/${repo.name}\n${repo.description ?? ''}`.toLowerCase();
    return q.words.every((w) => text.includes(w));
  });
  const sort = ctx.query.get('sort');
  const asc = ctx.query.get('order') === 'asc';
  const key = (r: Repo): number | string => (sort === 'stars' ? r.stars : sort === 'forks' ? r.forks : sort === 'updated' ? r.updatedAt : r.id);
  repos.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id) * (asc || !sort ? 1 : -1));
  return searchReply(ctx, repos.map((r) => repoJson(ctx, r)));
}

function searchUsers(ctx: Ctx): Reply {
  const q = parseQuery(ctx);
  const users = [...ctx.services.world.accountsById.values()].filter((a) => {
    if (a.type === 'Bot') return false;
    for (const { key, value, negated } of q.quals) {
      const ok = key === 'type' ? eq(a.type === 'Organization' ? 'org' : 'user', value) : true;
      if (ok === negated) return false;
    }
    const text = `${a.login}\n${a.name ?? ''}`.toLowerCase();
    return q.words.every((w) => text.includes(w));
  });
  users.sort((a, b) => a.id - b.id);
  return searchReply(ctx, users.map((u) => simpleUser(ctx, u)));
}

export function searchRoutes(router: Router): void {
  const search = { resource: 'search' as const };
  router
    .add('GET', '/search/issues', searchIssues, search)
    .add('GET', '/search/repositories', searchRepos, search)
    .add('GET', '/search/users', searchUsers, search);
}

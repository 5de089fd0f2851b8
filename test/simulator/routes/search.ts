import { canSee } from '../access';
import { json, type Ctx, type Reply } from '../http/context';
import { requiresAuthentication, validationFailed } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Commit, Issue, Repo } from '../model';
import { history, resolveRef } from '../git';
import { commitJson } from '../render/git';
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

// ---- /search/code and /search/commits (repositories area)
//
// Code search looks at the default branch of every repository the caller can see and needs
// authentication, as on GitHub; `Accept: application/vnd.github.text-match+json` adds
// text_matches. Commit search covers the default branch's history.

const LANGUAGE_BY_EXTENSION: Record<string, string> = { ts: 'TypeScript', js: 'JavaScript', md: 'Markdown', json: 'JSON', go: 'Go', tf: 'HCL', coffee: 'CoffeeScript', html: 'HTML' };

/** Visible repositories; forks only with fork:true (or only forks with fork:only), as GitHub searches them. */
function searchableRepos(ctx: Ctx, q: Query): Repo[] {
  const fork = q.quals.find((x) => x.key === 'fork')?.value.toLowerCase();
  return [...ctx.services.world.repos.values()]
    .filter((r) => canSee(ctx, r) && (fork === 'only' ? !!r.parent : fork === 'true' || !r.parent))
    .sort((a, b) => a.id - b.id);
}

function wantsTextMatches(ctx: Ctx): boolean {
  return String(ctx.headers.accept ?? '').includes('text-match');
}

function fragmentOf(content: string, words: string[]): { fragment: string; matches: Array<{ text: string; indices: number[] }> } | undefined {
  const lower = content.toLowerCase();
  const at = words.map((w) => lower.indexOf(w)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  if (at === undefined) return undefined;
  const start = Math.max(0, content.lastIndexOf('\n', at - 1) + 1);
  const endLine = content.indexOf('\n', at);
  const fragment = content.slice(start, endLine < 0 ? undefined : endLine);
  const matches = words.flatMap((w) => {
    const i = fragment.toLowerCase().indexOf(w);
    return i < 0 ? [] : [{ text: fragment.slice(i, i + w.length), indices: [i, i + w.length] }];
  });
  return { fragment, matches };
}

function searchCode(ctx: Ctx): Reply {
  if (ctx.principal.kind === 'none') throw requiresAuthentication();
  const q = parseQuery(ctx);
  if (q.words.length === 0) throw validationFailed([{ resource: 'Search', field: 'q', code: 'invalid', message: 'The search term is missing: code search needs at least one word besides qualifiers.' }]);
  const scopes = q.quals.filter((x) => x.key === 'in').map((x) => x.value.toLowerCase());
  const inPath = scopes.includes('path');
  const inFile = scopes.length === 0 || scopes.includes('file');
  const items: Array<Record<string, unknown>> = [];
  for (const repo of searchableRepos(ctx, q)) {
    const tip = resolveRef(repo, repo.defaultBranch);
    if (!tip) continue;
    for (const [path, blob] of [...tip.tree.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const name = path.split('/').pop() ?? path;
      const extension = name.includes('.') ? name.split('.').pop() ?? '' : '';
      let ok = true;
      for (const { key, value, negated } of q.quals) {
        let hit = repoQualifier(repo, key, value);
        if (key === 'language') hit = eq(LANGUAGE_BY_EXTENSION[extension] ?? '', value);
        else if (key === 'path') hit = path.toLowerCase().startsWith(value.replace(/^\/+/, '').toLowerCase());
        else if (key === 'filename') hit = eq(name, value);
        else if (key === 'extension') hit = eq(extension, value.replace(/^\./, ''));
        if (hit === undefined) hit = true;
        if (hit === negated) ok = false;
      }
      if (!ok) continue;
      const content = blob.content.toString('utf8');
      const text = `${inFile ? content : ''}\n${inPath ? path : ''}`.toLowerCase();
      if (!q.words.every((w) => text.includes(w))) continue;
      const full = `${repo.owner.login}/${repo.name}`;
      const item: Record<string, unknown> = {
        name,
        path,
        sha: blob.sha,
        url: `${ctx.apiBase}/repos/${full}/contents/${path}?ref=${tip.sha}`,
        git_url: `${ctx.apiBase}/repos/${full}/git/blobs/${blob.sha}`,
        html_url: `${ctx.webBase}/${full}/blob/${tip.sha}/${path}`,
        repository: repoJson(ctx, repo),
      };
      if (wantsTextMatches(ctx)) {
        const found = inFile ? fragmentOf(content, q.words) : undefined;
        item.text_matches = found ? [{ object_url: item.url, object_type: 'FileContent', property: 'content', ...found }] : [];
      }
      items.push(item);
    }
  }
  return searchReply(ctx, items);
}

/** author-date / committer-date: ">=2024-01-01", "<2024-02-01", "2024-01-01..2024-02-01", "2024-01-01". */
function dateMatches(date: string, value: string): boolean {
  const day = date.slice(0, 10);
  const range = /^(.+)\.\.(.+)$/.exec(value);
  if (range) return (range[1] === '*' || day >= range[1]) && (range[2] === '*' || day <= range[2]);
  const cmp = /^(>=|<=|>|<)(.+)$/.exec(value);
  if (!cmp) return day === value;
  const [, op, bound] = cmp;
  return op === '>=' ? day >= bound : op === '<=' ? day <= bound : op === '>' ? day > bound : day < bound;
}

function searchCommits(ctx: Ctx): Reply {
  const q = parseQuery(ctx);
  const hits: Array<[Repo, Commit]> = [];
  for (const repo of searchableRepos(ctx, q)) {
    const tip = resolveRef(repo, repo.defaultBranch);
    if (!tip) continue;
    for (const commit of history(repo, tip.sha)) {
      let ok = true;
      for (const { key, value, negated } of q.quals) {
        let hit = repoQualifier(repo, key, value);
        if (key === 'author' || key === 'committer') hit = !!commit.author && eq(commit.author.login, value);
        else if (key === 'author-name' || key === 'committer-name') hit = eq(commit.authorName, value);
        else if (key === 'author-email' || key === 'committer-email') hit = eq(commit.authorEmail, value);
        else if (key === 'author-date' || key === 'committer-date') hit = dateMatches(commit.date, value);
        else if (key === 'hash') hit = commit.sha.startsWith(value.toLowerCase());
        else if (key === 'merge') hit = (commit.parents.length > 1) === (value === 'true');
        else if (key === 'is') hit = value === 'public' ? !repo.private : value === 'private' ? repo.private : true;
        if (hit === undefined) hit = true;
        if (hit === negated) ok = false;
      }
      if (ok && q.words.every((w) => commit.message.toLowerCase().includes(w))) hits.push([repo, commit]);
    }
  }
  const sort = ctx.query.get('sort');
  if (sort === 'author-date' || sort === 'committer-date') {
    const asc = ctx.query.get('order') === 'asc';
    hits.sort(([, a], [, b]) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) * (asc ? 1 : -1));
  }
  return searchReply(
    ctx,
    hits.map(([repo, commit]) => {
      const { stats: _stats, files: _files, ...rest } = commitJson(ctx, repo, commit);
      const person = { name: commit.authorName, email: commit.authorEmail, date: commit.date };
      return { ...rest, committer: person, repository: repoJson(ctx, repo) };
    }),
  );
}

export function searchRoutes(router: Router): void {
  const search = { resource: 'search' as const };
  router
    .add('GET', '/search/issues', searchIssues, search)
    .add('GET', '/search/repositories', searchRepos, search)
    .add('GET', '/search/users', searchUsers, search)
    // Repositories area:
    .add('GET', '/search/code', searchCode, search)
    .add('GET', '/search/commits', searchCommits, search);
}

import { sha1Hex } from './random';
import { unifiedPatch } from './diff';
import type { Account, Commit, FileBlob, Issue, Repo, Tree } from './model';

// Just enough git: content-addressed blobs, commits with full tree snapshots,
// ancestry, merge bases and a three-way tree merge for pull requests.

export function makeBlob(content: string | Buffer): FileBlob {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  // Same formula as git, so shas look and behave like the real thing.
  return { sha: sha1Hex(`blob ${bytes.length}\0`, bytes), content: bytes };
}

export function treeSha(tree: Tree): string {
  const entries = [...tree.entries()].sort(([x], [y]) => (x < y ? -1 : 1));
  return sha1Hex('tree', ...entries.map(([path, blob]) => `${path}\0${blob.sha}\n`));
}

export interface CommitInput {
  parents: string[];
  tree: Tree;
  message: string;
  author: Account | null;
  date: string;
}

export function createCommit(repo: Repo, input: CommitInput): Commit {
  const tSha = treeSha(input.tree);
  const name = input.author?.name ?? input.author?.login ?? 'GitHub';
  const email = input.author?.email ?? 'noreply@github.com';
  const sha = sha1Hex('commit', tSha, input.parents.join(','), name, input.date, input.message, String(repo.commits.size));
  const commit: Commit = {
    sha,
    message: input.message,
    author: input.author,
    authorName: name,
    authorEmail: email,
    date: input.date,
    parents: input.parents,
    tree: input.tree,
    treeSha: tSha,
  };
  repo.commits.set(sha, commit);
  return commit;
}

/** Commits on a branch: a new commit whose tree is the tip's tree plus `changes` (null deletes). */
export function commitToBranch(
  repo: Repo,
  branch: string,
  changes: Record<string, string | Buffer | null>,
  message: string,
  author: Account | null,
  date: string,
): Commit {
  const tipSha = repo.branches.get(branch);
  const tip = tipSha ? repo.commits.get(tipSha) : undefined;
  const tree: Tree = new Map(tip?.tree ?? []);
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) tree.delete(path);
    else tree.set(path, makeBlob(content));
  }
  const commit = createCommit(repo, { parents: tip ? [tip.sha] : [], tree, message, author, date });
  repo.branches.set(branch, commit.sha);
  repo.pushedAt = date;
  return commit;
}

/** Resolves a branch name, refs/heads/ form, full sha or unique prefix (>= 7). */
export function resolveRef(repo: Repo, ref: string | null | undefined): Commit | undefined {
  const name = ref || repo.defaultBranch;
  const branchName = name.replace(/^refs\/heads\//, '').replace(/^heads\//, '');
  const branchSha = repo.branches.get(branchName);
  if (branchSha) return repo.commits.get(branchSha);
  // Tags (refs/tags/x, tags/x, or a bare name no branch has) and pull request heads, as GitHub resolves them.
  const tagName = name.replace(/^refs\/tags\//, '').replace(/^tags\//, '');
  const tagSha = repo.tags?.get(tagName);
  if (tagSha) return repo.commits.get(repo.tagObjects?.get(tagSha)?.objectSha ?? tagSha);
  const pull = /^(?:refs\/)?pull\/(\d+)\/head$/.exec(name);
  if (pull) {
    const issue = repo.issues.find((candidate) => candidate.number === Number(pull[1]) && candidate.pull);
    return issue ? repo.commits.get(pullHeadSha(repo, issue)) : undefined;
  }
  if (/^[0-9a-f]{40}$/.test(name)) return repo.commits.get(name);
  if (/^[0-9a-f]{7,39}$/.test(name)) {
    const matches = [...repo.commits.keys()].filter((sha) => sha.startsWith(name));
    if (matches.length === 1) return repo.commits.get(matches[0]);
  }
  return undefined;
}

/** Newest first, breadth-first over parents, like `git log` on a small history. */
export function history(repo: Repo, sha: string): Commit[] {
  const seen = new Set<string>();
  const out: Commit[] = [];
  const queue = [sha];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    const commit = repo.commits.get(next);
    if (!commit) continue;
    out.push(commit);
    queue.push(...commit.parents);
  }
  return out.sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : 0));
}

export function mergeBase(repo: Repo, a: string, b: string): string | null {
  const ofA = new Set(history(repo, a).map((c) => c.sha));
  for (const commit of history(repo, b)) if (ofA.has(commit.sha)) return commit.sha;
  return null;
}

export interface FileChange {
  filename: string;
  status: 'added' | 'removed' | 'modified';
  blob: FileBlob | undefined;
  additions: number;
  deletions: number;
  patch: string;
}

export function diffTrees(oldTree: Tree, newTree: Tree): FileChange[] {
  const paths = [...new Set([...oldTree.keys(), ...newTree.keys()])].sort();
  const changes: FileChange[] = [];
  for (const filename of paths) {
    const before = oldTree.get(filename);
    const after = newTree.get(filename);
    if (before?.sha === after?.sha) continue;
    const status = !before ? 'added' : !after ? 'removed' : 'modified';
    const p = unifiedPatch(before?.content.toString('utf8') ?? '', after?.content.toString('utf8') ?? '');
    changes.push({ filename, status, blob: after ?? before, additions: p.additions, deletions: p.deletions, patch: p.patch });
  }
  return changes;
}

/** Renders changes the way `git diff` / GitHub's diff media type does. */
export function renderDiff(changes: FileChange[], oldTree: Tree): string {
  return changes
    .map((c) => {
      const oldSha = oldTree.get(c.filename)?.sha.slice(0, 7) ?? '0000000';
      const newSha = c.status === 'removed' ? '0000000' : (c.blob?.sha.slice(0, 7) ?? '0000000');
      const header = [`diff --git a/${c.filename} b/${c.filename}`];
      if (c.status === 'added') header.push('new file mode 100644', `index ${oldSha}..${newSha}`);
      else if (c.status === 'removed') header.push('deleted file mode 100644', `index ${oldSha}..${newSha}`);
      else header.push(`index ${oldSha}..${newSha} 100644`);
      header.push(c.status === 'added' ? '--- /dev/null' : `--- a/${c.filename}`);
      header.push(c.status === 'removed' ? '+++ /dev/null' : `+++ b/${c.filename}`);
      return `${header.join('\n')}\n${c.patch}\n`;
    })
    .join('');
}

export function pullHeadSha(repo: Repo, issue: Issue): string {
  const pull = issue.pull;
  if (!pull) throw new Error('not a pull request');
  if (issue.state === 'open') return repo.branches.get(pull.headRef) ?? pull.headSha;
  return pull.headSha;
}

/** The base a pull request compares against: the branch tip, or the pre-merge tip once merged. */
export function pullBaseSha(repo: Repo, issue: Issue): string | undefined {
  const pull = issue.pull;
  if (!pull) throw new Error('not a pull request');
  if (pull.merged && pull.mergeCommitSha) return repo.commits.get(pull.mergeCommitSha)?.parents[0];
  return repo.branches.get(pull.baseRef);
}

export interface PullComparison {
  base: string | null;
  changes: FileChange[];
  baseTree: Tree;
  mergedTree: Tree | null;
  commits: Commit[];
}

/** Three-way merge of head into base; mergedTree is null on a conflict. */
export function comparePull(repo: Repo, baseSha: string, headSha: string): PullComparison {
  const baseCommit = repo.commits.get(baseSha);
  const headCommit = repo.commits.get(headSha);
  if (!baseCommit || !headCommit) throw new Error('unknown commit');
  const mb = mergeBase(repo, baseSha, headSha);
  const mbTree = (mb && repo.commits.get(mb)?.tree) || new Map();
  const changes = diffTrees(mbTree, headCommit.tree);
  const baseChanges = new Map(diffTrees(mbTree, baseCommit.tree).map((c) => [c.filename, c]));
  const merged: Tree = new Map(baseCommit.tree);
  let conflict = false;
  for (const change of changes) {
    const ours = headCommit.tree.get(change.filename);
    // Changed on both sides to different content: git would stop here too.
    if (baseChanges.has(change.filename) && baseCommit.tree.get(change.filename)?.sha !== ours?.sha) conflict = true;
    if (ours) merged.set(change.filename, ours);
    else merged.delete(change.filename);
  }
  const onBase = new Set(history(repo, baseSha).map((c) => c.sha));
  const commits = history(repo, headSha).filter((c) => !onBase.has(c.sha)).reverse();
  return { base: mb, changes, baseTree: mbTree, mergedTree: conflict ? null : merged, commits };
}

import { history, makeBlob, mergeBase, resolveRef, treeSha } from './git';
import { ghError } from './http/errors';
import type { Commit, FileBlob, Repo, TagObject, Tree } from './model';
import { sha1Hex } from './random';

// The Git data API's object store on top of git.ts. Commits keep their full path -> blob
// snapshots; a tree is such a snapshot relative to its own directory, so the sha of a
// subtree is treeSha() of its relative snapshot (contents listings already use that) and
// any tree or blob a commit holds can be found by sha. Blobs and trees made through
// POST git/blobs and git/trees are kept in repo.blobs / repo.trees.

export const EMPTY_MESSAGE = 'Git Repository is empty.';

/** GitHub's Git data API answers 409 in a repository without a single commit. */
export function refuseEmpty(repo: Repo, docs: string): void {
  if (repo.commits.size === 0) throw ghError(409, EMPTY_MESSAGE, docs);
}

const indexed = new WeakMap<Repo, Set<string>>();

/** Adds every tree and blob the commits hold to repo.trees and repo.blobs (once per commit). */
function index(repo: Repo): { trees: Map<string, Tree>; blobs: Map<string, FileBlob> } {
  const trees = (repo.trees ??= new Map());
  const blobs = (repo.blobs ??= new Map());
  let done = indexed.get(repo);
  if (!done) indexed.set(repo, (done = new Set()));
  for (const commit of repo.commits.values()) {
    if (done.has(commit.sha)) continue;
    done.add(commit.sha);
    trees.set(commit.treeSha, commit.tree);
    for (const sub of subtrees(commit.tree).values()) trees.set(treeSha(sub), sub);
    for (const blob of commit.tree.values()) blobs.set(blob.sha, blob);
  }
  return { trees, blobs };
}

export function findTree(repo: Repo, sha: string): Tree | undefined {
  return repo.trees?.get(sha) ?? index(repo).trees.get(sha);
}

export function findBlob(repo: Repo, sha: string): FileBlob | undefined {
  return repo.blobs?.get(sha) ?? index(repo).blobs.get(sha);
}

export function storeBlob(repo: Repo, content: Buffer): FileBlob {
  const blob = makeBlob(content);
  (repo.blobs ??= new Map()).set(blob.sha, blob);
  return blob;
}

export function storeTree(repo: Repo, tree: Tree): string {
  const sha = treeSha(tree);
  (repo.trees ??= new Map()).set(sha, tree);
  for (const sub of subtrees(tree).values()) repo.trees.set(treeSha(sub), sub);
  return sha;
}

/** Every directory of a snapshot with its own relative snapshot. */
export function subtrees(tree: Tree): Map<string, Tree> {
  const out = new Map<string, Tree>();
  for (const [path, blob] of tree) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      let sub = out.get(dir);
      if (!sub) out.set(dir, (sub = new Map()));
      sub.set(parts.slice(i).join('/'), blob);
    }
  }
  return out;
}

export interface TreeEntry {
  path: string;
  mode: '100644' | '040000';
  type: 'blob' | 'tree';
  sha: string;
  size?: number;
}

/** The entries of a tree, like `git ls-tree` (with -r -t when recursive): sorted, each directory before its contents. */
export function listEntries(tree: Tree, recursive: boolean): TreeEntry[] {
  const out: TreeEntry[] = [];
  const walk = (level: Tree, prefix: string) => {
    const files = new Map<string, FileBlob>();
    const dirs = new Map<string, Tree>();
    for (const [path, blob] of level) {
      const slash = path.indexOf('/');
      if (slash < 0) {
        files.set(path, blob);
        continue;
      }
      const name = path.slice(0, slash);
      let sub = dirs.get(name);
      if (!sub) dirs.set(name, (sub = new Map()));
      sub.set(path.slice(slash + 1), blob);
    }
    // git orders a directory as if its name ended in "/": "a.txt" before the directory "a".
    const key = (name: string) => (dirs.has(name) && !files.has(name) ? `${name}/` : name);
    for (const name of [...new Set([...files.keys(), ...dirs.keys()])].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0))) {
      const file = files.get(name);
      if (file) out.push({ path: prefix + name, mode: '100644', type: 'blob', sha: file.sha, size: file.content.length });
      const dir = dirs.get(name);
      if (dir) {
        out.push({ path: prefix + name, mode: '040000', type: 'tree', sha: treeSha(dir) });
        if (recursive) walk(dir, `${prefix}${name}/`);
      }
    }
  };
  walk(tree, '');
  return out;
}

const TREES_DOCS = 'https://docs.github.com/rest/git/trees#create-a-tree';
const BLOB_MODES = new Set(['100644', '100755', '120000']);

function invalidTree(message: string): never {
  throw ghError(422, message, TREES_DOCS);
}

/** Puts `blob` at `path`, removing whatever stood in its way (a file where a directory goes, a directory where the file goes). */
function place(tree: Tree, path: string, blob: FileBlob): void {
  for (const key of [...tree.keys()]) if (key.startsWith(`${path}/`)) tree.delete(key);
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) tree.delete(parts.slice(0, i).join('/'));
  tree.set(path, blob);
}

function removePath(tree: Tree, path: string): void {
  tree.delete(path);
  for (const key of [...tree.keys()]) if (key.startsWith(`${path}/`)) tree.delete(key);
}

/**
 * POST git/trees: the base tree (if any) with `entries` applied. An entry gives content (a
 * new blob), the sha of a blob or tree, or sha null to delete the path from the base tree.
 */
export function buildTree(repo: Repo, baseTree: string | undefined, entries: unknown): string {
  let tree: Tree = new Map();
  if (baseTree !== undefined) {
    const base = findTree(repo, baseTree);
    if (!base) invalidTree('base_tree is not a valid tree oid');
    tree = new Map(base);
  }
  if (!Array.isArray(entries)) invalidTree('Invalid tree info');
  for (const raw of entries) {
    const entry = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const path = typeof entry.path === 'string' ? entry.path.replace(/^\/+|\/+$/g, '') : '';
    const mode = entry.mode;
    const type = entry.type ?? (mode === '040000' ? 'tree' : 'blob');
    if (!path || path.split('/').some((part) => part === '' || part === '.' || part === '..' || part === '.git')) invalidTree('tree.path contains a malformed path component');
    if ('content' in entry && 'sha' in entry && entry.sha !== null) invalidTree('Must supply either tree.sha or tree.content. Request will be rejected if both are present.');
    if (entry.sha === null) {
      if (baseTree === undefined) invalidTree(`tree.sha is required to create ${path} without a base_tree`);
      removePath(tree, path);
      continue;
    }
    if (type === 'tree') {
      if (mode !== undefined && mode !== '040000') invalidTree(`tree.mode ${String(mode)} does not fit tree.type tree`);
      const sub = typeof entry.sha === 'string' ? findTree(repo, entry.sha) : undefined;
      if (!sub) invalidTree(`tree.sha ${String(entry.sha)} is not a valid tree`);
      removePath(tree, path);
      for (const [inner, blob] of sub) place(tree, `${path}/${inner}`, blob);
      continue;
    }
    if (type !== 'blob') invalidTree(`tree.type ${String(type)} is not supported here (only blob and tree)`);
    if (mode === undefined || !BLOB_MODES.has(String(mode))) invalidTree(`tree.mode ${JSON.stringify(mode ?? null)} must be one of 100644, 100755 or 120000 for a blob`);
    if (typeof entry.content === 'string') {
      place(tree, path, storeBlob(repo, Buffer.from(entry.content, 'utf8')));
      continue;
    }
    const blob = typeof entry.sha === 'string' ? findBlob(repo, entry.sha) : undefined;
    if (!blob) invalidTree(`tree.sha ${String(entry.sha)} is not a valid blob`);
    place(tree, path, blob);
  }
  return storeTree(repo, tree);
}

/** Whether `ancestor` is reachable from `sha` (a fast-forward from ancestor to sha). */
export function isAncestor(repo: Repo, ancestor: string, sha: string): boolean {
  return history(repo, sha).some((c) => c.sha === ancestor);
}

/** What a name in a compare or tree request stands for: a branch, tag, commit sha or prefix. */
export function resolveCommitish(repo: Repo, name: string): Commit | undefined {
  const direct = resolveRef(repo, name);
  if (direct) return direct;
  const tagName = name.replace(/^refs\/tags\//, '').replace(/^tags\//, '');
  const target = repo.tags?.get(tagName);
  return target ? peel(repo, target) : undefined;
}

/** The commit a tag (or tag object, or commit) sha finally points at. */
export function peel(repo: Repo, sha: string): Commit | undefined {
  for (let i = 0; i < 10; i++) {
    const tag = repo.tagObjects?.get(sha);
    if (!tag) return repo.commits.get(sha);
    sha = tag.objectSha;
  }
  return undefined;
}

export interface Comparison {
  base: Commit;
  head: Commit;
  mergeBase: Commit | undefined;
  ahead: Commit[];
  behind: Commit[];
}

/** base...head as GitHub compares: commits on head not on base (oldest first), and the count the other way. */
export function compare(repo: Repo, base: Commit, head: Commit): Comparison {
  const onBase = new Set(history(repo, base.sha).map((c) => c.sha));
  const onHead = new Set(history(repo, head.sha).map((c) => c.sha));
  const ahead = history(repo, head.sha).filter((c) => !onBase.has(c.sha)).reverse();
  const behind = history(repo, base.sha).filter((c) => !onHead.has(c.sha));
  const mb = mergeBase(repo, base.sha, head.sha);
  return { base, head, mergeBase: mb ? repo.commits.get(mb) : undefined, ahead, behind };
}

/** An annotated tag object (POST git/tags, or the seed). */
export function makeTagObject(repo: Repo, input: Omit<TagObject, 'sha'>): TagObject {
  const sha = sha1Hex('tag', input.tag, input.objectSha, input.message, input.tagger.name, input.tagger.date, String(repo.tagObjects?.size ?? 0));
  const tag: TagObject = { sha, ...input };
  (repo.tagObjects ??= new Map()).set(sha, tag);
  return tag;
}

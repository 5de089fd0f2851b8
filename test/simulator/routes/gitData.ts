import { requireRepo } from '../access';
import { createCommit, diffTrees } from '../git';
import { buildTree, compare, findBlob, findTree, isAncestor, listEntries, makeTagObject, peel, refuseEmpty, resolveCommitish, storeBlob } from '../gitStore';
import { actor, bodyObject, json, optString, type Ctx, type Reply } from '../http/context';
import { ghError, missingField, validationFailed } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Repo } from '../model';
import { commitJson, fileChangeJson, segments } from '../render/git';
import { anyRefJson, blobJson, gitCommitObjectJson, tagListJson, tagObjectJson, treeJson } from '../render/gitData';

// The Git data API (blobs, trees, commits, refs, tag objects), compare and tags, on the
// object store of gitStore.ts: what one route writes, the others read.

const DOCS = {
  blob: 'https://docs.github.com/rest/git/blobs',
  tree: 'https://docs.github.com/rest/git/trees',
  commit: 'https://docs.github.com/rest/git/commits',
  ref: 'https://docs.github.com/rest/git/refs',
  tag: 'https://docs.github.com/rest/git/tags',
  compare: 'https://docs.github.com/rest/commits/commits#compare-two-commits',
};

/** GitHub stops listing a tree past this many entries and sets truncated. */
export const TREE_ENTRY_LIMIT = 100_000;

const reading = (ctx: Ctx): Repo => requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'contents', access: 'read' });
const writing = (ctx: Ctx): Repo => requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'contents', access: 'write' });
const now = (ctx: Ctx): string => new Date(ctx.services.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
const SHA = /^[0-9a-f]{40}$/;

// ---------------------------------------------------------------- blobs

function getBlob(ctx: Ctx): Reply {
  const repo = reading(ctx);
  refuseEmpty(repo, DOCS.blob);
  const blob = SHA.test(ctx.params.sha) ? findBlob(repo, ctx.params.sha) : undefined;
  if (!blob) throw ghError(404, 'Not Found', `${DOCS.blob}#get-a-blob`);
  return json(blobJson(ctx, repo, blob));
}

function createBlob(ctx: Ctx): Reply {
  const repo = writing(ctx);
  const body = bodyObject(ctx);
  refuseEmpty(repo, DOCS.blob);
  const content = optString(body.content);
  if (content === undefined) throw missingField('Blob', 'content');
  const encoding = optString(body.encoding) ?? 'utf-8';
  if (encoding !== 'utf-8' && encoding !== 'base64') throw validationFailed([{ resource: 'Blob', code: 'custom', field: 'encoding', message: 'encoding must be utf-8 or base64' }]);
  const blob = storeBlob(repo, Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'));
  const url = `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}/git/blobs/${blob.sha}`;
  return { ...json({ url, sha: blob.sha }, 201), headers: { location: url } };
}

// ---------------------------------------------------------------- trees

function getTree(ctx: Ctx): Reply {
  const repo = reading(ctx);
  refuseEmpty(repo, DOCS.tree);
  const name = ctx.params.sha;
  // GitHub takes a tree sha, or anything naming a commit (a sha, branch or tag).
  const direct = SHA.test(name) ? findTree(repo, name) : undefined;
  const commit = direct ? undefined : resolveCommitish(repo, name);
  const tree = direct ?? commit?.tree;
  if (!tree) throw ghError(404, 'Not Found', `${DOCS.tree}#get-a-tree`);
  const sha = direct ? name : (commit?.treeSha as string);
  const all = listEntries(tree, ctx.query.has('recursive'));
  return json(treeJson(ctx, repo, sha, all.slice(0, TREE_ENTRY_LIMIT), all.length > TREE_ENTRY_LIMIT));
}

function createTree(ctx: Ctx): Reply {
  const repo = writing(ctx);
  const body = bodyObject(ctx);
  refuseEmpty(repo, DOCS.tree);
  if (body.tree === undefined) throw missingField('Tree', 'tree');
  const sha = buildTree(repo, optString(body.base_tree), body.tree);
  const tree = findTree(repo, sha) ?? new Map();
  return json(treeJson(ctx, repo, sha, listEntries(tree, false), false), 201);
}

// ---------------------------------------------------------------- commits

function getGitCommit(ctx: Ctx): Reply {
  const repo = reading(ctx);
  refuseEmpty(repo, DOCS.commit);
  const commit = repo.commits.get(ctx.params.sha);
  if (!commit) throw ghError(404, 'Not Found', `${DOCS.commit}#get-a-commit-object`);
  return json(gitCommitObjectJson(ctx, repo, commit));
}

function createGitCommit(ctx: Ctx): Reply {
  const repo = writing(ctx);
  const body = bodyObject(ctx);
  refuseEmpty(repo, DOCS.commit);
  const message = optString(body.message);
  const treeSha = optString(body.tree);
  if (message === undefined) throw ghError(422, 'Invalid request.\n\n"message" wasn\'t supplied.', `${DOCS.commit}#create-a-commit`);
  if (treeSha === undefined) throw ghError(422, 'Invalid request.\n\n"tree" wasn\'t supplied.', `${DOCS.commit}#create-a-commit`);
  const tree = findTree(repo, treeSha);
  if (!tree) throw ghError(422, 'Tree SHA does not exist', `${DOCS.commit}#create-a-commit`);
  const parents = body.parents === undefined ? [] : body.parents;
  if (!Array.isArray(parents) || parents.some((p) => typeof p !== 'string')) throw ghError(422, 'Invalid request.\n\nFor \'properties/parents\', is not an array of strings.', `${DOCS.commit}#create-a-commit`);
  for (const parent of parents as string[]) {
    if (!repo.commits.has(parent)) throw ghError(422, 'Parent SHA does not exist or is not a commit object', `${DOCS.commit}#create-a-commit`);
  }
  const commit = createCommit(repo, { parents: parents as string[], tree, message, author: actor(ctx) ?? null, date: now(ctx) });
  const url = `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}/git/commits/${commit.sha}`;
  return { ...json(gitCommitObjectJson(ctx, repo, commit), 201), headers: { location: url } };
}

// ---------------------------------------------------------------- refs

interface RefView {
  ref: string;
  sha: string;
  type: 'commit' | 'tag';
}

function refsOf(repo: Repo): RefView[] {
  const heads = [...repo.branches].map(([name, sha]): RefView => ({ ref: `refs/heads/${name}`, sha, type: 'commit' }));
  const tags = [...(repo.tags ?? [])].map(([name, sha]): RefView => ({ ref: `refs/tags/${name}`, sha, type: repo.tagObjects?.has(sha) ? 'tag' : 'commit' }));
  return [...heads, ...tags].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/** heads/x or tags/y (GitHub's {ref} parameter has no refs/ prefix). */
function parseRef(ref: string): { kind: 'heads' | 'tags'; name: string } | undefined {
  const match = /^(heads|tags)\/(.+)$/.exec(ref);
  return match ? { kind: match[1] as 'heads' | 'tags', name: match[2] } : undefined;
}

function refSha(repo: Repo, ref: { kind: 'heads' | 'tags'; name: string }): string | undefined {
  return ref.kind === 'heads' ? repo.branches.get(ref.name) : repo.tags?.get(ref.name);
}

function getRef(ctx: Ctx): Reply {
  const repo = reading(ctx);
  refuseEmpty(repo, DOCS.ref);
  const found = refsOf(repo).find((r) => r.ref === `refs/${ctx.params.ref}`);
  if (!found) throw ghError(404, 'Not Found', `${DOCS.ref}#get-a-reference`);
  return json(anyRefJson(ctx, repo, found.ref, found.sha, found.type));
}

function matchingRefs(ctx: Ctx): Reply {
  const repo = reading(ctx);
  refuseEmpty(repo, DOCS.ref);
  const prefix = `refs/${ctx.params.ref}`;
  const found = refsOf(repo).filter((r) => r.ref.startsWith(prefix));
  return json(found.map((r) => anyRefJson(ctx, repo, r.ref, r.sha, r.type)));
}

/** git check-ref-format's rules for a branch or tag name. */
function validRefName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name) || name.includes('..') || name.includes('@{') || name.includes('//')) return false;
  if (name === '@' || name.startsWith('/') || name.endsWith('/') || name.endsWith('.') || name.endsWith('.lock')) return false;
  return name.split('/').every((part) => part !== '' && !part.startsWith('.'));
}

function createRef(ctx: Ctx): Reply {
  const repo = writing(ctx);
  const body = bodyObject(ctx);
  const ref = optString(body.ref);
  const sha = optString(body.sha);
  if (ref === undefined) throw missingField('Reference', 'ref');
  if (sha === undefined) throw missingField('Reference', 'sha');
  refuseEmpty(repo, DOCS.ref);
  if (!/^refs\/[^/]+\/.+/.test(ref)) throw ghError(422, "Reference name must start with 'refs/' and have at least two slashes.", `${DOCS.ref}#create-a-reference`);
  const parsed = parseRef(ref.slice('refs/'.length));
  if (!parsed || !validRefName(parsed.name)) throw validationFailed([{ resource: 'Reference', code: 'invalid', field: 'ref' }]);
  if (refSha(repo, parsed) !== undefined) throw ghError(422, 'Reference already exists', `${DOCS.ref}#create-a-reference`);
  const isTagObject = repo.tagObjects?.has(sha) ?? false;
  if (!repo.commits.has(sha) && !(parsed.kind === 'tags' && isTagObject)) throw ghError(422, 'Object does not exist', `${DOCS.ref}#create-a-reference`);
  if (parsed.kind === 'heads') repo.branches.set(parsed.name, sha);
  else (repo.tags ??= new Map()).set(parsed.name, sha);
  return { ...json(anyRefJson(ctx, repo, ref, sha, isTagObject ? 'tag' : 'commit'), 201), headers: { location: `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}/git/${ref}` } };
}

function updateRef(ctx: Ctx): Reply {
  const repo = writing(ctx);
  const body = bodyObject(ctx);
  const sha = optString(body.sha);
  if (sha === undefined) throw missingField('Reference', 'sha');
  refuseEmpty(repo, DOCS.ref);
  const parsed = parseRef(ctx.params.ref);
  const current = parsed ? refSha(repo, parsed) : undefined;
  if (!parsed || current === undefined) throw ghError(422, 'Reference does not exist', `${DOCS.ref}#update-a-reference`);
  if (!repo.commits.has(sha) && !(parsed.kind === 'tags' && repo.tagObjects?.has(sha))) throw ghError(422, 'Object does not exist', `${DOCS.ref}#update-a-reference`);
  const fastForward = current === sha || (repo.commits.has(current) && isAncestor(repo, current, sha));
  if (parsed.kind === 'heads' && repo.protectedBranches?.has(parsed.name) && !fastForward) {
    throw ghError(422, `Protected branch update failed for refs/heads/${parsed.name}.`, `${DOCS.ref}#update-a-reference`);
  }
  if (!fastForward && body.force !== true) throw ghError(422, 'Update is not a fast forward', `${DOCS.ref}#update-a-reference`);
  if (parsed.kind === 'heads') {
    repo.branches.set(parsed.name, sha);
    repo.pushedAt = now(ctx);
  } else (repo.tags ??= new Map()).set(parsed.name, sha);
  return json(anyRefJson(ctx, repo, `refs/${ctx.params.ref}`, sha, repo.tagObjects?.has(sha) ? 'tag' : 'commit'));
}

function deleteRef(ctx: Ctx): Reply {
  const repo = writing(ctx);
  refuseEmpty(repo, DOCS.ref);
  const parsed = parseRef(ctx.params.ref);
  if (!parsed || refSha(repo, parsed) === undefined) throw ghError(422, 'Reference does not exist', `${DOCS.ref}#delete-a-reference`);
  if (parsed.kind === 'heads') {
    if (parsed.name === repo.defaultBranch) throw ghError(422, 'Cannot delete the default branch', `${DOCS.ref}#delete-a-reference`);
    if (repo.protectedBranches?.has(parsed.name)) throw ghError(422, 'Cannot delete this protected branch', `${DOCS.ref}#delete-a-reference`);
    repo.branches.delete(parsed.name);
  } else repo.tags?.delete(parsed.name);
  return { status: 204 };
}

// ---------------------------------------------------------------- tag objects and tags

function getTagObject(ctx: Ctx): Reply {
  const repo = reading(ctx);
  refuseEmpty(repo, DOCS.tag);
  const tag = repo.tagObjects?.get(ctx.params.sha);
  if (!tag) throw ghError(404, 'Not Found', `${DOCS.tag}#get-a-tag`);
  return json(tagObjectJson(ctx, repo, tag));
}

function createTagObject(ctx: Ctx): Reply {
  const repo = writing(ctx);
  const body = bodyObject(ctx);
  refuseEmpty(repo, DOCS.tag);
  for (const field of ['tag', 'message', 'object', 'type'] as const) {
    if (optString(body[field]) === undefined) throw ghError(422, `Invalid request.\n\n"${field}" wasn't supplied.`, `${DOCS.tag}#create-a-tag-object`);
  }
  const type = body.type as string;
  const object = body.object as string;
  if (type !== 'commit' && type !== 'tree' && type !== 'blob') throw ghError(422, `Invalid request.\n\n${JSON.stringify(type)} is not a member of ["commit", "tree", "blob"].`, `${DOCS.tag}#create-a-tag-object`);
  const exists = type === 'commit' ? repo.commits.has(object) : type === 'tree' ? findTree(repo, object) !== undefined : findBlob(repo, object) !== undefined;
  if (!exists) throw ghError(422, 'Object does not exist', `${DOCS.tag}#create-a-tag-object`);
  const who = actor(ctx);
  const given = (body.tagger && typeof body.tagger === 'object' ? body.tagger : {}) as Record<string, unknown>;
  const tagger = {
    name: optString(given.name) ?? who?.name ?? who?.login ?? 'GitHub',
    email: optString(given.email) ?? who?.email ?? 'noreply@github.com',
    date: optString(given.date) ?? now(ctx),
  };
  const tag = makeTagObject(repo, { tag: body.tag as string, message: body.message as string, tagger, objectSha: object, objectType: type });
  return json(tagObjectJson(ctx, repo, tag), 201);
}

function listTags(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'metadata', access: 'read' });
  // Newest-looking first, as GitHub lists them (v2.0.0 before v1.10.0 before v1.2.0).
  const names = [...(repo.tags ?? new Map()).keys()].sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
  const entries = names.flatMap((name) => {
    const commit = peel(repo, repo.tags?.get(name) as string);
    return commit ? [tagListJson(ctx, repo, name, commit.sha)] : [];
  });
  return json(paginate(ctx, entries));
}

// ---------------------------------------------------------------- compare

function compareCommits(ctx: Ctx): Reply {
  const repo = reading(ctx);
  const basehead = ctx.params.basehead;
  const dots = basehead.indexOf('...');
  if (dots <= 0 || dots + 3 >= basehead.length) throw ghError(404, 'Not Found', DOCS.compare);
  const [baseName, headName] = [basehead.slice(0, dots), basehead.slice(dots + 3)];
  const base = resolveCommitish(repo, baseName);
  const head = resolveCommitish(repo, headName);
  if (!base || !head) throw ghError(404, 'Not Found', DOCS.compare);
  const cmp = compare(repo, base, head);
  if (!cmp.mergeBase) throw ghError(404, `No common ancestor between ${baseName} and ${headName}.`, DOCS.compare);
  const aheadBy = cmp.ahead.length;
  const behindBy = cmp.behind.length;
  const status = aheadBy === 0 && behindBy === 0 ? 'identical' : behindBy === 0 ? 'ahead' : aheadBy === 0 ? 'behind' : 'diverged';
  const web = `${ctx.webBase}/${repo.owner.login}/${repo.name}`;
  // GitHub lists at most 300 files and pages only the commits.
  const files = diffTrees(cmp.mergeBase.tree, head.tree).slice(0, 300);
  const commits = paginate(ctx, cmp.ahead, 250);
  return json({
    url: `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}/compare/${segments(basehead)}`,
    html_url: `${web}/compare/${segments(basehead)}`,
    permalink_url: `${web}/compare/${repo.owner.login}:${base.sha.slice(0, 7)}...${repo.owner.login}:${head.sha.slice(0, 7)}`,
    diff_url: `${web}/compare/${segments(basehead)}.diff`,
    patch_url: `${web}/compare/${segments(basehead)}.patch`,
    base_commit: commitJson(ctx, repo, base),
    merge_base_commit: commitJson(ctx, repo, cmp.mergeBase),
    status,
    ahead_by: aheadBy,
    behind_by: behindBy,
    total_commits: aheadBy,
    commits: commits.map((c) => commitJson(ctx, repo, c)),
    files: files.map((f) => fileChangeJson(ctx, repo, f, head.sha)),
  });
}

export function gitDataRoutes(router: Router): void {
  router
    .add('GET', '/repos/:owner/:repo/git/blobs/:sha', getBlob)
    .add('POST', '/repos/:owner/:repo/git/blobs', createBlob)
    .add('GET', '/repos/:owner/:repo/git/trees/*sha', getTree)
    .add('POST', '/repos/:owner/:repo/git/trees', createTree)
    .add('GET', '/repos/:owner/:repo/git/commits/:sha', getGitCommit)
    .add('POST', '/repos/:owner/:repo/git/commits', createGitCommit)
    .add('GET', '/repos/:owner/:repo/git/ref/*ref', getRef)
    .add('GET', '/repos/:owner/:repo/git/matching-refs/*ref', matchingRefs)
    .add('POST', '/repos/:owner/:repo/git/refs', createRef)
    .add('PATCH', '/repos/:owner/:repo/git/refs/*ref', updateRef)
    .add('DELETE', '/repos/:owner/:repo/git/refs/*ref', deleteRef)
    .add('GET', '/repos/:owner/:repo/git/tags/:sha', getTagObject)
    .add('POST', '/repos/:owner/:repo/git/tags', createTagObject)
    .add('GET', '/repos/:owner/:repo/tags', listTags)
    .add('GET', '/repos/:owner/:repo/compare/*basehead', compareCommits);
}

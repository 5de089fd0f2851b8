import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import type { GitHubOctokit } from '../../core/client/octokit';
import { defineTool, ownerRepo, pagination, DESTRUCTIVE, READ } from './defineTool';
import { defaultBranch } from './git';
import { argumentProblem, MAX_CONTENT_BYTES } from './grammar';
import {
  about,
  comparisonSchema,
  deletedBranchSchema,
  deletedFileSchema,
  isEmptyRepository,
  LIMITS,
  listOutput,
  named,
  objectAnswer,
  objectOr,
  perPageOf,
  pushResultSchema,
  shapeAnnotatedTag,
  shapeComparison,
  shapeDeletedFile,
  shapeEach,
  shapeLightweightTag,
  shapePushResult,
  shapeTagListItem,
  tagListItemSchema,
  tagSchema,
  toPage,
} from './shape';

// Repository writes through the Git data API (push_files), deletions, comparisons and tags.

const MAX_PUSH_FILES = 100;

export const gitDataTools = [
  defineTool({
    name: 'push_files',
    toolset: 'repos',
    title: 'Push files',
    description:
      'Commit several text files to a branch in one commit, replacing existing ones. A missing branch is created from the default branch.',
    input: {
      ...ownerRepo,
      branch: z.string(),
      files: z
        .array(z.object({ path: z.string().min(1), content: z.string() }))
        .min(1)
        .max(MAX_PUSH_FILES),
      message: z.string().min(1),
    },
    output: pushResultSchema.shape,
    annotations: DESTRUCTIVE,
    needs: { permissions: { contents: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, branch, files: given, message }, { github, progress = () => {} }) {
      const files = checkedFiles(given);
      const client = await github.forRepo(owner, repo);
      const where = `branch ${branch} of ${owner}/${repo}`;
      const paths = files.map((f) => f.path);
      let baseSha: string;
      let createdBranch = false;
      let initialCommitSha: string | undefined;
      let todo = files;
      // One step per request: the files go to GitHub in one tree, not one blob each (a blob per file would be 100 paced writes).
      const steps = 5;
      const tip = await branchTip(client, owner, repo, branch);
      progress(1, steps, `read branch ${branch}`);
      if (tip.kind === 'empty') {
        // GitHub's Git data API answers 409 until a first commit exists; the contents API can make it.
        const start = await defaultBranch(client, owner, repo);
        const [first, ...rest] = files;
        const put = await about(
          `file ${first.path} in ${owner}/${repo}`,
          client.rest.repos.createOrUpdateFileContents({ owner, repo, path: first.path, message, content: Buffer.from(first.content, 'utf8').toString('base64'), branch: start }),
        );
        const commit = objectOr(objectAnswer(put.data, `the first commit of ${owner}/${repo}`).commit);
        initialCommitSha = commit?.sha;
        if (typeof initialCommitSha !== 'string') throw new GitHubError('server', `GitHub's answer for the first commit of ${owner}/${repo} named no commit sha; ${first.path} was committed to ${start}, the other files were not.`);
        if (branch !== start) {
          await about(where, client.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: initialCommitSha }));
          createdBranch = true;
        }
        if (rest.length === 0) return { data: shapePushResult({ sha: initialCommitSha, html_url: commit?.html_url as string }, { branch, files: paths, createdBranch }) };
        baseSha = initialCommitSha;
        todo = rest;
      } else if (tip.kind === 'missing') {
        const from = await defaultBranch(client, owner, repo);
        const source = await branchTip(client, owner, repo, from);
        if (source.kind !== 'found') throw new GitHubError('not_found', `Branch ${branch} does not exist in ${owner}/${repo}, and neither does its default branch ${from} to create it from.`);
        await about(where, client.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: source.sha }));
        createdBranch = true;
        baseSha = source.sha;
      } else baseSha = tip.sha;

      const base = await about(`commit ${baseSha} in ${owner}/${repo}`, client.rest.git.getCommit({ owner, repo, commit_sha: baseSha }));
      progress(2, steps, `read base commit ${baseSha.slice(0, 7)}`);
      const baseTree = objectOr(objectAnswer(base.data, `commit ${baseSha} in ${owner}/${repo}`).tree)?.sha;
      if (typeof baseTree !== 'string') throw new GitHubError('server', `GitHub's answer for commit ${baseSha} in ${owner}/${repo} named no tree; nothing was pushed.`);
      const tree = await about(
        `a tree in ${owner}/${repo}`,
        client.rest.git.createTree({ owner, repo, base_tree: baseTree, tree: todo.map((f) => ({ path: f.path, mode: '100644' as const, type: 'blob' as const, content: f.content })) }),
      );
      const treeSha = objectAnswer(tree.data, `the new tree in ${owner}/${repo}`).sha;
      progress(3, steps, `wrote a tree of ${todo.length} file${todo.length === 1 ? '' : 's'}`);
      const commit = await about(`a commit in ${owner}/${repo}`, client.rest.git.createCommit({ owner, repo, message, tree: treeSha, parents: [baseSha] }));
      const created = objectAnswer(commit.data, `the new commit in ${owner}/${repo}`);
      progress(4, steps, `created commit ${String(created.sha).slice(0, 7)}`);
      // Not forced: if someone pushed meanwhile GitHub refuses (422 not a fast forward) and the branch stays as they left it.
      await about(where, client.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: created.sha, force: false }));
      progress(5, steps, `updated ${branch}`);
      return { data: shapePushResult(created, { branch, files: paths, createdBranch, initialCommitSha }) };
    },
  }),

  defineTool({
    name: 'delete_file',
    toolset: 'repos',
    title: 'Delete file',
    description: 'Delete a file in a new commit. Pass the blob sha you read to refuse if the file changed since.',
    input: {
      ...ownerRepo,
      path: z.string().min(1),
      message: z.string().min(1),
      branch: z.string().optional(),
      sha: z.string().optional(),
    },
    output: deletedFileSchema.shape,
    annotations: DESTRUCTIVE,
    needs: { permissions: { contents: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, path, message, branch, sha }, { github }) {
      const clean = path.replace(/^\/+|\/+$/g, '');
      const client = await github.forRepo(owner, repo);
      const where = `file ${clean} in ${owner}/${repo}${branch ? ` on ${branch}` : ''}`;
      const blobSha = sha ?? (await currentFileSha(client, owner, repo, clean, branch, where));
      const { data } = await about(where, client.rest.repos.deleteFile({ owner, repo, path: clean, message, sha: blobSha, branch }));
      return { data: shapeDeletedFile(objectAnswer(data, where), clean, blobSha) };
    },
  }),

  defineTool({
    name: 'delete_branch',
    toolset: 'repos',
    title: 'Delete branch',
    description: 'Delete a branch (not the default or a protected one). Returns the sha it pointed at.',
    input: { ...ownerRepo, branch: z.string() },
    output: deletedBranchSchema.shape,
    annotations: DESTRUCTIVE,
    needs: { permissions: { contents: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, branch }, { github }) {
      const client = await github.forRepo(owner, repo);
      const where = `branch ${branch} of ${owner}/${repo}`;
      if (branch === (await defaultBranch(client, owner, repo))) {
        throw new GitHubError('validation', `Branch ${branch} is the default branch of ${owner}/${repo}; it cannot be deleted. Make another branch the default first. Nothing was deleted.`);
      }
      const { data } = await about(where, client.rest.repos.getBranch({ owner, repo, branch }));
      const found = objectAnswer(data, where);
      if (found.protected === true) {
        throw new GitHubError('validation', `Branch ${branch} of ${owner}/${repo} is protected; remove its branch protection first. Nothing was deleted.`);
      }
      const tipSha = objectOr(found.commit)?.sha;
      if (typeof tipSha !== 'string') throw new GitHubError('server', `GitHub's answer for ${where} named no commit; nothing was deleted.`);
      await about(where, client.rest.git.deleteRef({ owner, repo, ref: `heads/${branch}` }));
      return { data: { branch, deleted: true, sha: tipSha } };
    },
  }),

  defineTool({
    name: 'compare_commits',
    toolset: 'repos',
    title: 'Compare commits',
    description: `Compare base...head: status, ahead/behind counts, merge base, head's commits (paged) and changed files (windowed, patches cut at ${LIMITS.patch} characters).`,
    input: {
      ...ownerRepo,
      base: z.string().describe('Branch, tag or sha'),
      head: z.string().describe('Branch, tag, sha, or "owner:branch"'),
      ...pagination,
      fileOffset: z.number().int().min(0).default(0),
      fileLimit: z.number().int().min(0).max(100).default(30),
    },
    output: comparisonSchema.shape,
    annotations: READ,
    needs: { permissions: { contents: 'read' } },
    async handler(args, ctx) {
      const { owner, repo, base, head, page, fileOffset, fileLimit } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const where = `comparison ${base}...${head} in ${owner}/${repo}`;
      const response = await about(where, client.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}`, page, per_page: perPage }));
      const { hasNextPage } = toPage([], response, page, perPage);
      return { data: shapeComparison(objectAnswer(response.data, where), { page, perPage, hasNextPage, fileOffset, fileLimit }) };
    },
  }),

  defineTool({
    name: 'list_tags',
    toolset: 'repos',
    title: 'List tags',
    description: 'Tags of a repository with the commit each points at.',
    input: { ...ownerRepo, ...pagination },
    output: listOutput(tagListItemSchema),
    annotations: READ,
    needs: { permissions: { metadata: 'read' } },
    async handler(args, ctx) {
      const { owner, repo, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(`tags of ${owner}/${repo}`, client.rest.repos.listTags({ owner, repo, page, per_page: perPage }));
      return { data: toPage(shapeEach(response.data, shapeTagListItem), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'get_tag',
    toolset: 'repos',
    title: 'Get tag',
    description: 'One tag: an annotated one\'s message, tagger and target, or a lightweight one\'s commit.',
    input: { ...ownerRepo, tag: z.string() },
    output: tagSchema.shape,
    annotations: READ,
    needs: { permissions: { contents: 'read' } },
    async handler({ owner, repo, tag }, { github }) {
      const client = await github.forRepo(owner, repo);
      const where = `tag ${tag} of ${owner}/${repo}`;
      const { data } = await about(where, client.rest.git.getRef({ owner, repo, ref: `tags/${tag}` }));
      const ref = objectAnswer(data, where);
      const object = objectOr(ref.object);
      if (object?.type !== 'tag') return { data: shapeLightweightTag(ref, tag) };
      const annotated = await about(where, client.rest.git.getTag({ owner, repo, tag_sha: object.sha }));
      return { data: shapeAnnotatedTag(objectAnswer(annotated.data, where), tag) };
    },
  }),
];

/** Paths checked like a top-level path argument, content like a content argument, no path twice. */
function checkedFiles(files: Array<{ path: string; content: string }>): Array<{ path: string; content: string }> {
  const seen = new Set<string>();
  let bytes = 0;
  return files.map((file, i) => {
    const path = file.path.replace(/^\/+|\/+$/g, '');
    const problem = argumentProblem('path', file.path) ?? (path === '' ? 'must name a file' : undefined) ?? argumentProblem('content', file.content);
    if (problem) throw new GitHubError('validation', `files[${i}]: ${problem}. Nothing was pushed.`);
    if (seen.has(path)) throw new GitHubError('validation', `files[${i}]: ${path} is listed twice. Nothing was pushed.`);
    seen.add(path);
    bytes += Buffer.byteLength(file.content, 'utf8');
    if (bytes > MAX_CONTENT_BYTES) throw new GitHubError('validation', `files: more than ${MAX_CONTENT_BYTES / 1024 / 1024} MB of content in one push; split it. Nothing was pushed.`);
    return { path, content: file.content };
  });
}

type Tip = { kind: 'found'; sha: string } | { kind: 'missing' } | { kind: 'empty' };

/** A branch's head commit, or why there is none: no such branch (404), or no commit at all in the repository (409). */
async function branchTip(client: GitHubOctokit, owner: string, repo: string, branch: string): Promise<Tip> {
  try {
    const { data } = await client.rest.git.getRef({ owner, repo, ref: `heads/${branch}` });
    const sha = objectOr(objectOr(data)?.object)?.sha;
    if (typeof sha !== 'string') throw new GitHubError('server', `GitHub's answer for branch ${branch} of ${owner}/${repo} named no commit; nothing was pushed.`);
    return { kind: 'found', sha };
  } catch (error) {
    if (isEmptyRepository(error)) return { kind: 'empty' };
    if ((error as { status?: number }).status === 404 || (error as { details?: { status?: number } }).details?.status === 404) return { kind: 'missing' };
    throw named(error, `branch ${branch} of ${owner}/${repo}`);
  }
}

/** The blob sha of a file, so delete_file can work without one. */
async function currentFileSha(client: GitHubOctokit, owner: string, repo: string, path: string, branch: string | undefined, where: string): Promise<string> {
  const { data } = await about(where, client.rest.repos.getContent({ owner, repo, path, ref: branch }));
  const subject = where.charAt(0).toUpperCase() + where.slice(1);
  if (Array.isArray(data)) throw new GitHubError('validation', `${subject} is a directory; delete_file deletes one file. Nothing was deleted.`);
  const file = objectAnswer(data, where);
  if (file.type !== 'file') throw new GitHubError('validation', `${subject} is a ${String(file.type)}, not a file. Nothing was deleted.`);
  if (typeof file.sha !== 'string') throw new GitHubError('server', `GitHub's answer for ${where} named no sha; pass sha yourself. Nothing was deleted.`);
  return file.sha;
}

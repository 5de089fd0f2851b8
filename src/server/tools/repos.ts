import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import type { GitHubOctokit } from '../../core/client/octokit';
import { defineTool, ownerRepo, pagination, DESTRUCTIVE, READ, WRITE } from './defineTool';
import {
  about,
  branchSchema,
  commitListItemSchema,
  commitSchema,
  contentSchema,
  createdBranchSchema,
  fileCommitSchema,
  LIMITS,
  lineWindowInput,
  listOutput,
  named,
  objectAnswer,
  objectOr,
  searchPage,
  perPageOf,
  repositoryListItemSchema,
  repositorySchema,
  shapeBranch,
  shapeCommit,
  shapeCommitListItem,
  shapeContent,
  shapeCreatedBranch,
  shapeEach,
  shapeFileCommit,
  shapeRepository,
  shapeRepositoryListItem,
  toPage,
} from './shape';

export { decodeText } from './shape';

export const reposTools = [
  defineTool({
    name: 'get_repository',
    toolset: 'repos',
    title: 'Get repository',
    description: 'Details of one repository: description, visibility, default branch, language, topics, star/fork/open-issue counts, license, and what the configured identity may do there (permissions).',
    input: ownerRepo,
    output: repositorySchema.shape,
    annotations: READ,
    needs: { permissions: { metadata: 'read' } },
    async handler({ owner, repo }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`repository ${owner}/${repo}`, client.rest.repos.get({ owner, repo }));
      return { data: shapeRepository(objectAnswer(data, `repository ${owner}/${repo}`)) };
    },
  }),

  defineTool({
    name: 'search_repositories',
    toolset: 'repos',
    title: 'Search repositories',
    description:
      'Search GitHub repositories with GitHub search syntax, e.g. "mcp language:typescript stars:>100", "user:octocat", "org:github topic:cli", "repo:owner/name", "is:public archived:false". Returns lean entries and totalCount.',
    input: {
      query: z.string().min(1).describe('GitHub repository search query, qualifiers included'),
      sort: z.enum(['stars', 'forks', 'help-wanted-issues', 'updated']).optional().describe('Sort field (default: best match)'),
      order: z.enum(['asc', 'desc']).optional(),
      ...pagination,
    },
    output: listOutput(repositoryListItemSchema, { incompleteResults: z.boolean() }),
    annotations: READ,
    needs: { permissions: { metadata: 'read' } },
    async handler(args, ctx) {
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forSearch(args.query);
      const response = await about('the repository search', client.rest.search.repos({ q: args.query, sort: args.sort, order: args.order, page: args.page, per_page: perPage }));
      return { data: searchPage(shapeEach(response.data?.items, shapeRepositoryListItem), response, args.page, perPage) };
    },
  }),

  defineTool({
    name: 'get_file_contents',
    toolset: 'repos',
    title: 'Get file or directory contents',
    description:
      `Read a file or list a directory in a repository. A text file comes back as UTF-8 text with its blob sha (pass that sha to create_or_update_file to change it); a long file is read in windows of lines (offset, limit; at most ${LIMITS.fileContent} characters each), and window.nextOffset says where to read on; binary files are reported with their size, not their bytes. A directory comes back as entries (name, path, type, size). Leave path empty for the repository root.`,
    input: {
      ...ownerRepo,
      path: z.string().default('').describe('Path inside the repository, e.g. "src/index.ts"; empty for the root'),
      ref: z.string().optional().describe('Branch, tag or commit sha (default: the default branch)'),
      ...lineWindowInput,
    },
    output: contentSchema.shape,
    annotations: READ,
    needs: { permissions: { contents: 'read' } },
    async handler({ owner, repo, path, ref, offset, limit }, { github }) {
      const clean = path.replace(/^\/+|\/+$/g, '');
      const client = await github.forRepo(owner, repo);
      const where = `path ${clean || '/'} in ${owner}/${repo}${ref ? ` at ${ref}` : ''}`;
      const { data } = await about(where, client.rest.repos.getContent({ owner, repo, path: clean, ref }));
      return { data: shapeContent(Array.isArray(data) ? data : objectAnswer(data, where), clean, { offset, limit }) };
    },
  }),

  defineTool({
    name: 'list_branches',
    toolset: 'repos',
    title: 'List branches',
    description: 'Branches of a repository with their head commit sha and whether each is protected.',
    input: { ...ownerRepo, protected: z.boolean().optional().describe('Only protected (true) or only unprotected (false) branches'), ...pagination },
    output: listOutput(branchSchema),
    annotations: READ,
    needs: { permissions: { contents: 'read' } },
    async handler(args, ctx) {
      const { owner, repo, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(`branches of ${owner}/${repo}`, client.rest.repos.listBranches({ owner, repo, protected: args.protected, page, per_page: perPage }));
      return { data: toPage(shapeEach(response.data, shapeBranch), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'list_commits',
    toolset: 'repos',
    title: 'List commits',
    description: 'Commits of a branch (or from any sha), newest first: sha, first 300 characters of the message, author login and date. Filter by path, author, or date range.',
    input: {
      ...ownerRepo,
      sha: z.string().optional().describe('Branch name, tag or sha to start from (default: the default branch)'),
      path: z.string().optional().describe('Only commits touching this path'),
      author: z.string().optional().describe('GitHub login or email of the author'),
      since: z.iso.datetime({ offset: true }).optional().describe('ISO 8601 timestamp: only commits after it'),
      until: z.iso.datetime({ offset: true }).optional().describe('ISO 8601 timestamp: only commits before it'),
      ...pagination,
    },
    output: listOutput(commitListItemSchema),
    annotations: READ,
    needs: { permissions: { contents: 'read' } },
    async handler(args, ctx) {
      const { owner, repo, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(
        `commits of ${owner}/${repo}${args.sha ? ` at ${args.sha}` : ''}`,
        client.rest.repos.listCommits({ owner, repo, sha: args.sha, path: args.path, author: args.author, since: args.since, until: args.until, page, per_page: perPage }),
      );
      return { data: toPage(shapeEach(response.data, shapeCommitListItem), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'get_commit',
    toolset: 'repos',
    title: 'Get commit',
    description: `One commit: full message, author, committer, parents, line stats and changed files (filename, status, additions, deletions, and the patch cut at ${LIMITS.patch} characters).`,
    input: { ...ownerRepo, sha: z.string().min(1).describe('Commit sha, branch or tag') },
    output: commitSchema.shape,
    annotations: READ,
    needs: { permissions: { contents: 'read' } },
    async handler({ owner, repo, sha }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`commit ${sha} in ${owner}/${repo}`, client.rest.repos.getCommit({ owner, repo, ref: sha }));
      return { data: shapeCommit(objectAnswer(data, `commit ${sha} in ${owner}/${repo}`)) };
    },
  }),

  defineTool({
    name: 'create_or_update_file',
    toolset: 'repos',
    title: 'Create or update file',
    description:
      'Commit one file to a branch. Give the content as plain text (it is base64-encoded for you). To update an existing file pass its current blob sha (from get_file_contents); without a sha the call only creates, and refuses if the file exists.',
    input: {
      ...ownerRepo,
      path: z.string().min(1).describe('File path inside the repository'),
      content: z.string().describe('New file content, as UTF-8 text'),
      message: z.string().min(1).describe('Commit message'),
      branch: z.string().optional().describe('Branch to commit to (default: the default branch)'),
      sha: z.string().optional().describe('Blob sha of the file being replaced; required to update an existing file'),
    },
    output: fileCommitSchema.shape,
    annotations: DESTRUCTIVE,
    needs: { permissions: { contents: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, path, content, message, branch, sha }, { github }) {
      const clean = path.replace(/^\/+/, '');
      const client = await github.forRepo(owner, repo);
      const where = `file ${clean} in ${owner}/${repo}${branch ? ` on ${branch}` : ''}`;
      if (!sha) await assertAbsent(client, owner, repo, clean, branch, where);
      const response = await about(
        where,
        client.rest.repos.createOrUpdateFileContents({ owner, repo, path: clean, message, content: Buffer.from(content, 'utf8').toString('base64'), branch, sha }),
      );
      return { data: shapeFileCommit({ status: response.status, data: objectAnswer(response.data, where) }, clean) };
    },
  }),

  defineTool({
    name: 'create_branch',
    toolset: 'repos',
    title: 'Create branch',
    description: 'Create a branch pointing at the head of another branch (default: the repository\'s default branch). Fails if the branch already exists.',
    input: {
      ...ownerRepo,
      branch: z.string().min(1).describe('Name of the new branch'),
      from_branch: z.string().optional().describe('Branch to start from (default: the default branch)'),
    },
    output: createdBranchSchema.shape,
    annotations: WRITE,
    needs: { permissions: { contents: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, branch, from_branch }, { github }) {
      const client = await github.forRepo(owner, repo);
      const from = from_branch ?? objectAnswer((await about(`repository ${owner}/${repo}`, client.rest.repos.get({ owner, repo }))).data, `repository ${owner}/${repo}`).default_branch;
      if (typeof from !== 'string' || from === '') {
        throw new GitHubError('server', `GitHub's answer for repository ${owner}/${repo} named no default branch; pass from_branch. Nothing was created.`);
      }
      const source = await about(`branch ${from} of ${owner}/${repo}`, client.rest.git.getRef({ owner, repo, ref: `heads/${from}` }));
      // Both reads happen before the write, so a broken answer here changes nothing.
      const sha = objectOr(objectOr(source.data)?.object)?.sha;
      if (typeof sha !== 'string' || sha === '') {
        throw new GitHubError('server', `GitHub's answer for branch ${from} of ${owner}/${repo} named no commit; nothing was created.`);
      }
      const created = await about(`branch ${branch} in ${owner}/${repo}`, client.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha }));
      return { data: shapeCreatedBranch(objectAnswer(created.data, `branch ${branch} in ${owner}/${repo}`), branch, from) };
    },
  }),
];

/** Without a sha GitHub would answer a bare 422; say what to do instead. */
async function assertAbsent(client: GitHubOctokit, owner: string, repo: string, path: string, branch: string | undefined, where: string): Promise<void> {
  let data;
  try {
    ({ data } = await client.rest.repos.getContent({ owner, repo, path, ref: branch }));
  } catch (error) {
    if ((error as { status?: number }).status === 404) return;
    throw named(error, where);
  }
  const kind = Array.isArray(data) ? 'a directory' : `a ${data.type}`;
  const subject = where.charAt(0).toUpperCase() + where.slice(1);
  if (kind !== 'a file') throw new GitHubError('validation', `${subject} is ${kind}, not a file; choose another path.`);
  throw new GitHubError('validation', `${subject} already exists. To replace it, read it with get_file_contents and pass its sha to create_or_update_file.`);
}

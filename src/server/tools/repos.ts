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
    description: 'One repository: description, visibility, default branch, language, topics, counts, license, and your permissions.',
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
      'Search repositories with GitHub search syntax, e.g. "mcp language:typescript stars:>100", "org:github topic:cli". Lean entries and totalCount.',
    input: {
      query: z.string().min(1),
      sort: z.enum(['stars', 'forks', 'help-wanted-issues', 'updated']).optional().describe('Default: best match'),
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
      `Read a file or list a directory. A text file comes with its blob sha (pass it to create_or_update_file to change the file), in windows of lines (at most ${LIMITS.fileContent} characters; window.nextOffset reads on); a binary file only with its size.`,
    input: {
      ...ownerRepo,
      path: z.string().default('').describe('Empty for the root'),
      ref: z.string().optional().describe('Branch, tag or sha'),
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
    description: 'Branches of a repository: head sha, protected.',
    input: { ...ownerRepo, protected: z.boolean().optional().describe('Only (un)protected ones'), ...pagination },
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
    description: 'Commits from a branch or sha, newest first: sha, message (first 300 characters), author, date.',
    input: {
      ...ownerRepo,
      sha: z.string().optional().describe('Branch, tag or sha to start from'),
      path: z.string().optional(),
      author: z.string().optional().describe('Login or email'),
      since: z.iso.datetime({ offset: true }).optional(),
      until: z.iso.datetime({ offset: true }).optional(),
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
    description: `One commit: message, author, committer, parents, stats, and changed files with patches cut at ${LIMITS.patch} characters.`,
    input: { ...ownerRepo, sha: z.string().describe('Commit sha, branch or tag') },
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
      'Commit one file (plain text content) to a branch. To update a file pass its blob sha from get_file_contents; without sha it only creates.',
    input: {
      ...ownerRepo,
      path: z.string().min(1),
      content: z.string(),
      message: z.string().min(1),
      branch: z.string().optional(),
      sha: z.string().optional().describe('Blob sha of the file replaced'),
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
    description: 'Create a branch at the head of another (default: the default branch).',
    input: {
      ...ownerRepo,
      branch: z.string().describe('New branch'),
      from_branch: z.string().optional(),
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

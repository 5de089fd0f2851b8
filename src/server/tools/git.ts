import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import type { GitHubOctokit } from '../../core/client/octokit';
import { defineTool, ownerRepo, READ } from './defineTool';
import { about, isEmptyRepository, named, objectAnswer, shapeTreeWindow, treeWindowSchema } from './shape';

export const gitTools = [
  defineTool({
    name: 'get_repository_tree',
    toolset: 'git',
    title: 'Get repository tree',
    description:
      'Files and directories of a repository tree: path, type, mode, size, sha. Windowed: read on with offset.',
    input: {
      ...ownerRepo,
      tree_sha: z.string().optional().describe('Tree or commit sha, branch or tag'),
      recursive: z.boolean().default(false),
      path_filter: z.string().optional().describe('Path prefix; use with recursive'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    },
    output: treeWindowSchema.shape,
    annotations: READ,
    needs: { permissions: { contents: 'read' } },
    async handler({ owner, repo, tree_sha, recursive, path_filter, offset, limit }, { github }) {
      const client = await github.forRepo(owner, repo);
      const name = tree_sha ?? (await defaultBranch(client, owner, repo));
      const where = `tree ${name} of ${owner}/${repo}`;
      try {
        const { data } = await client.rest.git.getTree({ owner, repo, tree_sha: name, recursive: recursive ? '1' : undefined });
        return { data: shapeTreeWindow(objectAnswer(data, where), { offset, limit, pathFilter: path_filter }) };
      } catch (error) {
        if (isEmptyRepository(error)) throw new GitHubError('not_found', `Repository ${owner}/${repo} is empty: it has no commit, so no tree yet. push_files or create_or_update_file makes the first commit.`, { status: 409 });
        throw named(error, where);
      }
    },
  }),
];

/** The repository's default branch, for tools whose ref is optional where GitHub's is not. */
export async function defaultBranch(client: GitHubOctokit, owner: string, repo: string): Promise<string> {
  const { data } = await about(`repository ${owner}/${repo}`, client.rest.repos.get({ owner, repo }));
  const branch = objectAnswer(data, `repository ${owner}/${repo}`).default_branch;
  if (typeof branch !== 'string' || branch === '') throw new GitHubError('server', `GitHub's answer for repository ${owner}/${repo} named no default branch; name the branch or ref yourself.`);
  return branch;
}

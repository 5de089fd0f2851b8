import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import { defineTool, DESTRUCTIVE, ownerRepo, WRITE } from './defineTool';
import { about, objectAnswer, releaseSchema, shapeRelease } from './shape';

// Release writes: push access (an App, contents: write). release_id comes from list_releases.

const contentsWrite = { permissions: { contents: 'write' }, scope: 'public_repo' } as const;
const releaseId = { release_id: z.number().int().min(1).describe('From list_releases') };
const fields = {
  name: z.string().optional(),
  body: z.string().optional().describe('Release notes (Markdown)'),
  draft: z.boolean().optional(),
  prerelease: z.boolean().optional(),
  make_latest: z.enum(['true', 'false', 'legacy']).optional().describe('Default true: the newest non-prerelease'),
};

export const releaseWritesTools = [
  defineTool({
    name: 'create_release',
    toolset: 'releases',
    title: 'Create release',
    description: 'Publish a release (or save a draft) for a tag; a missing tag is created at target_commitish when published. One release per tag.',
    input: {
      ...ownerRepo,
      tag: z.string().min(1).describe('Tag name'),
      target_commitish: z.string().optional().describe('Branch or sha for a new tag; default: the default branch'),
      ...fields,
      generate_release_notes: z.boolean().optional(),
    },
    output: releaseSchema.shape,
    annotations: WRITE,
    needs: contentsWrite,
    async handler({ owner, repo, tag, ...rest }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`repository ${owner}/${repo}`, client.rest.repos.createRelease({ owner, repo, tag_name: tag, ...rest }));
      return { data: shapeRelease(objectAnswer(data, `the new release ${tag} of ${owner}/${repo}`)) };
    },
  }),

  defineTool({
    name: 'update_release',
    toolset: 'releases',
    title: 'Update release',
    description: 'Change a release: notes, name, tag, draft (false publishes it), prerelease.',
    input: { ...ownerRepo, ...releaseId, tag: z.string().min(1).optional().describe('New tag name'), target_commitish: z.string().optional(), ...fields },
    output: releaseSchema.shape,
    annotations: { ...DESTRUCTIVE, idempotentHint: true },
    needs: contentsWrite,
    async handler({ owner, repo, release_id, tag, ...rest }, { github }) {
      const set = Object.fromEntries(Object.entries({ tag_name: tag, ...rest }).filter(([, v]) => v !== undefined));
      if (Object.keys(set).length === 0) throw new GitHubError('validation', 'update_release needs at least one field to change: tag, target_commitish, name, body, draft, prerelease or make_latest.');
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`release ${release_id} of ${owner}/${repo}`, client.rest.repos.updateRelease({ owner, repo, release_id, ...set }));
      return { data: shapeRelease(objectAnswer(data, `release ${release_id} of ${owner}/${repo}`)) };
    },
  }),

  defineTool({
    name: 'delete_release',
    toolset: 'releases',
    title: 'Delete release',
    description: 'Delete a release and its assets; the tag stays.',
    input: { ...ownerRepo, ...releaseId },
    output: { deleted: z.number().describe('The release id') },
    annotations: DESTRUCTIVE,
    needs: contentsWrite,
    async handler({ owner, repo, release_id }, { github }) {
      const client = await github.forRepo(owner, repo);
      await about(`release ${release_id} of ${owner}/${repo}`, client.rest.repos.deleteRelease({ owner, repo, release_id }));
      return { data: { deleted: release_id } };
    },
  }),
];

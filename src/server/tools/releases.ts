import { z } from 'zod';
import { defineTool, ownerRepo, pagination, READ } from './defineTool';
import { about, listOutput, objectAnswer, perPageOf, releaseSchema, shapeEach, shapeRelease, shapeReleaseListItem, toPage } from './shape';

const contentsRead = { permissions: { contents: 'read' } } as const;

export const releasesTools = [
  defineTool({
    name: 'list_releases',
    toolset: 'releases',
    title: 'List releases',
    description: `Releases of a repository, newest first: tag, name, flags, author, dates, assets, notes preview. Drafts need push access.`,
    input: { ...ownerRepo, ...pagination },
    output: listOutput(releaseSchema),
    annotations: READ,
    needs: contentsRead,
    async handler(args, ctx) {
      const { owner, repo, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(`releases of ${owner}/${repo}`, client.rest.repos.listReleases({ owner, repo, page, per_page: perPage }));
      return { data: toPage(shapeEach(response.data, shapeReleaseListItem), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'get_latest_release',
    toolset: 'releases',
    title: 'Get latest release',
    description: `The latest release (not draft or prerelease), with notes and assets.`,
    input: ownerRepo,
    output: releaseSchema.shape,
    annotations: READ,
    needs: contentsRead,
    async handler({ owner, repo }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`the latest release of ${owner}/${repo}`, client.rest.repos.getLatestRelease({ owner, repo }));
      return { data: shapeRelease(objectAnswer(data, `the latest release of ${owner}/${repo}`)) };
    },
  }),

  defineTool({
    name: 'get_release_by_tag',
    toolset: 'releases',
    title: 'Get release by tag',
    description: `The published release of a tag, with notes and assets.`,
    input: { ...ownerRepo, tag: z.string() },
    output: releaseSchema.shape,
    annotations: READ,
    needs: contentsRead,
    async handler({ owner, repo, tag }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(`release ${tag} of ${owner}/${repo}`, client.rest.repos.getReleaseByTag({ owner, repo, tag }));
      return { data: shapeRelease(objectAnswer(data, `release ${tag} of ${owner}/${repo}`)) };
    },
  }),
];

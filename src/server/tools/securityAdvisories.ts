import { z } from 'zod';
import { cursorPagination, defineTool, ownerRepo, READ } from './defineTool';
import {
  about,
  globalAdvisorySchema,
  objectAnswer,
  perPageOf,
  repositoryAdvisorySchema,
  shapeEach,
  shapeGlobalAdvisory,
  shapeGlobalAdvisoryListItem,
  shapeRepositoryAdvisory,
  cursorOutput,
  cursorPage,
} from './shape';

type Raw = Record<string, unknown>;

const ghsaId = z.string().regex(/^GHSA(-[0-9a-z]{4}){3}$/i, 'must be a GHSA id, e.g. GHSA-xxxx-xxxx-xxxx');
const ecosystem = z.enum(['rubygems', 'npm', 'pip', 'maven', 'nuget', 'composer', 'go', 'rust', 'erlang', 'actions', 'pub', 'other', 'swift']);
const severity = z.enum(['unknown', 'low', 'medium', 'high', 'critical']);
const repoAdvisoryFilters = {
  state: z.enum(['triage', 'draft', 'published', 'closed']).optional(),
  sort: z.enum(['created', 'updated', 'published']).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  ...cursorPagination,
};
const advisoriesRead = { permissions: { repository_advisories: 'read' } } as const;

export const securityAdvisoriesTools = [
  defineTool({
    name: 'list_global_security_advisories',
    toolset: 'security_advisories',
    title: 'List global security advisories',
    description: 'GitHub Advisory Database entries (reviewed, not malware, unless `type` says otherwise): ids, severity, CVSS, affected packages and patched versions.',
    input: {
      ghsa_id: ghsaId.optional(),
      type: z.enum(['reviewed', 'malware', 'unreviewed']).optional(),
      cve_id: z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'must be a CVE id, e.g. CVE-2024-12345').optional(),
      ecosystem: ecosystem.optional(),
      severity: severity.optional(),
      cwes: z.array(z.string().regex(/^(CWE-)?\d{1,5}$/)).max(20).optional().describe('e.g. ["79","CWE-89"]'),
      is_withdrawn: z.boolean().optional(),
      affects: z.array(z.string().min(1).max(200)).max(1000).optional().describe('Packages, optionally with a version: "lodash" or "lodash@4.17.20"'),
      published: z.string().max(100).optional().describe('Date or range, e.g. >=2024-01-01 or 2024-01-01..2024-06-30'),
      updated: z.string().max(100).optional().describe('Date or range'),
      modified: z.string().max(100).optional().describe('Date or range (updated or published)'),
      sort: z.enum(['updated', 'published']).optional(),
      direction: z.enum(['asc', 'desc']).optional(),
      ...cursorPagination,
    },
    output: cursorOutput(globalAdvisorySchema),
    annotations: READ,
    needs: {},
    async handler(args, ctx) {
      const perPage = perPageOf(args, ctx);
      const cwes = args.cwes?.map((c) => c.replace(/^CWE-/, ''));
      const client = await ctx.github.forAnyone();
      const response = await about(
        'global security advisories',
        client.rest.securityAdvisories.listGlobalAdvisories({
          ghsa_id: args.ghsa_id,
          type: args.type,
          cve_id: args.cve_id,
          ecosystem: args.ecosystem,
          severity: args.severity,
          cwes,
          is_withdrawn: args.is_withdrawn,
          affects: args.affects,
          published: args.published,
          updated: args.updated,
          modified: args.modified,
          sort: args.sort,
          direction: args.direction,
          after: args.after,
          per_page: perPage,
        }),
      );
      return { data: cursorPage(shapeEach(response.data as unknown as Raw[], shapeGlobalAdvisoryListItem), response, perPage) };
    },
  }),

  defineTool({
    name: 'get_global_security_advisory',
    toolset: 'security_advisories',
    title: 'Get a global security advisory',
    description: 'One GitHub Advisory Database entry by GHSA id, with description and references.',
    input: { ghsa_id: ghsaId },
    output: globalAdvisorySchema.shape,
    annotations: READ,
    needs: {},
    async handler({ ghsa_id }, { github }) {
      const client = await github.forAnyone();
      const what = `advisory ${ghsa_id}`;
      const { data } = await about(what, client.rest.securityAdvisories.getGlobalAdvisory({ ghsa_id }));
      return { data: shapeGlobalAdvisory(objectAnswer(data, what) as unknown as Raw) };
    },
  }),

  defineTool({
    name: 'list_repository_security_advisories',
    toolset: 'security_advisories',
    title: 'List repository security advisories',
    description: 'Security advisories of a repository. Unpublished ones need admin or security-manager access.',
    input: { ...ownerRepo, ...repoAdvisoryFilters },
    output: cursorOutput(repositoryAdvisorySchema),
    annotations: READ,
    needs: advisoriesRead,
    async handler(args, ctx) {
      const { owner, repo, state, sort, direction, after } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(
        `security advisories of ${owner}/${repo}`,
        client.rest.securityAdvisories.listRepositoryAdvisories({ owner, repo, state, sort, direction, after, per_page: perPage }),
      );
      return { data: cursorPage(shapeEach(response.data as unknown as Raw[], shapeRepositoryAdvisory), response, perPage) };
    },
  }),

  defineTool({
    name: 'list_org_repository_security_advisories',
    toolset: 'security_advisories',
    title: 'List an organization\'s repository security advisories',
    description: 'Repository security advisories across an organization. Needs an org owner or security manager.',
    input: { org: z.string(), ...repoAdvisoryFilters },
    output: cursorOutput(repositoryAdvisorySchema),
    annotations: READ,
    needs: { ...advisoriesRead, scope: 'repo' },
    async handler(args, ctx) {
      const { org, state, sort, direction, after } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forOwner(org);
      const response = await about(
        `security advisories of organization ${org}`,
        client.rest.securityAdvisories.listOrgRepositoryAdvisories({ org, state, sort, direction, after, per_page: perPage }),
      );
      return { data: cursorPage(shapeEach(response.data as unknown as Raw[], shapeRepositoryAdvisory), response, perPage) };
    },
  }),
];

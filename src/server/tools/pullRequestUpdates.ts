import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import { defineTool, ownerRepo, pagination, READ, WRITE, pullNumber } from './defineTool';
import { settleAll } from './settle';
import {
  about,
  aboutGraphql,
  branchUpdateSchema,
  listOutput,
  objectAnswer,
  perPageOf,
  pullCommitSchema,
  pullSchema,
  pullSearchItemSchema,
  pullStatusSchema,
  reviewRequestSchema,
  searchPage,
  shapeBranchUpdate,
  shapeEach,
  shapePull,
  shapePullCommit,
  shapePullSearchItem,
  shapePullStatus,
  shapeReviewRequest,
  toPage,
} from './shape';

// Pull request searches, edits, branch updates, review requests and CI status.

const SHA = /^[0-9a-fA-F]{40}$/;

/** The query as GitHub gets it: is:pr unless it says so, and the owner/repo qualifiers first (an unpinned App picks its installation by them). */
export function pullSearchQuery(query: string, owner?: string, repo?: string): string {
  const has = (key: string) => new RegExp(`(?:^|[\\s(])-?${key}:\\S`, 'i').test(query);
  const parts: string[] = [];
  if (repo !== undefined && owner === undefined) throw new GitHubError('validation', 'search_pull_requests: repo needs owner as well (or put repo:owner/name in the query).');
  if (owner !== undefined && repo !== undefined && !has('repo')) parts.push(`repo:${owner}/${repo}`);
  else if (owner !== undefined && repo === undefined && !has('repo') && !has('user') && !has('org')) parts.push(`user:${owner}`);
  if (!/(?:^|[\s(])(?:is|type):(?:pr|pull-request)(?=$|[\s)])/i.test(query)) parts.push('is:pr');
  return [...parts, query].join(' ');
}

const DRAFT_MUTATIONS = {
  true: 'mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { pullRequest { isDraft } } }',
  false: 'mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }',
} as const;

export const pullRequestUpdateTools = [
  defineTool({
    name: 'search_pull_requests',
    toolset: 'pull_requests',
    title: 'Search pull requests',
    description:
      'Search pull requests in GitHub issue search syntax (is:pr is added; owner and repo add user: and repo:). Lean entries with repository, draft, body preview.',
    input: {
      query: z.string().min(1).describe('GitHub search query, e.g. "is:open review-requested:octocat"'),
      owner: z.string().optional(),
      repo: z.string().optional().describe('Needs owner'),
      sort: z.enum(['comments', 'reactions', 'created', 'updated', 'interactions']).optional().describe('Default: best match'),
      order: z.enum(['asc', 'desc']).optional(),
      ...pagination,
    },
    output: listOutput(pullSearchItemSchema, { incompleteResults: z.boolean() }),
    annotations: READ,
    needs: { permissions: { pull_requests: 'read' } },
    async handler(args, ctx) {
      const perPage = perPageOf(args, ctx);
      const q = pullSearchQuery(args.query, args.owner, args.repo);
      const client = await ctx.github.forSearch(q);
      const response = await about('the pull request search', client.rest.search.issuesAndPullRequests({ q, sort: args.sort, order: args.order, page: args.page, per_page: perPage }));
      return { data: searchPage(shapeEach(response.data?.items, shapePullSearchItem), response, args.page, perPage) };
    },
  }),

  defineTool({
    name: 'update_pull_request',
    toolset: 'pull_requests',
    title: 'Update pull request',
    description:
      'Change a pull request. draft true converts it to a draft, false marks it ready for review.',
    input: {
      ...ownerRepo,
      ...pullNumber,
      title: z.string().min(1).optional(),
      body: z.string().optional(),
      state: z.enum(['open', 'closed']).optional(),
      base: z.string().optional(),
      maintainer_can_modify: z.boolean().optional(),
      draft: z.boolean().optional(),
    },
    output: pullSchema.shape,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    needs: { permissions: { pull_requests: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, pullNumber, draft, ...changes }, { github }) {
      const fields = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      if (Object.keys(fields).length === 0 && draft === undefined) {
        throw new GitHubError('validation', 'update_pull_request needs at least one change: title, body, state, base, maintainer_can_modify or draft.');
      }
      const what = `pull request ${owner}/${repo}#${pullNumber}`;
      const client = await github.forRepo(owner, repo);
      let pull =
        Object.keys(fields).length > 0
          ? (await about(what, client.rest.pulls.update({ owner, repo, pull_number: pullNumber, ...fields }))).data
          : (await about(what, client.rest.pulls.get({ owner, repo, pull_number: pullNumber }))).data;
      pull = objectAnswer(pull, what);
      if (draft !== undefined && pull.draft !== draft) {
        if (typeof pull.node_id !== 'string') throw new GitHubError('server', `GitHub's answer for ${what} lacked the node_id that the draft change needs.`);
        await aboutGraphql(draft ? `converting ${what} to a draft` : `marking ${what} ready for review`, client.graphql(DRAFT_MUTATIONS[String(draft) as 'true' | 'false'], { id: pull.node_id }));
        pull = objectAnswer((await about(what, client.rest.pulls.get({ owner, repo, pull_number: pullNumber }))).data, what);
      }
      return { data: shapePull(pull) };
    },
  }),

  defineTool({
    name: 'update_pull_request_branch',
    toolset: 'pull_requests',
    title: 'Update pull request branch',
    description:
      "Merge the latest base into a pull request's head branch, in the background. Pass expected_head_sha to refuse if the head moved. 422: head moved, nothing new, or a conflict.",
    input: {
      ...ownerRepo,
      ...pullNumber,
      expected_head_sha: z.string().regex(SHA, 'a full 40-character commit sha').optional(),
    },
    output: branchUpdateSchema.shape,
    annotations: WRITE,
    needs: { permissions: { pull_requests: 'write', contents: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, pullNumber, expected_head_sha }, { github }) {
      const client = await github.forRepo(owner, repo);
      const { data } = await about(
        `pull request ${owner}/${repo}#${pullNumber}`,
        client.rest.pulls.updateBranch({ owner, repo, pull_number: pullNumber, expected_head_sha }),
      );
      return { data: shapeBranchUpdate(objectAnswer(data, `the branch update of ${owner}/${repo}#${pullNumber}`)) };
    },
  }),

  defineTool({
    name: 'get_pull_request_status',
    toolset: 'pull_requests',
    title: 'Get pull request checks',
    description:
      "CI of a pull request's head: statuses and check runs, failing first.",
    input: { ...ownerRepo, ...pullNumber },
    output: pullStatusSchema.shape,
    annotations: READ,
    needs: { permissions: { pull_requests: 'read', statuses: 'read', checks: 'read' } },
    async handler({ owner, repo, pullNumber }, { github }) {
      const client = await github.forRepo(owner, repo);
      const what = `pull request ${owner}/${repo}#${pullNumber}`;
      const { data: pull } = await about(what, client.rest.pulls.get({ owner, repo, pull_number: pullNumber }));
      const ref = objectAnswer(pull, what).head?.sha;
      if (typeof ref !== 'string') throw new GitHubError('server', `GitHub's answer for ${what} lacked the head sha.`);
      const [combined, runs] = await settleAll([
        about(`the commit status of ${owner}/${repo}@${ref}`, client.rest.repos.getCombinedStatusForRef({ owner, repo, ref, per_page: 100 })),
        about(`the check runs of ${owner}/${repo}@${ref}`, client.rest.checks.listForRef({ owner, repo, ref, per_page: 100 })),
      ]);
      return { data: shapePullStatus(pullNumber, ref, objectAnswer(combined.data, 'the combined status'), objectAnswer(runs.data, 'the check runs')) };
    },
  }),

  defineTool({
    name: 'get_pull_request_commits',
    toolset: 'pull_requests',
    title: 'List pull request commits',
    description: 'Commits of a pull request (at most 250).',
    input: { ...ownerRepo, ...pullNumber, ...pagination },
    output: listOutput(pullCommitSchema),
    annotations: READ,
    needs: { permissions: { pull_requests: 'read' } },
    async handler(args, ctx) {
      const { owner, repo, pullNumber, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(
        `commits of pull request ${owner}/${repo}#${pullNumber}`,
        client.rest.pulls.listCommits({ owner, repo, pull_number: pullNumber, page, per_page: perPage }),
      );
      return { data: toPage(shapeEach(response.data, shapePullCommit), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'request_pull_request_reviewers',
    toolset: 'pull_requests',
    title: 'Request pull request reviewers',
    description:
      'Request reviews of a pull request from users and teams: collaborators, not the author. Returns everyone requested.',
    input: {
      ...ownerRepo,
      ...pullNumber,
      reviewers: z.array(z.string()).optional(),
      team_reviewers: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a team slug')).optional(),
    },
    output: reviewRequestSchema.shape,
    annotations: { ...WRITE, idempotentHint: true },
    needs: { permissions: { pull_requests: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, pullNumber, reviewers, team_reviewers }, { github }) {
      if (!reviewers?.length && !team_reviewers?.length) throw new GitHubError('validation', 'request_pull_request_reviewers needs reviewers or team_reviewers.');
      const client = await github.forRepo(owner, repo);
      const { data } = await about(
        `pull request ${owner}/${repo}#${pullNumber}`,
        client.rest.pulls.requestReviewers({ owner, repo, pull_number: pullNumber, reviewers, team_reviewers }),
      );
      return { data: shapeReviewRequest(objectAnswer(data, `the review request on ${owner}/${repo}#${pullNumber}`)) };
    },
  }),
];

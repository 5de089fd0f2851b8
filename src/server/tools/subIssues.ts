import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import type { GitHubOctokit } from '../../core/client/octokit';
import { defineTool, ownerRepo, pagination, DESTRUCTIVE, READ, WRITE } from './defineTool';
import { about, listOutput, objectAnswer, parentIssueSchema, perPageOf, shapeEach, shapeParentIssue, shapeSubIssue, subIssueItemSchema, toPage } from './shape';

// Sub-issues. GitHub identifies a sub-issue by its database id, not its number: the tools take
// either, and look the id up for a number (an issue of the parent's repository).

const parentNumber = { issue_number: z.number().int().min(1).describe('Number of the parent issue') };
const number = (what: string) => z.number().int().min(1).optional().describe(`${what}: issue number in this repository`);
const id = (what: string) => z.number().int().min(1).optional().describe(`${what}: issue database id (for an issue in another repository of the same owner)`);
const subIssue = { subIssueNumber: number('The sub-issue'), subIssueId: id('The sub-issue') };

interface Target {
  number?: number;
  id?: number;
}

/** The database id of an issue given by number or id (exactly one); undefined when neither is given and that is allowed. */
async function idOf(client: GitHubOctokit, owner: string, repo: string, target: Target, what: string, optional = false): Promise<number | undefined> {
  if (target.number !== undefined && target.id !== undefined) throw new GitHubError('validation', `Give ${what} as a number or as an id, not both.`);
  if (target.id !== undefined) return target.id;
  if (target.number === undefined) {
    if (optional) return undefined;
    throw new GitHubError('validation', `Give ${what} as a number (this repository) or as an id.`);
  }
  const { data } = await about(`issue ${owner}/${repo}#${target.number}`, client.rest.issues.get({ owner, repo, issue_number: target.number }));
  const found = objectAnswer(data, `issue ${owner}/${repo}#${target.number}`).id;
  if (typeof found !== 'number') throw new GitHubError('server', `GitHub's answer for issue ${owner}/${repo}#${target.number} has no id.`);
  return found;
}

export const subIssuesTools = [
  defineTool({
    name: 'list_sub_issues',
    toolset: 'sub_issues',
    title: 'List sub-issues',
    description: 'Sub-issues of an issue in priority order, as lean entries with id, repository (owner/name) and a body preview.',
    input: { ...ownerRepo, ...parentNumber, ...pagination },
    output: listOutput(subIssueItemSchema),
    annotations: READ,
    needs: { permissions: { issues: 'read' } },
    async handler(args, ctx) {
      const { owner, repo, issue_number, page } = args;
      const perPage = perPageOf(args, ctx);
      const client = await ctx.github.forRepo(owner, repo);
      const response = await about(`sub-issues of ${owner}/${repo}#${issue_number}`, client.rest.issues.listSubIssues({ owner, repo, issue_number, page, per_page: perPage }));
      return { data: toPage(shapeEach(response.data, shapeSubIssue), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'add_sub_issue',
    toolset: 'sub_issues',
    title: 'Add sub-issue',
    description:
      'Make an issue a sub-issue of another (same owner). An issue has at most one parent: GitHub refuses (422) one that has a parent unless replaceParent is true. Returns the parent with its sub-issue counts.',
    input: { ...ownerRepo, ...parentNumber, ...subIssue, replaceParent: z.boolean().optional().describe('Move the sub-issue from its current parent') },
    output: parentIssueSchema.shape,
    annotations: WRITE,
    needs: { permissions: { issues: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, issue_number, subIssueNumber, subIssueId, replaceParent }, { github }) {
      const client = await github.forRepo(owner, repo);
      const sub_issue_id = (await idOf(client, owner, repo, { number: subIssueNumber, id: subIssueId }, 'the sub-issue')) as number;
      const { data } = await about(
        `issue ${owner}/${repo}#${issue_number}`,
        client.rest.issues.addSubIssue({ owner, repo, issue_number, sub_issue_id, replace_parent: replaceParent }),
      );
      return { data: shapeParentIssue(objectAnswer(data, `issue ${owner}/${repo}#${issue_number}`)) };
    },
  }),

  defineTool({
    name: 'remove_sub_issue',
    toolset: 'sub_issues',
    title: 'Remove sub-issue',
    description: 'Detach a sub-issue from its parent (both issues stay). Returns the parent with its sub-issue counts.',
    input: { ...ownerRepo, ...parentNumber, ...subIssue },
    output: parentIssueSchema.shape,
    annotations: DESTRUCTIVE,
    needs: { permissions: { issues: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, issue_number, subIssueNumber, subIssueId }, { github }) {
      const client = await github.forRepo(owner, repo);
      const sub_issue_id = (await idOf(client, owner, repo, { number: subIssueNumber, id: subIssueId }, 'the sub-issue')) as number;
      const { data } = await about(`sub-issue ${sub_issue_id} of ${owner}/${repo}#${issue_number}`, client.rest.issues.removeSubIssue({ owner, repo, issue_number, sub_issue_id }));
      return { data: shapeParentIssue(objectAnswer(data, `issue ${owner}/${repo}#${issue_number}`)) };
    },
  }),

  defineTool({
    name: 'reprioritize_sub_issue',
    toolset: 'sub_issues',
    title: 'Reorder sub-issue',
    description: 'Move a sub-issue in its parent\'s list: directly after one sibling or directly before one (give exactly one of after or before, by number or id).',
    input: {
      ...ownerRepo,
      ...parentNumber,
      ...subIssue,
      afterNumber: number('Put it after this sibling'),
      afterId: id('Put it after this sibling'),
      beforeNumber: number('Put it before this sibling'),
      beforeId: id('Put it before this sibling'),
    },
    output: parentIssueSchema.shape,
    annotations: { ...WRITE, idempotentHint: true },
    needs: { permissions: { issues: 'write' }, scope: 'public_repo' },
    async handler(args, { github }) {
      const { owner, repo, issue_number } = args;
      const hasAfter = args.afterNumber !== undefined || args.afterId !== undefined;
      const hasBefore = args.beforeNumber !== undefined || args.beforeId !== undefined;
      if (hasAfter === hasBefore) throw new GitHubError('validation', 'Give exactly one of after (afterNumber or afterId) and before (beforeNumber or beforeId).');
      const client = await github.forRepo(owner, repo);
      const [sub_issue_id, after_id, before_id] = await Promise.all([
        idOf(client, owner, repo, { number: args.subIssueNumber, id: args.subIssueId }, 'the sub-issue'),
        idOf(client, owner, repo, { number: args.afterNumber, id: args.afterId }, 'after', true),
        idOf(client, owner, repo, { number: args.beforeNumber, id: args.beforeId }, 'before', true),
      ]);
      const { data } = await about(
        `sub-issues of ${owner}/${repo}#${issue_number}`,
        client.rest.issues.reprioritizeSubIssue({ owner, repo, issue_number, sub_issue_id: sub_issue_id as number, after_id, before_id }),
      );
      return { data: shapeParentIssue(objectAnswer(data, `issue ${owner}/${repo}#${issue_number}`)) };
    },
  }),
];

import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import type { GitHubOctokit } from '../../core/client/octokit';
import { settleAll } from './settle';
import { defineTool, ownerRepo, pagination, DESTRUCTIVE, READ, WRITE } from './defineTool';
import { about, listOutput, objectAnswer, parentIssueSchema, perPageOf, shapeEach, shapeParentIssue, shapeSubIssue, subIssueItemSchema, toPage } from './shape';

// Sub-issues. GitHub identifies a sub-issue by its database id, not its number: the tools take
// either, and look the id up for a number (an issue of the parent's repository).

const parentNumber = { issue_number: z.number().int().min(1).describe('Parent issue number') };
// The tools' descriptions say it once: *Number is an issue of this repository, *Id the database id of any issue of the owner.
const number = () => z.number().int().min(1).optional();
const id = () => z.number().int().min(1).optional();
const subIssue = { subIssueNumber: number(), subIssueId: id() };

interface Target {
  number?: number;
  id?: number;
}

/** Checks a target before any request: exactly one of number and id, or neither when that is allowed. */
function checkTarget(target: Target, what: string, optional = false): Target | undefined {
  if (target.number !== undefined && target.id !== undefined) throw new GitHubError('validation', `Give ${what} as a number or as an id, not both.`);
  if (target.number === undefined && target.id === undefined) {
    if (optional) return undefined;
    throw new GitHubError('validation', `Give ${what} as a number (this repository) or as an id.`);
  }
  return target;
}

/** The database id of a checked target, looked up when it is given by number. */
async function idOf(client: GitHubOctokit, owner: string, repo: string, target: Target | undefined): Promise<number | undefined> {
  if (target?.number === undefined) return target?.id;
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
    description: 'Sub-issues of an issue in priority order: id, repository, body preview.',
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
      'Make an issue a sub-issue of another of the same owner: subIssueNumber in this repository, or subIssueId (database id) in another. One with a parent needs replaceParent.',
    input: { ...ownerRepo, ...parentNumber, ...subIssue, replaceParent: z.boolean().optional() },
    output: parentIssueSchema.shape,
    annotations: WRITE,
    needs: { permissions: { issues: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, issue_number, subIssueNumber, subIssueId, replaceParent }, { github }) {
      const client = await github.forRepo(owner, repo);
      const sub_issue_id = (await idOf(client, owner, repo, checkTarget({ number: subIssueNumber, id: subIssueId }, 'the sub-issue'))) as number;
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
    description: 'Detach a sub-issue (subIssueNumber in this repository, or subIssueId, its database id) from its parent; both stay.',
    input: { ...ownerRepo, ...parentNumber, ...subIssue },
    output: parentIssueSchema.shape,
    annotations: DESTRUCTIVE,
    needs: { permissions: { issues: 'write' }, scope: 'public_repo' },
    async handler({ owner, repo, issue_number, subIssueNumber, subIssueId }, { github }) {
      const client = await github.forRepo(owner, repo);
      const sub_issue_id = (await idOf(client, owner, repo, checkTarget({ number: subIssueNumber, id: subIssueId }, 'the sub-issue'))) as number;
      const { data } = await about(`sub-issue ${sub_issue_id} of ${owner}/${repo}#${issue_number}`, client.rest.issues.removeSubIssue({ owner, repo, issue_number, sub_issue_id }));
      return { data: shapeParentIssue(objectAnswer(data, `issue ${owner}/${repo}#${issue_number}`)) };
    },
  }),

  defineTool({
    name: 'reprioritize_sub_issue',
    toolset: 'sub_issues',
    title: 'Reorder sub-issue',
    description: 'Move a sub-issue in its parent\'s list after or before a sibling (exactly one). *Number: an issue of this repository; *Id: a database id (another repository of the owner).',
    input: {
      ...ownerRepo,
      ...parentNumber,
      ...subIssue,
      afterNumber: number(),
      afterId: id(),
      beforeNumber: number(),
      beforeId: id(),
    },
    output: parentIssueSchema.shape,
    annotations: { ...WRITE, idempotentHint: true },
    needs: { permissions: { issues: 'write' }, scope: 'public_repo' },
    async handler(args, { github }) {
      const { owner, repo, issue_number } = args;
      const hasAfter = args.afterNumber !== undefined || args.afterId !== undefined;
      const hasBefore = args.beforeNumber !== undefined || args.beforeId !== undefined;
      if (hasAfter === hasBefore) throw new GitHubError('validation', 'Give exactly one of after (afterNumber or afterId) and before (beforeNumber or beforeId).');
      // Every target is checked before the first lookup: a bad one must not leave the others' lookups running.
      const targets = [
        checkTarget({ number: args.subIssueNumber, id: args.subIssueId }, 'the sub-issue'),
        checkTarget({ number: args.afterNumber, id: args.afterId }, 'after', true),
        checkTarget({ number: args.beforeNumber, id: args.beforeId }, 'before', true),
      ];
      const client = await github.forRepo(owner, repo);
      const [sub_issue_id, after_id, before_id] = await settleAll(targets.map((target) => idOf(client, owner, repo, target)));
      const { data } = await about(
        `sub-issues of ${owner}/${repo}#${issue_number}`,
        client.rest.issues.reprioritizeSubIssue({ owner, repo, issue_number, sub_issue_id: sub_issue_id as number, after_id, before_id }),
      );
      return { data: shapeParentIssue(objectAnswer(data, `issue ${owner}/${repo}#${issue_number}`)) };
    },
  }),
];

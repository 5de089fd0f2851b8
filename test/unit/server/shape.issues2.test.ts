import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lastPageOf, shapeTimelineEvent, TIMELINE_BODY } from '../../../src/server/tools/shape';
import { answerFrom, BEST_FIT_NO_MAPS, content, problems, runTool, testConfig, validators, variantsBy, type Exchange, type Json, type Variant } from '../../support/openapiExamples';

/*
 * The issue-detail and sub-issue shapers against GitHub's OpenAPI examples (@octokit/openapi,
 * api.github.com) for their operations: each example in full, stripped to the fields its
 * response schema requires (recursively), and with every nullable field null. Each payload goes
 * through the tool's real handler (a fetch answering from the payload); the result must validate
 * against the JSON Schema the tool advertises and against its strict form (the tool described as
 * a read, fields not relaxed). Field checks tie results to payloads. The variant builders follow
 * shape.fixtures.test.ts.
 */

// fixtures' best-fit branches, without keeping a map's entries.
const VARIANTS = variantsBy(BEST_FIT_NO_MAPS);
const config = testConfig({ exposeTokens: false });
const run = async (toolName: string, args: Json, exchanges: Exchange[]): Promise<Json> => (await runTool(toolName, args, answerFrom(exchanges), { config })).out;

interface Case {
  tool: string;
  args: Json;
  op: string;
  status: number;
  /** Further answers the handler needs (the number-to-id look-up), used as they are. */
  extra?: Exchange[];
  check?: (out: any, raw: any, variant: Variant) => void;
}

function cases(list: Case[]) {
  for (const c of list) {
    for (const [name, example] of Object.entries(content(c.op, c.status).examples)) {
      for (const variant of Object.keys(VARIANTS) as Variant[]) {
        it(`${c.tool} · OpenAPI ${c.op} ${c.status} "${name}" · ${variant}`, async () => {
          const raw = VARIANTS[variant](structuredClone(example), content(c.op, c.status).schema);
          const out = await run(c.tool, c.args, [{ op: c.op, status: c.status, data: raw }, ...(c.extra ?? [])]);
          const { advertised, strict } = validators(c.tool);
          assert.ok(advertised(out), `advertised schema: ${problems(advertised)}`);
          assert.ok(strict(out), `strict schema: ${problems(strict)}`);
          c.check?.(out, raw, variant);
        });
      }
    }
  }
}

// ---- field checks

const owner = { owner: 'octocat', repo: 'hello-world' };
const eachItem = (check: (out: any, raw: any) => void) => (out: any, raw: any[]) => {
  assert.equal(out.items.length, raw.length, 'one shaped item per item');
  out.items.forEach((item: any, i: number) => check(item, raw[i]));
};
const issueExample = content('issues/get', 200).examples.default as Json;
const idLookup: Exchange = { op: 'issues/get', data: { ...issueExample, id: 777 } };

function checkParent(out: any, raw: any) {
  assert.equal(out.number, raw.number);
  assert.equal(out.title, raw.title);
  if (raw.sub_issues_summary) assert.deepEqual(out.subIssuesSummary, { total: raw.sub_issues_summary.total, completed: raw.sub_issues_summary.completed, percentCompleted: raw.sub_issues_summary.percent_completed });
  else assert.equal(out.subIssuesSummary, undefined, 'no summary made up');
}

describe('issue-detail and sub-issue shapers on the OpenAPI examples', () => {
  cases([
    {
      tool: 'get_label',
      args: { ...owner, name: 'bug' },
      op: 'issues/get-label',
      status: 200,
      check: (out, raw) => assert.deepEqual(out, { id: raw.id, name: raw.name, color: raw.color, description: raw.description, isDefault: raw.default }),
    },
    {
      tool: 'list_milestones',
      args: owner,
      op: 'issues/list-milestones',
      status: 200,
      check: eachItem((out, raw) => {
        for (const [mine, theirs] of [['number', 'number'], ['title', 'title'], ['state', 'state'], ['openIssues', 'open_issues'], ['closedIssues', 'closed_issues'], ['dueOn', 'due_on'], ['closedAt', 'closed_at'], ['htmlUrl', 'html_url']]) {
          assert.deepEqual(out[mine], raw[theirs], mine);
        }
        assert.equal(out.description, raw.description, 'a short description is kept whole, null stays null');
      }),
    },
    {
      tool: 'list_issue_types',
      args: { org: 'github' },
      op: 'orgs/list-issue-types',
      status: 200,
      check: (out, raw) => {
        assert.equal(out.items.length, raw.length);
        out.items.forEach((t: any, i: number) => assert.deepEqual(t, Object.fromEntries(Object.entries({ id: raw[i].id, name: raw[i].name, description: raw[i].description, color: raw[i].color }).filter(([, v]) => v !== undefined))));
      },
    },
    {
      tool: 'update_issue_comment',
      args: { ...owner, commentId: 1, body: 'Me too' },
      op: 'issues/update-comment',
      status: 200,
      check: (out, raw) => (assert.equal(out.id, raw.id), assert.equal(out.author, raw.user?.login ?? null), assert.equal(out.body, raw.body ?? null)),
    },
    {
      tool: 'get_issue_timeline',
      args: { ...owner, issue_number: 1347 },
      op: 'issues/list-events-for-timeline',
      status: 200,
      check: (out, raw, variant) => {
        assert.equal(out.items.length, raw.length);
        out.items.forEach((e: any, i: number) => {
          assert.equal(e.event, raw[i].event ?? undefined, 'event as sent, never made up');
          if (raw[i].actor !== undefined) assert.equal(e.actor, raw[i].actor?.login ?? null, 'actor');
          else assert.equal(e.actor, raw[i].user === undefined ? undefined : raw[i].user?.login ?? null, 'actor (user of a review)');
          if (raw[i].label) assert.equal(e.label, raw[i].label.name);
          if (raw[i].source?.issue) assert.equal(e.source.number, raw[i].source.issue.number);
          if (typeof raw[i].body === 'string') assert.ok(e.body.length <= TIMELINE_BODY + 40);
        });
        assert.equal(out.hasNextPage, false);
        assert.equal(out.remainingPages, 0);
        if (variant === 'full') assert.ok(JSON.stringify(out).length * 4 <= JSON.stringify(raw).length, 'a quarter of the raw JSON at most');
      },
    },
    {
      tool: 'list_sub_issues',
      args: { ...owner, issue_number: 1347 },
      op: 'issues/list-sub-issues',
      status: 200,
      check: eachItem((out, raw) => (assert.equal(out.id, raw.id), assert.equal(out.number, raw.number), assert.equal(out.repository, raw.repository_url.split('/').slice(-2).join('/')))),
    },
    { tool: 'add_sub_issue', args: { ...owner, issue_number: 1347, subIssueId: 5 }, op: 'issues/add-sub-issue', status: 201, check: checkParent },
    { tool: 'add_sub_issue', args: { ...owner, issue_number: 1347, subIssueNumber: 12 }, op: 'issues/add-sub-issue', status: 201, extra: [idLookup], check: checkParent },
    { tool: 'remove_sub_issue', args: { ...owner, issue_number: 1347, subIssueNumber: 12 }, op: 'issues/remove-sub-issue', status: 200, extra: [idLookup], check: checkParent },
    { tool: 'reprioritize_sub_issue', args: { ...owner, issue_number: 1347, subIssueId: 5, afterNumber: 12 }, op: 'issues/reprioritize-sub-issue', status: 200, extra: [idLookup], check: checkParent },
  ]);
});

describe('shapeTimelineEvent and lastPageOf, by hand', () => {
  it('keeps each event\'s own fields and nothing made up', () => {
    assert.deepEqual(shapeTimelineEvent({ event: 'labeled', actor: { login: 'octocat' }, created_at: '2024-01-01T00:00:00Z', label: { name: 'bug' }, commit_id: null }), {
      event: 'labeled',
      actor: 'octocat',
      createdAt: '2024-01-01T00:00:00Z',
      label: 'bug',
    });
    assert.deepEqual(shapeTimelineEvent({ event: 'closed', actor: null, created_at: '2024-01-02T00:00:00Z', state_reason: 'completed', commit_id: 'abc' }), {
      event: 'closed',
      actor: null,
      createdAt: '2024-01-02T00:00:00Z',
      stateReason: 'completed',
      commitId: 'abc',
    });
    const committed = shapeTimelineEvent({ sha: 'f'.repeat(40), message: 'm'.repeat(1000), author: { name: 'Mona', date: '2024-01-03T00:00:00Z' } });
    assert.equal(committed.event, undefined, 'no event name invented for a committed entry without one');
    assert.equal(committed.actor, undefined, 'a commit has no actor: not "deleted account" (null)');
    assert.equal(committed.createdAt, '2024-01-03T00:00:00Z');
    assert.match(committed.message ?? '', /…\[truncated 700 characters\]$/);
    const cross = shapeTimelineEvent({ event: 'cross-referenced', actor: { login: 'hubot' }, created_at: 'x', source: { type: 'issue', issue: { number: 9, title: 'T', state: 'open', repository_url: 'https://api.github.com/repos/sim-org/api', pull_request: {} } } });
    assert.deepEqual(cross.source, { repository: 'sim-org/api', number: 9, title: 'T', state: 'open', isPullRequest: true, htmlUrl: undefined });
  });

  it('lastPageOf reads rel="last"; the last page is itself; an unreadable link says nothing', () => {
    const link = '<https://api.github.com/repositories/1/issues/1/timeline?per_page=3&page=2>; rel="next", <https://api.github.com/repositories/1/issues/1/timeline?per_page=3&page=5>; rel="last"';
    assert.equal(lastPageOf(link, 1), 5);
    assert.equal(lastPageOf(undefined, 4), 4);
    assert.equal(lastPageOf('<https://x/?page=3>; rel="prev"', 4), 4);
    assert.equal(lastPageOf('<https://x/?page=2>; rel="next"', 1), undefined);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_TOOLS } from '../../../src/server/tools/all';
import { answering, assertConforms, operations, example, runTool, VARIANTS, tools, routeOf, type Json, type Sent, type Variant } from '../../support/openapiExamples';

/*
 * The projects (v2) shapers against GitHub's own response examples (@octokit/openapi,
 * api.github.com): each example goes through the tool's real handler (a fetch answers from
 * it), in full, stripped to the fields the response schema requires, and with every nullable
 * field null. A list operation's example is one object; it is answered as a list of it. Each
 * result must validate against the tool's advertised and strict schemas; field checks tie
 * results to the examples, and lists stay within a quarter of the raw JSON.
 */

interface Request {
  url: URL;
  method: string;
  body: unknown;
}

/** The tool's handler on `answer`, its output checked against both schemas, and what it sent (bodies parsed). */
async function handle(toolName: string, args: Json, answer: (url: URL, method: string) => Response): Promise<{ out: Json; sent: Request[] }> {
  const sent: Sent[] = [];
  const { out } = await runTool(toolName, args, answering((url, init) => answer(url, (init.method ?? 'GET').toUpperCase()), sent));
  assertConforms(toolName, out);
  return { out, sent: sent.map(({ url, init }) => ({ url, method: (init.method ?? 'GET').toUpperCase(), body: init.body ? JSON.parse(String(init.body)) : undefined })) };
}

interface Case {
  tool: string;
  args: Json;
  op: string;
  status?: number;
  list?: boolean;
  check(out: Json, raw: any, variant: Variant): void;
}

const org = { owner: 'github', owner_type: 'org' };
const user = { owner: 'octocat', owner_type: 'user' };
const login = (u: Json | null | undefined) => (u === undefined ? undefined : (u?.login ?? null));

function checkProject(o: Json, r: Json) {
  assert.equal(o.id, r.id);
  assert.equal(o.number, r.number);
  assert.equal(o.title, r.title);
  assert.equal(o.shortDescription, r.short_description);
  assert.equal(o.public, r.public);
  assert.equal(o.closedAt, r.closed_at);
  assert.equal(o.owner, login(r.owner));
  assert.equal(o.updatedAt, r.updated_at);
  assert.equal(o.state, r.state);
}

/** What the example item's fields become: values by name, the Title left out (it is the item's title). */
const EXAMPLE_FIELDS = {
  Assignees: ['octocat'],
  Status: 'Done',
  Labels: ['bug :bug:', 'fun size 🍫', '🚒 wontfix'],
  'Linked pull requests': [],
  Milestone: 'Open milestone',
  Repository: 'github/Hello-World',
  Type: null,
  Reviewers: ['monalisa'],
  'Parent issue': null,
  'Sub-issues progress': null,
};

function checkItem(o: Json, r: Json, variant: Variant) {
  assert.equal(o.id, r.id);
  assert.equal(o.contentType, r.content_type);
  assert.equal(o.archivedAt, r.archived_at);
  assert.equal(o.updatedAt, r.updated_at);
  const content = r.content ?? undefined;
  const title = r.fields?.find((f: Json) => f.data_type === 'title')?.value;
  assert.equal(o.title, content?.title ?? title?.raw);
  if (r.content_type === 'DraftIssue') assert.equal(o.number, undefined);
  else assert.equal(o.number, content?.number ?? title?.number);
  assert.equal(o.url, r.content_type === 'DraftIssue' ? undefined : content?.html_url);
  if (r.fields === undefined) assert.equal(o.fields, undefined, 'no fields made up');
  else if (variant === 'full') assert.deepEqual(o.fields, EXAMPLE_FIELDS);
  else assert.deepEqual(Object.keys(o.fields).sort(), Object.keys(EXAMPLE_FIELDS).sort());
  if (content && r.content_type !== 'DraftIssue') assert.equal(o.repository, 'github/Hello-World');
}

const eachOf = (check: (o: Json, r: Json, variant: Variant) => void) => (out: Json, raw: any, variant: Variant) => {
  assert.equal(out.items.length, raw.length);
  assert.equal(out.hasNextPage, false);
  out.items.forEach((o: Json, i: number) => check(o, raw[i], variant));
};

const cases: Case[] = [
  { tool: 'list_projects', args: org, op: 'projects/list-for-org', list: true, check: eachOf(checkProject) },
  { tool: 'list_projects', args: user, op: 'projects/list-for-user', list: true, check: eachOf(checkProject) },
  {
    tool: 'get_project',
    args: { ...org, project_number: 2 },
    op: 'projects/get-for-org',
    check: (o, r) => {
      checkProject(o, r);
      assert.equal(o.description, r.description);
      assert.equal(o.creator, login(r.creator));
      assert.equal(o.createdAt, r.created_at);
      assert.equal(o.isTemplate, r.is_template);
      if (r.latest_status_update === undefined) assert.equal('latestStatus' in o, false);
      else if (r.latest_status_update === null) assert.equal(o.latestStatus, null);
      else assert.deepEqual(o.latestStatus, { status: 'COMPLETE', body: 'DONE', startDate: '2025-07-23', targetDate: '2025-07-26', updatedAt: '2025-07-11T16:19:28Z' });
    },
  },
  { tool: 'get_project', args: { ...user, project_number: 2 }, op: 'projects/get-for-user', check: checkProject },
  {
    tool: 'list_project_fields',
    args: { ...org, project_number: 1 },
    op: 'projects/list-fields-for-org',
    list: true,
    check: eachOf((o, r) => {
      assert.equal(o.id, r.id);
      assert.equal(o.name, r.name);
      assert.equal(o.dataType, r.data_type);
      if (r.options === undefined) assert.equal(o.options, undefined);
      else assert.deepEqual(o.options, Object.fromEntries(r.options.map((x: Json) => [x.id, x.name.raw])));
      const iterations = r.configuration?.iterations;
      if (iterations === undefined) assert.equal(o.iterations, undefined);
      else assert.deepEqual(o.iterations, Object.fromEntries(iterations.map((x: Json) => [x.id, { title: x.title.raw, startDate: x.start_date, duration: x.duration }])));
    }),
  },
  { tool: 'list_project_fields', args: { ...user, project_number: 1 }, op: 'projects/list-fields-for-user', list: true, check: eachOf((o, r) => assert.equal(o.id, r.id)) },
  { tool: 'list_project_items', args: { ...org, project_number: 1, fields: [3, 4] }, op: 'projects/list-items-for-org', list: true, check: eachOf(checkItem) },
  { tool: 'list_project_items', args: { ...user, project_number: 1 }, op: 'projects/list-items-for-user', list: true, check: eachOf(checkItem) },
  {
    tool: 'get_project_item',
    args: { ...org, project_number: 1, item_id: 13 },
    op: 'projects/get-org-item',
    check: (o, r, variant) => {
      checkItem(o, r, variant);
      assert.equal(o.createdAt, r.created_at);
      assert.equal(o.creator, login(r.creator));
      if (r.content === undefined || r.content === null) assert.equal('body' in o, false);
      else assert.equal(o.body, r.content.body);
      assert.equal(o.contentId, r.content?.id ?? undefined);
    },
  },
  { tool: 'get_project_item', args: { ...user, project_number: 1, item_id: 13 }, op: 'projects/get-user-item', check: checkItem },
  {
    tool: 'add_project_item',
    args: { ...org, project_number: 1, item_type: 'Issue', item_id: 38 },
    op: 'projects/add-item-for-org',
    status: 201,
    check: (o, r) => {
      assert.equal(o.id, r.id);
      assert.equal(o.contentType, 'DraftIssue');
      assert.equal(o.title, r.content?.title);
      assert.equal(o.number, undefined, 'a draft has no number');
      assert.equal(o.fields, undefined);
    },
  },
  { tool: 'update_project_item', args: { ...org, project_number: 1, item_id: 13, field_id: 3, value: '98236657' }, op: 'projects/update-item-for-org', check: checkItem },
  { tool: 'update_project_item', args: { ...user, project_number: 1, item_id: 13, field_id: 9, value: null }, op: 'projects/update-item-for-user', check: checkItem },
];

describe('projects shapers on GitHub\'s OpenAPI examples', () => {
  for (const c of cases) {
    for (const variant of Object.keys(VARIANTS) as Variant[]) {
      it(`${c.tool} · ${c.op} · ${variant}`, async () => {
        const status = c.status ?? 200;
        const { schema, value } = example(c.op, status);
        const payload = c.list && !Array.isArray(value) ? [value] : value;
        const data = VARIANTS[variant](structuredClone(payload), schema);
        const { out } = await handle(c.tool, c.args, (url, method) => {
          if (method !== operations.get(c.op)!.method || !routeOf(c.op).test(url.pathname)) return new Response(JSON.stringify({ message: `test: no payload for ${method} ${url.pathname}` }), { status: 599 });
          return Response.json(data, { status });
        });
        c.check(out, data, variant);
        if (c.list && variant === 'full') {
          const shaped = JSON.stringify(out.items).length;
          const raw = JSON.stringify(data).length;
          assert.ok(shaped * 4 <= raw, `${c.tool}: ${shaped} bytes shaped vs ${raw} raw`);
        }
      });
    }
  }

  it('the requests: fields as a comma list, the cursor, and the write bodies', async () => {
    const empty = () => Response.json([]);
    const items = await handle('list_project_items', { ...org, project_number: 1, query: 'is:open status:Todo', fields: [3, 4], after: 'abc', perPage: 5 }, empty);
    assert.equal(items.sent[0].url.pathname, '/orgs/github/projectsV2/1/items');
    assert.deepEqual(Object.fromEntries(items.sent[0].url.searchParams), { q: 'is:open status:Todo', fields: '3,4', after: 'abc', per_page: '5' });
    const plain = await handle('get_project_item', { ...user, project_number: 1, item_id: 7 }, () => Response.json({ id: 7, content_type: 'DraftIssue', created_at: 'x', updated_at: 'x', archived_at: null }));
    assert.equal(plain.sent[0].url.pathname, '/users/octocat/projectsV2/1/items/7');
    assert.equal(plain.sent[0].url.searchParams.has('fields'), false);

    const item = () => Response.json({ id: 9, content_type: 'Issue', created_at: '2022-04-28T12:00:00Z', updated_at: '2022-04-28T12:00:00Z', archived_at: null }, { status: 201 });
    const byNumber = await handle('add_project_item', { ...org, project_number: 1, item_type: 'PullRequest', item_owner: 'octocat', item_repo: 'hello-world', item_number: 123 }, item);
    assert.deepEqual([byNumber.sent[0].method, byNumber.sent[0].url.pathname, byNumber.sent[0].body], ['POST', '/orgs/github/projectsV2/1/items', { type: 'PullRequest', owner: 'octocat', repo: 'hello-world', number: 123 }]);
    const byId = await handle('add_project_item', { ...user, project_number: 2, item_type: 'Issue', item_id: 3 }, item);
    assert.deepEqual([byId.sent[0].url.pathname, byId.sent[0].body], ['/users/octocat/projectsV2/2/items', { type: 'Issue', id: 3 }]);

    for (const value of ['Updated text value', 42.5, null]) {
      const update = await handle('update_project_item', { ...org, project_number: 1, item_id: 13, field_id: 123, value }, () => Response.json({ id: 13, content_type: 'Issue', created_at: 'x', updated_at: 'x', archived_at: null }));
      assert.deepEqual([update.sent[0].method, update.sent[0].url.pathname, update.sent[0].body], ['PATCH', '/orgs/github/projectsV2/1/items/13', { fields: [{ id: 123, value }] }]);
    }
    // The 204 has no body, so no OpenAPI example: the answer is the tool's own.
    const remove = { tool: 'delete_project_item', args: { ...user, project_number: 1, item_id: 13 } };
    const gone = await handle(remove.tool, remove.args, () => new Response(null, { status: 204 }));
    assert.deepEqual([gone.sent[0].method, gone.sent[0].url.pathname], ['DELETE', '/users/octocat/projectsV2/1/items/13']);
    assert.deepEqual(gone.out, { deleted: true, item_id: 13 });
  });

  it('field values: a name, a login, a full name, counts kept as they are', async () => {
    const { fieldValueOf } = await import('../../../src/server/tools/shape/projects');
    assert.equal(fieldValueOf({ id: 'x', name: { raw: 'Todo', html: 'Todo' } }), 'Todo');
    assert.equal(fieldValueOf({ id: 'i', title: { raw: 'Sprint 2', html: 'Sprint 2' }, start_date: '2024-01-15', duration: 14 }), 'Sprint 2');
    assert.deepEqual(fieldValueOf([{ login: 'octocat', name: 'The Octocat' }]), ['octocat']);
    assert.equal(fieldValueOf({ name: 'Hello-World', full_name: 'github/Hello-World' }), 'github/Hello-World');
    assert.deepEqual(fieldValueOf({ total: 3, completed: 1, percent_completed: 33 }), { total: 3, completed: 1, percent_completed: 33 });
    assert.equal(fieldValueOf('2024-03-01'), '2024-03-01');
    assert.equal(fieldValueOf(2.5), 2.5);
    assert.equal(fieldValueOf(null), null);
  });

  it('covers every tool of the area', () => {
    const names = ['list_projects', 'get_project', 'list_project_fields', 'list_project_items', 'get_project_item', 'add_project_item', 'update_project_item', 'delete_project_item'];
    assert.deepEqual(ALL_TOOLS.filter((t) => t.toolset === 'projects').map((t) => t.name).sort(), [...names].sort());
    for (const name of names.filter((n) => n !== 'delete_project_item')) assert.ok(cases.some((c) => c.tool === name), name);

  });
});

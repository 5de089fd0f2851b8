import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { GitHubError } from '../../../src/core/errors';
import { ALL_TOOLS } from '../../../src/server/tools/all';
import { LIMITS } from '../../../src/server/tools/shape';
import { answering, assertConforms, operations, example, runTool, VARIANTS, tools, routeOf, type Json, type Sent, type Variant } from '../../support/openapiExamples';

/*
 * The gists shapers against GitHub's own response examples (@octokit/openapi, api.github.com):
 * each example goes through the tool's real handler (a fetch answers from it), in full,
 * stripped to the fields the response schema requires, and with every nullable field null.
 * Each result must validate against the tool's advertised and strict output schemas; field
 * checks tie results to the examples, and lists stay within a quarter of the raw JSON. Then the
 * windowing of contents, GitHub's 1 MB cut, what the writes send, and the refusal as an App.
 */

type Answer = (url: URL, init: RequestInit) => Response;

/** The tool's handler on `answer`, its output checked against both schemas, and the requests it sent. */
async function runWith(toolName: string, args: Json, answer: Answer, app = false): Promise<{ out: Json; requests: Sent[] }> {
  const requests: Sent[] = [];
  const { out } = await runTool(toolName, args, answering(answer, requests), { app });
  assertConforms(toolName, out);
  return { out, requests };
}

/** Answers `data` for the operation's method and path, 599 for anything else. */
function answerFor(op: string, status: number, data: unknown): Answer {
  return (url, init) => {
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== operations.get(op)!.method || !routeOf(op).test(url.pathname)) return Response.json({ message: `test: no payload for ${method} ${url.pathname}` }, { status: 599 });
    return Response.json(data, { status });
  };
}

interface Case {
  tool: string;
  args: Json;
  op: string;
  status?: number;
  check(out: Json, raw: any): void;
  list?: boolean;
}

function checkCommon(o: Json, r: Json) {
  assert.equal(o.id, r.id);
  assert.equal(o.public, r.public);
  assert.equal(o.comments, r.comments);
  assert.equal(o.createdAt, r.created_at);
  assert.equal(o.updatedAt, r.updated_at);
  assert.equal(o.htmlUrl, r.html_url);
  if (r.owner === undefined) assert.equal('owner' in o, false, 'owner not made up');
  else assert.equal(o.owner, r.owner?.login ?? null);
}

function checkFileMeta(o: Json, r: Json) {
  if (r.files === undefined) return assert.equal('files' in o, false, 'files not made up');
  const names = Object.keys(r.files).filter((k) => r.files[k] !== null);
  assert.deepEqual(o.files.map((f: Json) => f.filename), names);
  o.files.forEach((f: Json, i: number) => {
    const raw = r.files[names[i]];
    assert.equal(f.size, raw.size);
    assert.equal(f.language, raw.language);
  });
}

/** A read gist: each text file's whole content (the examples are short), nothing made up. */
function checkRead(o: Json, r: Json) {
  checkCommon(o, r);
  checkFileMeta(o, r);
  assert.equal(o.description, r.description);
  for (const f of o.files ?? []) {
    const raw = r.files[f.filename];
    if (typeof raw.content !== 'string') assert.equal(f.content, undefined);
    else {
      assert.equal(f.content, raw.content);
      assert.equal(f.window.offset, 0);
      assert.equal(f.window.nextOffset, undefined);
    }
    assert.equal(f.truncated, raw.truncated === true ? true : undefined);
  }
}

/** After a write: the gist without content. */
function checkWritten(o: Json, r: Json) {
  checkCommon(o, r);
  checkFileMeta(o, r);
  for (const f of o.files ?? []) assert.equal('content' in f, false, 'no content after a write');
}

const eachItem = (o: Json, raw: any) => {
  assert.equal(o.items.length, raw.length);
  o.items.forEach((item: Json, i: number) => {
    const r = raw[i];
    checkCommon(item, r);
    checkFileMeta(item, r);
    assert.equal(item.description, r.description);
  });
};

const cases: Case[] = [
  { tool: 'list_gists', args: {}, op: 'gists/list', list: true, check: eachItem },
  { tool: 'list_gists', args: { username: 'octocat', since: '2020-01-01T00:00:00Z' }, op: 'gists/list-for-user', list: true, check: eachItem },
  { tool: 'get_gist', args: { gist_id: 'aa5a315d61ae9438b18d' }, op: 'gists/get', check: checkRead },
  { tool: 'create_gist', args: { files: { 'README.md': 'Hello world from GitHub' } }, op: 'gists/create', status: 201, check: checkWritten },
  { tool: 'update_gist', args: { gist_id: 'aa5a315d61ae9438b18d', description: 'An updated gist description.' }, op: 'gists/update', check: checkWritten },
];

function fileGist(files: Record<string, Json | null>, extra: Json = {}): Json {
  return { id: 'abc123', public: true, description: 'd', files, ...extra };
}

describe('gists shapers on GitHub\'s OpenAPI examples', () => {
  for (const c of cases) {
    for (const variant of Object.keys(VARIANTS) as Variant[]) {
      it(`${c.tool} · ${c.op} · ${variant}`, async () => {
        const status = c.status ?? 200;
        const { schema, value } = example(c.op, status);
        const data = VARIANTS[variant](structuredClone(value), schema);
        const { out } = await runWith(c.tool, c.args, answerFor(c.op, status, data));
        c.check(out, data);
        if (c.list && variant === 'full') {
          const shaped = JSON.stringify(out.items).length;
          const raw = JSON.stringify(data).length;
          assert.ok(shaped * 4 <= raw, `${c.tool}: ${shaped} bytes shaped vs ${raw} raw`);
        }
      });
    }
  }

  it('list_gists: what it asks for, and a long description cut with a flag', async () => {
    const long = 'x'.repeat(LIMITS.description + 50);
    const { out, requests } = await runWith('list_gists', { username: 'octocat', page: 2, perPage: 5 }, () =>
      Response.json([{ id: '1', public: false, description: long, files: {}, comments: 0, created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z', html_url: 'https://gist.github.com/1', user: null }], {
        headers: { link: '<https://api.github.com/users/octocat/gists?page=3>; rel="next"' },
      }),
    );
    assert.equal(requests[0].url.pathname, '/users/octocat/gists');
    assert.equal(requests[0].url.searchParams.get('page'), '2');
    assert.equal(requests[0].url.searchParams.get('per_page'), '5');
    assert.equal(out.hasNextPage, true);
    assert.equal(out.items[0].descriptionTruncated, true);
    assert.ok(out.items[0].description.startsWith('x'.repeat(LIMITS.description)) && out.items[0].description.includes('[truncated 50 characters]'));
    const mine = await runWith('list_gists', {}, () => Response.json([]));
    assert.equal(mine.requests[0].url.pathname, '/gists');
  });

  it('get_gist: GitHub\'s 1 MB cut is flagged with the raw URL; the rest is windowed', async () => {
    const text = Array.from({ length: 10 }, (_, i) => `line ${i}\n`).join('');
    const raw = fileGist({ 'big.log': { filename: 'big.log', size: 2_000_000, truncated: true, raw_url: 'https://gist.githubusercontent.com/o/abc123/raw/s/big.log', content: text } });
    const { out } = await runWith('get_gist', { gist_id: 'abc123', offset: 2, limit: 3 }, () => Response.json(raw));
    const [file] = out.files;
    assert.equal(file.truncated, true);
    assert.equal(file.rawUrl, 'https://gist.githubusercontent.com/o/abc123/raw/s/big.log');
    assert.equal(file.content, 'line 2\nline 3\nline 4\n');
    assert.deepEqual(file.window, { offset: 2, lines: 3, totalLines: 10, nextOffset: 5 });
  });

  it('get_gist: files share one character budget; a file past it says how to read it', async () => {
    const line = `${'y'.repeat(99)}\n`;
    const first = line.repeat(Math.ceil(LIMITS.fileContent / line.length) + 10);
    const raw = fileGist({ 'a.txt': { content: first, size: first.length }, 'b.txt': { content: 'b\n', size: 2 }, 'gone.txt': null });
    const { out } = await runWith('get_gist', { gist_id: 'abc123' }, () => Response.json(raw));
    assert.deepEqual(out.files.map((f: Json) => f.filename), ['a.txt', 'b.txt']);
    const [a, b] = out.files;
    assert.ok(a.content.length <= LIMITS.fileContent);
    assert.equal(a.window.nextOffset, a.window.lines);
    assert.equal(b.content, undefined);
    assert.match(b.note, /budget/);
    const only = await runWith('get_gist', { gist_id: 'abc123', filename: 'b.txt' }, () => Response.json(raw));
    assert.equal(only.out.files[0].content, undefined, 'a.txt not read');
    assert.equal(only.out.files[1].content, 'b\n');
  });

  it('get_gist: a binary (base64) file is not shown; an unknown filename is an error naming the files', async () => {
    const raw = fileGist({ 'img.png': { encoding: 'base64', content: Buffer.from([0x89, 0x50, 0, 1]).toString('base64'), size: 4 }, 'ok.txt': { encoding: 'base64', content: Buffer.from('hi\n').toString('base64') } });
    const { out } = await runWith('get_gist', { gist_id: 'abc123' }, () => Response.json(raw));
    assert.equal(out.files[0].encoding, 'binary');
    assert.equal(out.files[0].content, undefined);
    assert.equal(out.files[1].content, 'hi\n');
    await assert.rejects(runWith('get_gist', { gist_id: 'abc123', filename: 'nope.txt' }, () => Response.json(raw)), (e: unknown) => e instanceof GitHubError && e.kind === 'not_found' && /img\.png, ok\.txt/.test(e.message));
  });

  it('the writes: what they send', async () => {
    const answer = (status: number) => (_: URL, init: RequestInit) => Response.json({ ...fileGist({ 'a.txt': { filename: 'a.txt', size: 2, content: 'a\n' } }), seen: init.body }, { status });
    const created = await runWith('create_gist', { files: { 'a.txt': 'a\n', 'b.md': '# b' }, description: 'Two', public: true }, answer(201));
    assert.equal(created.requests[0].init.method, 'POST');
    assert.equal(created.requests[0].url.pathname, '/gists');
    assert.deepEqual(JSON.parse(String(created.requests[0].init.body)), { description: 'Two', public: true, files: { 'a.txt': { content: 'a\n' }, 'b.md': { content: '# b' } } });
    assert.deepEqual(created.out.files, [{ filename: 'a.txt', size: 2 }]);
    const secret = await runWith('create_gist', { files: { 'a.txt': 'a' } }, answer(201));
    assert.equal(JSON.parse(String(secret.requests[0].init.body)).public, false, 'secret unless asked');
    const updated = await runWith('update_gist', { gist_id: 'abc123', files: { 'a.txt': { filename: 'c.txt' }, 'b.md': null, 'd.txt': { content: 'd' } } }, answer(200));
    assert.equal(updated.requests[0].init.method, 'PATCH');
    assert.equal(updated.requests[0].url.pathname, '/gists/abc123');
    assert.deepEqual(JSON.parse(String(updated.requests[0].init.body)), { files: { 'a.txt': { filename: 'c.txt' }, 'b.md': null, 'd.txt': { content: 'd' } } });
  });

  it('the writes refuse what GitHub would, before asking', async () => {
    const never: Answer = () => assert.fail('no request expected');
    const refused = (e: unknown) => e instanceof GitHubError && e.kind === 'validation';
    await assert.rejects(runWith('create_gist', { files: {} }, never), refused);
    await assert.rejects(runWith('update_gist', { gist_id: 'abc123' }, never), refused);
    await assert.rejects(runWith('update_gist', { gist_id: 'abc123', files: { 'a.txt': {} } }, never), refused);
  });

  it('every gist tool declares that it acts as a user, so run.ts refuses it to a GitHub App before any request', () => {
    for (const name of ['list_gists', 'get_gist', 'create_gist', 'update_gist']) assert.match(tools.get(name)?.needs.user ?? '', /personal access token.*App user token/, name);
  });

  it('covers every tool of the area', () => {
    const names = ['list_gists', 'get_gist', 'create_gist', 'update_gist'];
    assert.deepEqual(ALL_TOOLS.filter((t) => t.toolset === 'gists').map((t) => t.name).sort(), [...names].sort());
  });
});

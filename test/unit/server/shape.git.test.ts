import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isEmptyRepository, shapeTreeWindow } from '../../../src/server/tools/shape';
import { answerFrom, content, PRESENT_ONLY, runTool, sentLines, slashedRouteOf, testConfig, validators, variantsBy, type Exchange, type Json, type Sent } from '../../support/openapiExamples';

/*
 * The git tools' shapers against GitHub's own OpenAPI examples: each tool's real handler runs
 * on a fetch that answers from the examples (as given, stripped to the fields the response
 * schema requires, and with every nullable field null), and its result must validate against
 * the JSON Schema the tool advertises (ajv strict) and mirror the payload's fields.
 */

/** The first example of an operation's answer, a copy. */
function example(op: string, status = 200): Json {
  const found = Object.values(content(op, status).examples)[0];
  assert.ok(found, `${op} has no example`);
  return structuredClone(found) as Json;
}

// Only nullable fields the payload has are nulled (PRESENT_ONLY), and no 'required-only, nulled' variant.
const VARIANTS = variantsBy(PRESENT_ONLY, ['full', 'required-only', 'nulled']);
type Variant = keyof typeof VARIANTS;

const config = testConfig({ readOnlyToolsets: [], exposeTokens: false });

/** The handler on `exchanges` (a last {path} or {ref} may hold slashes); `sent` gets `METHOD /path body` of each request; the result must meet the strict schema. */
async function run(name: string, args: Json, exchanges: Exchange[], sent: string[] = []): Promise<Json> {
  const requests: Sent[] = [];
  try {
    const { out } = await runTool(name, args, answerFrom(exchanges, { route: slashedRouteOf, sent: requests }), { config });
    const { strict } = validators(name);
    assert.ok(strict(out), `${name}: ${JSON.stringify(strict.errors?.slice(0, 5))}`);
    return out;
  } finally {
    sent.push(...sentLines(requests));
  }
}

/** The exchanges in one variant: each payload rewritten against its own response schema. */
function variantOf(variant: Variant, exchanges: Exchange[]): Exchange[] {
  return exchanges.map((e) => (e.status === 204 ? e : { ...e, data: VARIANTS[variant](structuredClone(e.data), content(e.op, e.status ?? 200).schema) }));
}

const owner = { owner: 'octocat', repo: 'Hello-World' };
const variants = Object.keys(VARIANTS) as Variant[];

describe('git shapers against the OpenAPI examples', () => {
  for (const variant of variants) {
    it(`get_repository_tree · git/get-tree (every example) · ${variant}`, async () => {
      for (const raw of Object.values(content('git/get-tree', 200).examples)) {
        const [exchange] = variantOf(variant, [{ op: 'git/get-tree', data: raw }]);
        const data = exchange.data as Json;
        const out = await run('get_repository_tree', { ...owner, tree_sha: 'main', recursive: true }, [exchange]);
        assert.equal(out.sha, data.sha);
        assert.equal(out.githubTruncated, data.truncated);
        assert.equal(out.total, data.tree.length);
        assert.deepEqual(out.entries.map((e: Json) => [e.path, e.type, e.mode, e.sha, e.size]), data.tree.slice(0, 200).map((e: Json) => [e.path, e.type, e.mode, e.sha, e.size]));
      }
    });

    it(`push_files · git/get-ref + get-commit + create-tree + create-commit + update-ref · ${variant}`, async () => {
      const exchanges = variantOf(variant, [
        { op: 'git/get-ref', data: example('git/get-ref') },
        { op: 'git/get-commit', data: example('git/get-commit') },
        { op: 'git/create-tree', status: 201, data: example('git/create-tree', 201) },
        { op: 'git/create-commit', status: 201, data: example('git/create-commit', 201) },
        { op: 'git/update-ref', data: example('git/update-ref') },
      ]);
      const sent: string[] = [];
      const out = await run('push_files', { ...owner, branch: 'featureA', message: 'Two files', files: [{ path: 'a.txt', content: 'a' }, { path: '/dir/b.txt', content: 'b' }] }, exchanges, sent);
      const [ref, base, tree, commit] = exchanges.map((e) => e.data as Json);
      assert.equal(out.commitSha, commit.sha);
      assert.equal(out.htmlUrl, commit.html_url);
      assert.deepEqual(out.files, ['a.txt', 'dir/b.txt']);
      assert.equal(out.createdBranch, false);
      const posted = (what: string) => JSON.parse(sent.find((s) => s.startsWith(what))?.replace(/^\S+ \S+ /, '') ?? 'null');
      assert.equal(posted('POST /repos/octocat/Hello-World/git/trees').base_tree, base.tree.sha);
      assert.deepEqual(posted('POST /repos/octocat/Hello-World/git/commits'), { message: 'Two files', tree: tree.sha, parents: [ref.object.sha] });
      assert.deepEqual(posted('PATCH /repos/octocat/Hello-World/git/refs/heads/featureA'), { sha: commit.sha, force: false });
    });

    it(`delete_file · repos/get-content + repos/delete-file · ${variant}`, async () => {
      const file = { type: 'file', encoding: 'base64', size: 5, name: 'a.txt', path: 'a.txt', content: 'aGVsbG8=', sha: '3d21ec53a331a6f037a91c368710b99387d012c1', url: 'u', git_url: null, html_url: null, download_url: null, _links: { git: null, html: null, self: 'u' } };
      const exchanges = variantOf(variant, [
        { op: 'repos/get-content', data: file },
        { op: 'repos/delete-file', data: example('repos/delete-file') },
      ]);
      const sent: string[] = [];
      const out = await run('delete_file', { ...owner, path: 'a.txt', message: 'Remove' }, exchanges, sent);
      const deleted = exchanges[1].data as Json;
      assert.equal(out.deletedSha, file.sha);
      assert.equal(out.path, 'a.txt');
      assert.deepEqual(out.commit, JSON.parse(JSON.stringify({ sha: deleted.commit.sha, message: deleted.commit.message, htmlUrl: deleted.commit.html_url })));
      assert.match(sent.find((s) => s.startsWith('DELETE')) ?? '', new RegExp(`"sha":"${file.sha}"`));
    });

    it(`delete_branch · repos/get + repos/get-branch + git/delete-ref · ${variant}`, async () => {
      const branch: Json = { ...example('repos/get-branch'), protected: false };
      const exchanges = variantOf(variant, [
        { op: 'repos/get', data: example('repos/get') },
        { op: 'repos/get-branch', data: branch },
        { op: 'git/delete-ref', status: 204, data: undefined },
      ]);
      const out = await run('delete_branch', { ...owner, branch: 'feature' }, exchanges);
      assert.deepEqual(out, { branch: 'feature', deleted: true, sha: branch.commit.sha });
    });

    it(`compare_commits · repos/compare-commits-with-basehead · ${variant}`, async () => {
      const [exchange] = variantOf(variant, [{ op: 'repos/compare-commits-with-basehead', data: example('repos/compare-commits-with-basehead') }]);
      const raw = exchange.data as Json;
      const out = await run('compare_commits', { ...owner, base: 'main', head: 'octocat:feature' }, [exchange]);
      assert.equal(out.status, raw.status);
      assert.equal(out.aheadBy, raw.ahead_by);
      assert.equal(out.behindBy, raw.behind_by);
      assert.equal(out.totalCommits, raw.total_commits);
      assert.equal(out.mergeBaseSha, raw.merge_base_commit.sha);
      assert.equal(out.baseSha, raw.base_commit.sha);
      assert.deepEqual(out.commits.map((c: Json) => c.sha), raw.commits.map((c: Json) => c.sha));
      if (raw.files === undefined) assert.equal(out.files, undefined, 'files not made up');
      else assert.deepEqual(out.files.map((f: Json) => f.filename), raw.files.slice(0, 30).map((f: Json) => f.filename));
    });

    it(`list_tags · repos/list-tags · ${variant}`, async () => {
      const [exchange] = variantOf(variant, [{ op: 'repos/list-tags', data: example('repos/list-tags') }]);
      const out = await run('list_tags', owner, [exchange]);
      assert.deepEqual(out.items, (exchange.data as Json[]).map((t) => ({ name: t.name, sha: t.commit.sha })));
    });

    it(`get_tag · git/get-ref (lightweight) · ${variant}`, async () => {
      const [exchange] = variantOf(variant, [{ op: 'git/get-ref', data: example('git/get-ref') }]);
      const raw = exchange.data as Json;
      const out = await run('get_tag', { ...owner, tag: 'v0.0.1' }, [exchange]);
      assert.deepEqual(out, { name: 'v0.0.1', annotated: false, target: { sha: raw.object.sha, type: raw.object.type } });
    });

    it(`get_tag · git/get-ref + git/get-tag (annotated) · ${variant}`, async () => {
      const ref = example('git/get-ref');
      ref.object.type = 'tag';
      const exchanges = variantOf(variant, [
        { op: 'git/get-ref', data: ref },
        { op: 'git/get-tag', data: example('git/get-tag') },
      ]);
      const tag = exchanges[1].data as Json;
      const out = await run('get_tag', { ...owner, tag: 'v0.0.1' }, exchanges);
      assert.equal(out.annotated, true);
      assert.equal(out.name, tag.tag);
      assert.equal(out.tagSha, tag.sha);
      assert.equal(out.message, tag.message);
      assert.deepEqual(out.target, { sha: tag.object.sha, type: tag.object.type });
      assert.deepEqual(out.tagger, { name: tag.tagger.name, email: tag.tagger.email, date: tag.tagger.date });
    });
  }
});

describe('git shapers: windows and edge cases', () => {
  const entries = Array.from({ length: 7 }, (_, i) => ({ path: i < 3 ? `src/f${i}.ts` : `docs/d${i}.md`, mode: '100644', type: 'blob', sha: String(i).repeat(40), size: i }));

  it('shapeTreeWindow filters by prefix, then windows, and counts what remains', () => {
    const out = shapeTreeWindow({ sha: 't', tree: entries, truncated: false }, { offset: 1, limit: 1, pathFilter: 'src/' });
    assert.deepEqual(out.entries?.map((e) => e?.path), ['src/f1.ts']);
    assert.equal(out.total, 3);
    assert.equal(out.remaining, 1);
    const past = shapeTreeWindow({ sha: 't', tree: entries, truncated: true }, { offset: 50, limit: 10 });
    assert.deepEqual(past.entries, []);
    assert.equal(past.remaining, 0);
    assert.equal(past.githubTruncated, true);
  });

  it('shapeTreeWindow makes nothing up when GitHub sent no list', () => {
    const out = shapeTreeWindow({ sha: 't', truncated: false } as never, { offset: 0, limit: 10 });
    assert.equal(out.entries, undefined);
    assert.equal(out.total, undefined);
    assert.equal(out.remaining, undefined);
  });

  it('isEmptyRepository knows GitHub\'s 409 for an empty repository, and only that', () => {
    assert.equal(isEmptyRepository({ status: 409, response: { data: { message: 'Git Repository is empty.' } } }), true);
    assert.equal(isEmptyRepository({ status: 409, response: { data: { message: 'Reference update failed' } } }), false);
    assert.equal(isEmptyRepository({ status: 404, response: { data: { message: 'Git Repository is empty.' } } }), false);
    assert.equal(isEmptyRepository(undefined), false);
  });

  it('compare_commits cuts long patches like get_pull_request_files', async () => {
    const raw = example('repos/compare-commits-with-basehead');
    raw.files = [{ ...raw.files[0], patch: 'x'.repeat(5000) }];
    const out = await run('compare_commits', { ...owner, base: 'a', head: 'b' }, [{ op: 'repos/compare-commits-with-basehead', data: raw }]);
    assert.equal(out.files[0].patchTruncated, true);
    assert.match(out.files[0].patch, /…\[truncated 2000 characters\]$/);
  });

  it('delete_branch refuses a protected branch without sending the DELETE', async () => {
    const sent: string[] = [];
    await assert.rejects(
      run('delete_branch', { ...owner, branch: 'feature' }, [{ op: 'repos/get', data: example('repos/get') }, { op: 'repos/get-branch', data: { ...example('repos/get-branch'), protected: true } }], sent),
      /Branch feature of octocat\/Hello-World is protected/,
    );
    assert.ok(!sent.some((s) => s.startsWith('DELETE')), sent.join('\n'));
  });

  it('push_files rejects a path the grammar refuses and sends nothing', async () => {
    const sent: string[] = [];
    await assert.rejects(run('push_files', { ...owner, branch: 'main', message: 'x', files: [{ path: 'a/../b', content: '' }] }, [], sent), /files\[0\]: must be a path without "\." or "\.\." segments/);
    assert.deepEqual(sent, []);
  });
});

import { searchOwner } from '../../../src/core/github';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GitHubError } from '../../../src/core/errors';
import { decodeText } from '../../../src/server/tools/repos';
import { checkPath } from '../../../src/server/tools/requests';
import { cleanStrings } from '../../../src/server/tools/result';
import {
  about,
  bodyFields,
  labelNames,
  logins,
  objectAnswer,
  shapeContent,
  shapeRepository,
  issueListItemSchema,
  issueSchema,
  LIMITS,
  pullSchema,
  shapeCommit,
  shapeFileChange,
  shapeIssue,
  shapeIssueListItem,
  shapePull,
  truncate,
} from '../../../src/server/tools/shape';

const user = (login: string) => ({ login, id: 1, node_id: 'U_1', avatar_url: `https://avatars.example/${login}`, url: `https://api.example/users/${login}`, html_url: `https://example/${login}`, type: 'User', site_admin: false });

function rawIssue(overrides: Record<string, unknown> = {}) {
  return {
    url: 'https://api.example/repos/o/r/issues/7',
    repository_url: 'https://api.example/repos/o/r',
    html_url: 'https://example/o/r/issues/7',
    id: 7007,
    node_id: 'I_7',
    number: 7,
    title: 'A bug',
    user: user('octocat'),
    labels: [{ id: 1, name: 'bug', color: 'ff0000', default: true, description: 'Something is broken' }, 'plain'],
    state: 'closed',
    state_reason: 'completed',
    locked: false,
    assignee: user('hubot'),
    assignees: [user('hubot'), user('monalisa')],
    milestone: { number: 3, title: 'v1', description: 'first' },
    comments: 4,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-02T00:00:00Z',
    closed_at: '2024-01-03T00:00:00Z',
    closed_by: user('octocat'),
    author_association: 'OWNER',
    body: 'short body',
    reactions: { total_count: 0, '+1': 0 },
    ...overrides,
  };
}

describe('shape: truncation', () => {
  it('leaves short text alone', () => {
    assert.deepEqual(truncate('hello', 5), { text: 'hello', truncated: false });
  });

  it('cuts long text and says how much was cut', () => {
    const { text, truncated } = truncate('a'.repeat(250), 200);
    assert.equal(truncated, true);
    assert.equal(text, `${'a'.repeat(200)}…[truncated 50 characters]`);
  });

  it('markers survive the result wrapper\'s own string caps (run.ts cuts every string again)', () => {
    const huge = 'é'.repeat(LIMITS.fileContent + 50_000);
    const file = shapeContent({ type: 'file', path: 'big.txt', sha: 's', size: huge.length, encoding: 'base64', content: Buffer.from(huge).toString('base64') }, 'big.txt');
    const shaped = {
      ...file,
      issue: bodyFields('b'.repeat(LIMITS.body * 2), LIMITS.body),
      patch: truncate('p'.repeat(LIMITS.patch * 2), LIMITS.patch).text,
      message: truncate('m'.repeat(LIMITS.commitMessage * 2), LIMITS.commitMessage).text,
      items: [{ description: truncate('d'.repeat(1000), LIMITS.description).text }],
    };
    assert.deepEqual(cleanStrings(shaped, new Set()), shaped);
    assert.match(file.content ?? '', /…\[truncated 50000 characters\]$/);
  });

  it('never splits a surrogate pair', () => {
    const { text } = truncate(`${'a'.repeat(9)}😀tail`, 10);
    assert.equal(text, `${'a'.repeat(9)}…[truncated 6 characters]`);
    assert.doesNotMatch(text, /[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('shape: issues', () => {
  it('list items are lean: logins, label names, no nested objects, a preview body', () => {
    const item = shapeIssueListItem(rawIssue({ body: 'y'.repeat(1000) }));
    assert.equal(item.author, 'octocat');
    assert.deepEqual(item.labels, ['bug', 'plain']);
    assert.deepEqual(item.assignees, ['hubot', 'monalisa']);
    assert.equal(item.isPullRequest, false);
    assert.equal(item.bodyTruncated, true);
    assert.equal(item.body, `${'y'.repeat(LIMITS.listBody)}…[truncated ${1000 - LIMITS.listBody} characters]`);
    for (const value of Object.values(item)) {
      const nested = value !== null && typeof value === 'object' && !Array.isArray(value);
      assert.ok(!nested, 'no nested objects in a list item');
    }
    assert.ok(issueListItemSchema.safeParse(item).success);
  });

  it('a list item is far smaller than the raw issue', () => {
    const raw = rawIssue({ body: 'z'.repeat(5000) });
    const shaped = shapeIssueListItem(raw);
    assert.ok(JSON.stringify(shaped).length * 8 <= JSON.stringify(raw).length, `${JSON.stringify(shaped).length} vs ${JSON.stringify(raw).length}`);
  });

  it('marks pull requests and omits empty optional fields', () => {
    const item = shapeIssueListItem(rawIssue({ pull_request: { url: 'x' }, state: 'open', state_reason: null, closed_at: null, body: null }));
    assert.equal(item.isPullRequest, true);
    assert.equal(item.body, null);
    const json = JSON.parse(JSON.stringify(item)) as Record<string, unknown>;
    assert.ok(!('stateReason' in json) && !('closedAt' in json) && !('bodyTruncated' in json));
  });

  it('a single issue keeps the body up to the larger limit, and flags only what it cut', () => {
    const medium = shapeIssue(rawIssue({ body: 'm'.repeat(5000) }));
    assert.equal(medium.body?.length, 5000);
    assert.equal(medium.bodyTruncated, undefined, 'the list preview flag does not leak into the full issue');
    const huge = shapeIssue(rawIssue({ body: 'h'.repeat(LIMITS.body + 10) }));
    assert.equal(huge.bodyTruncated, true);
    assert.match(huge.body ?? '', /…\[truncated 10 characters\]$/);
    assert.deepEqual(huge.milestone, { number: 3, title: 'v1' });
    assert.equal(huge.closedBy, 'octocat');
    assert.ok(issueSchema.safeParse(huge).success);
  });

  it('search results name their repository', () => {
    assert.equal(shapeIssueListItem(rawIssue(), true).repository, 'o/r');
    assert.equal(shapeIssueListItem(rawIssue()).repository, undefined);
  });
});

describe('shape: commits, files and pull requests', () => {
  it('cuts patches and commit messages with markers', () => {
    const file = shapeFileChange({ filename: 'a.ts', status: 'modified', additions: 1, deletions: 2, changes: 3, patch: 'p'.repeat(LIMITS.patch + 1) });
    assert.equal(file.patchTruncated, true);
    assert.match(file.patch ?? '', /…\[truncated 1 characters\]$/);
    const binary = shapeFileChange({ filename: 'logo.png', status: 'added', additions: 0, deletions: 0 });
    assert.equal(binary.patch, undefined);

    const commit = shapeCommit({
      sha: 'abc',
      html_url: 'https://example/c/abc',
      commit: { message: 'm'.repeat(LIMITS.commitMessage + 5), author: { name: 'The Octocat', date: '2024-01-01T00:00:00Z' }, committer: { name: 'GitHub' } },
      author: null,
      committer: {},
      parents: [{ sha: 'p1' }],
      files: [{ filename: 'a.ts', status: 'added', additions: 3, deletions: 0 }],
    });
    assert.equal(commit.author, 'The Octocat', 'falls back to the git author name');
    assert.equal(commit.committer, 'GitHub');
    assert.equal(commit.messageTruncated, true);
    assert.deepEqual(commit.parents, ['p1']);
  });

  it('a pull request reports branches, merge state and reviewers as plain values', () => {
    const pull = shapePull({
      number: 5,
      title: 'Feature',
      state: 'open',
      draft: false,
      user: user('monalisa'),
      labels: [],
      created_at: 'c',
      updated_at: 'u',
      closed_at: null,
      merged_at: null,
      html_url: 'https://example/o/r/pull/5',
      body: null,
      head: { ref: 'feature', sha: 'h'.repeat(40), label: 'fork:feature', repo: { full_name: 'fork/r' } },
      base: { ref: 'main', sha: 'b'.repeat(40) },
      mergeable: null,
      requested_reviewers: [user('hubot')],
      assignees: null,
    });
    assert.equal(pull.merged, false);
    assert.equal(pull.headRepo, 'fork/r');
    assert.equal(pull.mergeable, null);
    assert.deepEqual(pull.requestedReviewers, ['hubot']);
    assert.deepEqual(pull.assignees, []);
    assert.ok(pullSchema.safeParse(JSON.parse(JSON.stringify(pull))).success);
  });
});

describe('shape: nothing made up', () => {
  it('a list GitHub did not send stays absent; an empty or null one is empty', () => {
    assert.equal(labelNames(undefined), undefined);
    assert.deepEqual(labelNames([]), []);
    assert.deepEqual(labelNames([null, { name: 'bug' }, {}, 'docs']), ['bug', 'docs']);
    assert.equal(logins(undefined), undefined);
    assert.deepEqual(logins(null), []);
  });

  it('a repository without topics or permissions has none in its result, not empty ones', () => {
    const repo = shapeRepository({ full_name: 'o/r', description: null, private: false, html_url: 'https://example/o/r', license: null });
    const json = JSON.parse(JSON.stringify(repo)) as Record<string, unknown>;
    assert.ok(!('topics' in json) && !('permissions' in json) && !('stars' in json));
    assert.equal(repo.license, null);
  });

  it('a commit without files or stats, and with null git users, shapes without them', () => {
    const commit = shapeCommit({ sha: 'abc', html_url: 'u', commit: { message: 'm', author: null, committer: null }, author: null, committer: null, parents: [] });
    assert.equal(commit.files, undefined);
    assert.equal(commit.stats, undefined);
    assert.equal(commit.author, null);
    assert.equal(commit.date, null);
  });

  it('a pull request without head or base does not throw; the fields are left out', () => {
    const pull = shapePull({ number: 1, title: 't', state: 'open', user: null, labels: [], created_at: 'c', updated_at: 'u', closed_at: null, merged_at: null, html_url: 'h', body: null } as never);
    assert.equal(pull.head, undefined);
    assert.equal(pull.headSha, undefined);
    assert.equal(pull.merged, false);
    assert.equal(pull.draft, undefined);
  });

  it('an answer that is not an object is a GitHubError that says so', () => {
    for (const odd of [null, '', [], 'x']) {
      assert.throws(() => objectAnswer(odd, 'repository o/r'), (e: unknown) => e instanceof GitHubError && /^GitHub's answer for repository o\/r could not be read/.test(e.message));
    }
    const ok = { id: 1 };
    assert.equal(objectAnswer(ok, 'x'), ok);
  });
});

describe('shape: helpers', () => {
  it('about() names the resource in request failures and passes other errors through', async () => {
    const notFound = Object.assign(new Error('Not Found'), { status: 404, request: { method: 'GET', url: 'https://api.example/repos/o/r' }, response: { headers: {}, data: { message: 'Not Found' } } });
    await assert.rejects(about('repository o/r', Promise.reject(notFound)), (e: unknown) => e instanceof GitHubError && /^Repository o\/r was not found \(404\)/.test(e.message));
    const bug = new TypeError('x is undefined');
    await assert.rejects(about('repository o/r', Promise.reject(bug)), (e: unknown) => e === bug);
  });

  it('searchOwner finds the account from user:, org: or repo: qualifiers only', () => {
    assert.equal(searchOwner('is:open user:octocat stars:>5'), 'octocat');
    assert.equal(searchOwner('org:sim-org topic:api'), 'sim-org');
    assert.equal(searchOwner('repo:hubot/scripts is:issue'), 'hubot');
    assert.equal(searchOwner('language:go superuser:x'), undefined);
    assert.equal(searchOwner('cli tools'), undefined);
  });

  it('decodeText reads UTF-8 and refuses binary', () => {
    assert.equal(decodeText(Buffer.from('Grüße ✓', 'utf8')), 'Grüße ✓');
    assert.equal(decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), undefined);
    assert.equal(decodeText(Buffer.from([0xff, 0xfe, 0x41])), undefined);
  });

  it('checkPath accepts API paths and rejects anything that could leave the base URL', () => {
    assert.deepEqual(checkPath('/repos/octocat/hello-world/contents/a%2Fb.md'), ['repos', 'octocat', 'hello-world', 'contents', 'a/b.md']);
    assert.deepEqual(checkPath('/rate_limit'), ['rate_limit']);
    for (const bad of ['http://x/y', 'HTTPS://x', '//x/y', 'repos/a/b', '/a/../b', '/a/./b', '/a/%2e%2E/b', '/a?b=1', '/a#b', '/a b', '/a\\b', '/a/{owner}', '/a//b', '/a/%zz']) {
      assert.throws(() => checkPath(bad), (e: unknown) => e instanceof GitHubError && e.kind === 'validation', bad);
    }
  });
});

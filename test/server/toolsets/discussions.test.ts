import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { actsAs, identities } from '../../support/identities';
import { inProcessServer } from '../../support/inProcess';
import { textOf, type ServerHandle, type ToolClient } from '../../support/serverHarness';
import { serverFor, startSimulator, type Simulator } from '../../support/simServer';

// The discussions toolset (GraphQL) under a PAT and an unpinned App, against the discussions
// seeded in sim-org/api; writes are read back from the simulator's own GraphQL endpoint.

const api = { owner: 'sim-org', repo: 'api' };

interface Summary {
  id?: string;
  number: number;
  title: string;
  author?: string | null;
  category?: string;
  closed?: boolean;
  isAnswered?: boolean | null;
  comments?: number;
  updatedAt?: string;
  url?: string;
}
interface Page<T> {
  items: T[];
  totalCount?: number;
  hasNextPage?: boolean;
  endCursor?: string | null;
}
interface Category {
  id: string;
  name: string;
  isAnswerable?: boolean;
}
interface Comment {
  id: string;
  author?: string | null;
  body: string | null;
  isAnswer?: boolean;
  url?: string;
  replies?: Comment[];
  replyTo?: string | null;
}

/** What the simulator holds, asked as octocat (an org member) straight from its GraphQL endpoint. */
async function simGraphql(sim: Simulator, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(`${sim.origin}/api/graphql`, { method: 'POST', headers: { authorization: `token ${sim.createPersonalToken('octocat')}`, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: unknown; errors?: unknown };
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

for (const identity of identities('monalisa')) {
  describe(`discussions toolset (${identity.label})`, () => {
    let sim: Simulator;
    let server: ServerHandle | ToolClient;
    const author = identity.isApp ? 'sim-app' : 'monalisa';
    const asOrg = <T>(act: () => Promise<T>) => actsAs(sim, identity, sim.fixtures.installations.simOrg, act);

    before(async () => {
      sim = await startSimulator();
      const env = identity.env(sim, { GITHUB_TOOLSETS: 'discussions' });
      server = identity.isApp ? await inProcessServer(sim, `discussions ${identity.label}`, env) : await serverFor(sim, `discussions ${identity.label}`, env);
    });
    after(async () => {
      await server.close();
      await sim.close();
    });

    it('list_discussion_categories gives the ids, names and which are Q&A', async () => {
      const page = await asOrg(() => server.data<Page<Category>>('list_discussion_categories', api));
      assert.deepEqual(page.items.map((c) => [c.name, c.isAnswerable]), [['General', false], ['Q&A', true], ['Ideas', false]]);
      assert.equal(page.totalCount, 3);
      assert.ok(page.items.every((c) => c.id.length > 0));
    });

    it('list_discussions pages by cursor, newest activity first, and filters by category', async () => {
      const seen: Summary[] = [];
      let after: string | undefined;
      for (let i = 0; i < 5; i++) {
        const page = await asOrg(() => server.data<Page<Summary>>('list_discussions', { ...api, perPage: 2, ...(after ? { after } : {}) }));
        assert.equal(page.totalCount, 5);
        seen.push(...page.items);
        if (!page.hasNextPage) break;
        after = page.endCursor as string;
      }
      assert.equal(seen.length, 5);
      const updated = seen.map((d) => d.updatedAt as string);
      assert.deepEqual(updated, [...updated].sort().reverse());
      assert.deepEqual(seen.map((d) => d.title).sort(), ['Idea: a CLI', 'Is v1 still supported?', 'How do I authenticate?', 'Release cadence', 'Welcome to api'].sort());
      const oldest = await server.data<Page<Summary>>('list_discussions', { ...api, orderBy: 'CREATED_AT', direction: 'ASC', perPage: 1 });
      assert.equal(oldest.items[0].title, 'Welcome to api');
      const qa = (await server.data<Page<Category>>('list_discussion_categories', api)).items.find((c) => c.name === 'Q&A') as Category;
      const questions = await server.data<Page<Summary>>('list_discussions', { ...api, category: qa.id });
      assert.deepEqual(questions.items.map((d) => [d.title, d.category, d.isAnswered]), [['Is v1 still supported?', 'Q&A', false], ['How do I authenticate?', 'Q&A', true]]);
      const bad = await server.call('list_discussions', { ...api, category: 'not-a-category' });
      assert.equal(bad.isError, true);
    });

    it('get_discussion and get_discussion_comments: body, answer, comments with their replies', async () => {
      const list = await server.data<Page<Summary>>('list_discussions', { ...api, perPage: 10 });
      const number = (list.items.find((d) => d.title === 'How do I authenticate?') as Summary).number;
      const discussion = await asOrg(() => server.data<Summary & { body: string; answer?: { author?: string; id?: string } }>('get_discussion', { ...api, discussionNumber: number }));
      assert.equal(discussion.body, 'Which token does `authenticate()` expect?');
      assert.equal(discussion.author, 'hubot');
      assert.equal(discussion.answer?.author, 'octocat');
      assert.equal(discussion.comments, 2, 'top-level comments only');
      assert.match(discussion.url ?? '', new RegExp(`/sim-org/api/discussions/${number}$`));
      const comments = await asOrg(() => server.data<Page<Comment>>('get_discussion_comments', { ...api, discussionNumber: number }));
      assert.deepEqual(comments.items.map((c) => [c.author, c.isAnswer, c.replies?.length]), [['octocat', true, 1], ['monalisa', false, 0]]);
      assert.equal(comments.items[0].replies?.[0].body, 'That worked, thanks.');
      assert.equal(comments.items[0].id, discussion.answer?.id);
    });

    it('create_discussion and add_discussion_comment write, and the simulator holds them', async () => {
      const ideas = (await server.data<Page<Category>>('list_discussion_categories', api)).items.find((c) => c.name === 'Ideas') as Category;
      const created = await asOrg(() => server.data<Summary>('create_discussion', { ...api, categoryId: ideas.id, title: `Dark mode (${identity.label})`, body: 'Please.' }));
      assert.equal(created.author, author);
      assert.equal(created.category, 'Ideas');
      const held = await simGraphql(sim, 'query($n: Int!) { repository(owner: "sim-org", name: "api") { discussion(number: $n) { title body author { login } category { name } } } }', { n: created.number });
      assert.deepEqual(held.repository.discussion, { title: `Dark mode (${identity.label})`, body: 'Please.', author: { login: author }, category: { name: 'Ideas' } });

      const comment = await asOrg(() => server.data<Comment>('add_discussion_comment', { ...api, discussionNumber: created.number, body: 'Seconded.' }));
      assert.equal(comment.author, author);
      assert.equal(comment.replyTo, null);
      const reply = await server.data<Comment>('add_discussion_comment', { ...api, discussionNumber: created.number, body: 'Agreed.', replyToId: comment.id });
      assert.equal(reply.replyTo, comment.id);
      const thread = await simGraphql(sim, 'query($n: Int!) { repository(owner: "sim-org", name: "api") { discussion(number: $n) { comments(first: 10) { nodes { body replies(first: 10) { nodes { body author { login } } } } } } } }', { n: created.number });
      assert.deepEqual(thread.repository.discussion.comments.nodes, [{ body: 'Seconded.', replies: { nodes: [{ body: 'Agreed.', author: { login: author } }] } }]);

      const nested = await server.call('add_discussion_comment', { ...api, discussionNumber: created.number, body: 'Deeper.', replyToId: reply.id });
      assert.equal(nested.isError, true);
      assert.match(textOf(nested), /already in a thread/);
    });

    it('a missing discussion or repository is a not-found error', async () => {
      const missing = await server.call('get_discussion', { ...api, discussionNumber: 999 });
      assert.equal(missing.isError, true);
      assert.match(textOf(missing), /discussion sim-org\/api#999 was not found/i);
      const comment = await server.call('add_discussion_comment', { ...api, discussionNumber: 999, body: 'x' });
      assert.equal(comment.isError, true);
      assert.match(textOf(comment), /not found/i);
      const repo = await server.call('list_discussions', { owner: 'sim-org', repo: 'no-such-repo' });
      assert.equal(repo.isError, true);
      // An unpinned App finds no installation covering it before asking GitHub anything.
      assert.match(textOf(repo), identity.isApp ? /not installed on sim-org\/no-such-repo/ : /Could not resolve to a Repository with the name 'sim-org\/no-such-repo'/);
    });

    if (identity.isApp) {
      it('an installation without the discussions permission is refused', async () => {
        const refused = await server.call('list_discussions', { owner: 'octocat', repo: 'hello-world' });
        assert.equal(refused.isError, true);
        assert.match(textOf(refused), /Permission denied/);
      });
    } else {
      it('a repository without discussions lists none', async () => {
        const page = await server.data<Page<Summary>>('list_discussions', { owner: 'octocat', repo: 'hello-world' });
        assert.deepEqual(page.items, []);
        assert.equal(page.hasNextPage, false);
      });
    }
  });
}

describe('discussions toolset in read-only mode', () => {
  it('offers the reads and hides create_discussion and add_discussion_comment', async () => {
    const sim = await startSimulator();
    const server = await inProcessServer(sim, 'discussions read-only', { GITHUB_TOKEN: sim.createPersonalToken('monalisa', { scopes: ['repo'] }), GITHUB_TOOLSETS: 'discussions', GITHUB_READ_ONLY: '1' });
    try {
      const names = server.tools.map((t) => t.name).filter((n) => /discussion/.test(n)).sort();
      assert.deepEqual(names, ['get_discussion', 'get_discussion_comments', 'list_discussion_categories', 'list_discussions']);
      assert.equal((await server.data<Page<Summary>>('list_discussions', api)).totalCount, 5);
    } finally {
      await server.close();
      await sim.close();
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { identities } from '../support/identities';
import { serverFor, startSimulator, type ServerHandle, type Simulator } from '../support/simServer';

// notifications/progress over real stdio: push_files reports each of its steps when the call
// carries a progress token (the SDK Client sends one with onprogress), and nothing without one.
// Under a PAT and an unpinned App; the pushed files are read back from the simulator.

describe('progress: push_files', () => {
  let sim: Simulator;
  let reader: string;
  before(async () => {
    sim = await startSimulator();
    reader = sim.createPersonalToken('octocat', { scopes: ['repo'] });
  });
  after(async () => {
    await sim.close();
  });

  for (const identity of identities('monalisa')) {
    describe(identity.label, () => {
      let server: ServerHandle;
      before(async () => {
        server = await serverFor(sim, `progress ${identity.label}`, identity.env(sim));
      });
      after(async () => {
        await server.close();
      });

      const branch = `progress-${identity.isApp ? 'app' : 'pat'}`;
      const files = [
        { path: 'docs/one.md', content: '# one\n' },
        { path: 'docs/two.md', content: '# two\n' },
        { path: 'docs/three.md', content: '# three\n' },
      ];

      it('reports each step to a call with a progress token', async () => {
        const seen: Progress[] = [];
        const from = server.transport.stdoutLines.length;
        const result = await server.call('push_files', { owner: 'sim-org', repo: 'web', branch, files, message: 'Three docs' }, { onprogress: (p) => void seen.push(p) });
        assert.equal(result.isError, undefined, JSON.stringify(result.content));
        // What the server sent, read off stdout: the SDK Client drops a progress notification that
        // arrives in the same chunk as the response (it handles notifications a microtask later).
        const sent = server.transport.stdoutLines.slice(from).map((line) => JSON.parse(line)).filter((m) => m.method === 'notifications/progress').map((m) => m.params as Progress & { progressToken: unknown });
        assert.deepEqual(sent.map((p) => [p.progress, p.total]), [[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]], JSON.stringify(sent));
        assert.equal(new Set(sent.map((p) => p.progressToken)).size, 1);
        assert.ok(seen.length >= 1, `the client saw ${JSON.stringify(seen)}`);
        assert.deepEqual(seen, sent.slice(0, seen.length).map(({ progressToken: _token, ...p }) => p));
        assert.equal(sent[0].message, `read branch ${branch}`);
        assert.equal(sent[2].message, 'wrote a tree of 3 files');
        assert.equal(sent[4].message, `updated ${branch}`);
        // The push happened: the branch holds the files.
        for (const file of files) {
          const res = await fetch(`${sim.apiUrl}/repos/sim-org/web/contents/${file.path}?ref=${branch}`, { headers: { authorization: `token ${reader}`, accept: 'application/vnd.github.raw' } });
          assert.equal(await res.text(), file.content);
        }
      });

      it('sends no progress to a call without a token', async () => {
        const before = server.transport.stdoutLines.length;
        const result = await server.call('push_files', { owner: 'sim-org', repo: 'web', branch, files: [{ path: 'docs/one.md', content: '# one again\n' }], message: 'Again' });
        assert.equal(result.isError, undefined);
        const lines = server.transport.stdoutLines.slice(before);
        assert.ok(lines.length >= 1);
        assert.ok(!lines.some((line) => line.includes('notifications/progress')), lines.join('\n'));
      });
    });
  }
});

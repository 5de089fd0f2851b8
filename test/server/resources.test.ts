import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { McpError, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { actsAs, identities } from '../support/identities';
import { serverFor, startSimulator, type ServerHandle, type Simulator } from '../support/simServer';

// Repository contents as resources (repo:// templates) over real stdio, under a PAT and an
// unpinned App (installation 5002 covers sim-org): templates, text, binary and directory reads,
// ref variants, completions, and URIs the argument grammar refuses before any request.

const TEMPLATES = [
  'repo://{owner}/{repo}/contents{/path*}',
  'repo://{owner}/{repo}/refs/heads/{branch}/contents{/path*}',
  'repo://{owner}/{repo}/refs/tags/{tag}/contents{/path*}',
  'repo://{owner}/{repo}/sha/{sha}/contents{/path*}',
  'repo://{owner}/{repo}/refs/pull/{prNumber}/head/contents{/path*}',
];
const LEAKED = `ghp_${'A1b2C3d4E5'.repeat(4)}`;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), randomBytes(500)]);

async function put(sim: Simulator, token: string, path: string, bytes: Buffer): Promise<void> {
  const res = await fetch(`${sim.apiUrl}/repos/sim-org/api/contents/${path}`, {
    method: 'PUT',
    headers: { authorization: `token ${token}`, accept: 'application/vnd.github+json', 'content-type': 'application/json' },
    body: JSON.stringify({ message: `add ${path}`, content: bytes.toString('base64') }),
  });
  assert.equal(res.status, 201, await res.text());
}

async function readError(server: ServerHandle, uri: string): Promise<McpError> {
  const error = await server.client.readResource({ uri }).then(
    () => assert.fail(`${uri} was read`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof McpError, String(error));
  return error;
}

function only(result: ReadResourceResult): ReadResourceResult['contents'][number] & { text?: string; blob?: string } {
  assert.equal(result.contents.length, 1);
  return result.contents[0] as never;
}

describe('resources: repository contents', () => {
  let sim: Simulator;
  let writer: string;
  before(async () => {
    sim = await startSimulator();
    writer = sim.createPersonalToken('monalisa', { scopes: ['repo'] });
    await put(sim, writer, 'media/logo.png', PNG);
    await put(sim, writer, 'media/huge.bin', Buffer.concat([Buffer.alloc(1), randomBytes(300 * 1024)]));
    await put(sim, writer, 'notes/leak.txt', Buffer.from(`pasted by mistake: ${LEAKED}\n`));
  });
  after(async () => {
    await sim.close();
  });

  for (const identity of identities('monalisa')) {
    describe(identity.label, () => {
      let server: ServerHandle;
      before(async () => {
        server = await serverFor(sim, `resources ${identity.label}`, identity.env(sim));
      });
      after(async () => {
        await server.close();
      });

      it('declares the capabilities and lists the five templates', async () => {
        const capabilities = server.client.getServerCapabilities();
        for (const name of ['resources', 'prompts', 'completions', 'logging', 'tools'] as const) assert.ok(capabilities?.[name], name);
        const { resourceTemplates } = await server.client.listResourceTemplates();
        assert.deepEqual(resourceTemplates.map((t) => t.uriTemplate), TEMPLATES);
        assert.deepEqual((await server.client.listResources()).resources, []);
      });

      it('reads a text file as text with its MIME type, as the identity (an App as the installation)', async () => {
        const file = only(await actsAs(sim, identity, 5002, () => server.client.readResource({ uri: 'repo://sim-org/api/contents/README.md' })));
        assert.equal(file.uri, 'repo://sim-org/api/contents/README.md');
        assert.equal(file.mimeType, 'text/markdown');
        const raw = await fetch(`${sim.apiUrl}/repos/sim-org/api/contents/README.md`, { headers: { authorization: `token ${writer}`, accept: 'application/vnd.github.raw' } });
        assert.equal(file.text, await raw.text());
        assert.match(file.text!, /^# api\n/);
      });

      it('reads a binary file as a base64 blob, and refuses one over the cap', async () => {
        const file = only(await server.client.readResource({ uri: 'repo://sim-org/api/contents/media/logo.png' }));
        assert.equal(file.mimeType, 'image/png');
        assert.equal(file.text, undefined);
        assert.deepEqual(Buffer.from(file.blob!, 'base64'), PNG);
        const error = await readError(server, 'repo://sim-org/api/contents/media/huge.bin');
        assert.match(error.message, /binary file of 307201 bytes, over this server's 262144-byte limit/);
      });

      it('lists a directory (and the root) with a URI per entry', async () => {
        const dir = only(await server.client.readResource({ uri: 'repo://sim-org/api/contents/src' }));
        assert.equal(dir.mimeType, 'application/json');
        const listing = JSON.parse(dir.text!);
        assert.deepEqual(listing.entries.map((e: { name: string }) => e.name), ['index.ts']);
        assert.equal(listing.entries[0].uri, 'repo://sim-org/api/contents/src/index.ts');
        assert.equal(listing.entries[0].type, 'file');
        const root = JSON.parse(only(await server.client.readResource({ uri: 'repo://sim-org/api/contents' })).text!);
        const names = root.entries.map((e: { name: string; type: string }) => `${e.name}:${e.type}`);
        for (const name of ['README.md:file', 'src:dir', 'media:dir', 'package.json:file']) assert.ok(names.includes(name), `${name} in ${names}`);
      });

      it('reads at a branch, a tag and a sha', async () => {
        const branch = only(await server.client.readResource({ uri: 'repo://sim-org/api/refs/heads/main/contents/package.json' }));
        assert.match(branch.text!, /"name": "api"/);
        assert.equal(branch.mimeType, 'application/json');
        const tagged = only(await server.client.readResource({ uri: 'repo://sim-org/api/refs/tags/v1.0.0/contents/README.md' }));
        assert.match(tagged.text!, /^# api/);
        // At v1.0.0 the file added above did not exist yet.
        const missing = await readError(server, 'repo://sim-org/api/refs/tags/v1.0.0/contents/media/logo.png');
        assert.equal(missing.code, -32002);
        const tags = await (await fetch(`${sim.apiUrl}/repos/sim-org/api/tags`, { headers: { authorization: `token ${writer}` } })).json();
        const sha = (tags as Array<{ name: string; commit: { sha: string } }>).find((t) => t.name === 'v1.0.0')!.commit.sha;
        const atSha = JSON.parse(only(await server.client.readResource({ uri: `repo://sim-org/api/sha/${sha}/contents` })).text!);
        assert.ok(!atSha.entries.some((e: { name: string }) => e.name === 'media'));
        assert.equal(atSha.entries.find((e: { name: string }) => e.name === 'src').uri, `repo://sim-org/api/sha/${sha}/contents/src`);
      });

      it("reads a pull request's head", async () => {
        const file = only(await server.client.readResource({ uri: 'repo://sim-org/api/refs/pull/1/head/contents/src/auth.ts' }));
        assert.equal(file.mimeType, 'text/x-typescript');
        assert.match(file.text!, /token\.trim\(\)\.length > 0/);
        assert.equal((await readError(server, 'repo://sim-org/api/refs/pull/999/head/contents/README.md')).code, -32002);
      });

      it('redacts a credential in a text file, as tool results are', async () => {
        const file = only(await server.client.readResource({ uri: 'repo://sim-org/api/contents/notes/leak.txt' }));
        assert.equal(file.text, 'pasted by mistake: [redacted]\n');
      });

      it('says where the App is not installed', async () => {
        if (!identity.isApp) return;
        const error = await readError(server, 'repo://hubot/scripts/contents/README.md');
        assert.match(error.message, /not installed on hubot\/scripts/);
      });

      it('answers a missing file with "resource not found" naming it', async () => {
        const error = await readError(server, 'repo://sim-org/api/contents/nope.md');
        assert.equal(error.code, -32002);
        assert.match(error.message, /nope\.md/);
      });

      it('refuses "..", encoded dots, bad owners and foreign URIs before any request', async () => {
        const from = sim.stats.requests.length;
        for (const uri of [
          'repo://sim-org/api/contents/src/../README.md',
          'repo://sim-org/api/contents/%2e%2e/%2e%2e/user',
          'repo://sim-org/api/contents/a%2F..%2Fb',
          'repo://../api/contents/README.md',
          'repo://sim-org/api/refs/heads/a..b/contents/README.md',
          'repo://sim-org/api/refs/pull/x/head/contents',
          'repo://sim-org/api/contents//etc',
          'file:///etc/passwd',
          'repo://sim-org/api/blob/README.md',
        ]) {
          const error = await readError(server, uri);
          assert.equal(error.code, -32602, uri);
        }
        const dots = await readError(server, 'repo://sim-org/api/contents/src/../README.md');
        assert.match(dots.message, /path: must be a path without "\." or "\.\." segments/);
        assert.equal(sim.stats.requests.length, from, 'no request was sent');
      });

      it('completes owner, repo, branch, tag and path', async () => {
        const ref = { type: 'ref/resource' as const, uri: TEMPLATES[1] };
        const values = async (name: string, value: string, context?: Record<string, string>) =>
          (await server.client.complete({ ref, argument: { name, value }, ...(context ? { context: { arguments: context } } : {}) })).completion.values;
        assert.ok((await values('owner', 'sim')).includes('sim-org'));
        assert.deepEqual(await values('repo', 'a', { owner: 'sim-org' }), ['api']);
        assert.deepEqual(await values('branch', 'ma', { owner: 'sim-org', repo: 'api' }), ['main']);
        const tagRef = { type: 'ref/resource' as const, uri: TEMPLATES[2] };
        assert.deepEqual((await server.client.complete({ ref: tagRef, argument: { name: 'tag', value: 'v1.0' }, context: { arguments: { owner: 'sim-org', repo: 'api' } } })).completion.values, ['v1.0.0', 'v1.0.1']);
        assert.deepEqual(await values('path', 'src/', { owner: 'sim-org', repo: 'api', branch: 'main' }), ['src/index.ts']);
        assert.deepEqual(await values('path', 'me', { owner: 'sim-org', repo: 'api' }), ['media/']);
        // Not an argument of that template, a malformed context, an unknown template: no values, and no request.
        const from = sim.stats.requests.length;
        assert.deepEqual(await values('tag', 'v'), []);
        assert.deepEqual(await values('path', '', { owner: 'sim-org', repo: '..' }), []);
        assert.deepEqual((await server.client.complete({ ref: { type: 'ref/resource', uri: 'repo://x' }, argument: { name: 'owner', value: '' } })).completion.values, []);
        assert.equal(sim.stats.requests.length, from);
      });
    });
  }
});

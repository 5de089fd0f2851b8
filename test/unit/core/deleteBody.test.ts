import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GitHubClock } from '../../../src/core/clock';
import { createTransport, type Transport } from '../../../src/core/client/transport';
import type { GitHub } from '../../../src/core/github';
import { config, github, json, loopback, type Loopback } from './loopback';

// Node frames a request body by default only for POST/PUT/PATCH: a DELETE with a body (GitHub's
// remove-sub-issue, delete-a-file) must still arrive whole, with a Content-Length.
describe('transport: request bodies on DELETE', () => {
  let api: Loopback;
  let gh: GitHub;
  let transport: Transport;
  let base: string;

  before(async () => {
    api = await loopback((_req, res, seen) => json(res, 200, { echoed: seen.body }));
    base = `${api.origin}/api/v3`;
    gh = github(base);
    transport = createTransport(config(base), new GitHubClock());
  });
  after(async () => {
    await gh.close();
    await transport.close();
    await api.close();
  });

  it('a DELETE body through Octokit reaches GitHub with its Content-Length', async () => {
    const client = await gh.client();
    const { data } = await client.rest.issues.removeSubIssue({ owner: 'o', repo: 'r', issue_number: 1, sub_issue_id: 42 });
    const seen = api.seen.at(-1);
    assert.equal(seen?.method, 'DELETE');
    assert.deepEqual(JSON.parse(seen?.body ?? 'null'), { sub_issue_id: 42 });
    assert.equal(seen?.headers['content-length'], String(Buffer.byteLength(seen?.body ?? '')));
    assert.deepEqual(data, { echoed: '{"sub_issue_id":42}' });
  });

  it('a multi-byte body is counted in bytes; a DELETE without a body sends none', async () => {
    await transport.fetch(`${base}/x`, { method: 'DELETE', body: JSON.stringify({ message: 'é✓' }) });
    assert.equal(api.seen.at(-1)?.headers['content-length'], String(Buffer.byteLength('{"message":"é✓"}')));
    assert.equal(api.seen.at(-1)?.body, '{"message":"é✓"}');
    await transport.fetch(`${base}/y`, { method: 'DELETE' });
    assert.equal(api.seen.at(-1)?.body, '');
  });
});

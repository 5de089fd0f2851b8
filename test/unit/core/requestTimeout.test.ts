import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { after, describe, it } from 'node:test';
import { runInCallScope } from '../../../src/core/client/callScope';
import { github, loopback, type Loopback } from './loopback';

// A garbage collection on demand: what a busy server does on its own sooner or later.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('the per-request timeout inside a call', () => {
  let hung: Loopback;
  after(() => hung?.close());

  it('still fires after a garbage collection, so a hung GitHub gets one attempt per GITHUB_TIMEOUT', async () => {
    hung = await loopback(() => {});
    const gh = github(`${hung.origin}/api/v3`, { GITHUB_TIMEOUT: '0.3', GITHUB_RETRY: '2' });
    const started = Date.now();
    const collecting = setInterval(gc, 50);
    try {
      const call = runInCallScope({ label: 'get_repository', timeoutMs: 8_000 }, async () => (await gh.client()).request('GET /repos/o/r'));
      await assert.rejects(call, (error: Error) => /timed out|in time/i.test(error.message));
      // Three 0.3 s attempts and two backoffs (0.5 s, 1 s): far below the 8 s deadline.
      assert.ok(Date.now() - started < 4_000, `${Date.now() - started} ms`);
      assert.equal(hung.seen.length, 3);
    } finally {
      clearInterval(collecting);
      await gh.close();
    }
  });
});
